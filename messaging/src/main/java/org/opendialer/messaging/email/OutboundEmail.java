package org.opendialer.messaging.email;

import java.net.URI;
import java.util.List;

/**
 * One email to send. At least one of {@code text} and {@code html}; both make a multipart/alternative.
 *
 * @param from           sender address; empty = the configured default
 * @param unsubscribeUrl when set, {@code List-Unsubscribe} and {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}
 *                       (RFC 8058) are added; the URL must accept a POST without cookies or login
 * @param inReplyTo      Message-IDs this answers (threading); may be empty
 */
public record OutboundEmail(String from, String to, String subject, String text, String html, URI unsubscribeUrl,
                            List<String> inReplyTo) {
    public OutboundEmail {
        from = from == null ? "" : from;
        subject = subject == null ? "" : subject;
        inReplyTo = inReplyTo == null ? List.of() : List.copyOf(inReplyTo);
        if (to == null || !to.contains("@")) {
            throw new IllegalArgumentException("to: must be an email address");
        }
        if ((text == null || text.isEmpty()) && (html == null || html.isEmpty())) {
            throw new IllegalArgumentException("text: a text or an html body is required");
        }
    }
}
