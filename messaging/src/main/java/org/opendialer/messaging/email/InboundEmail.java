package org.opendialer.messaging.email;

import java.time.Instant;
import java.util.List;

/**
 * A message received by the embedded SMTP server.
 *
 * @param messageId      its own Message-ID
 * @param inReplyTo      In-Reply-To ids (RFC 5322 section 3.6.4)
 * @param references     References ids, oldest first; for a delivery report also the ids found in the returned headers
 * @param deliveryReport a bounce (multipart/report; report-type=delivery-status, RFC 3464)
 */
public record InboundEmail(String from, String to, String subject, String text, String messageId,
                           List<String> inReplyTo, List<String> references, boolean deliveryReport, Instant receivedAt) {
    public InboundEmail {
        inReplyTo = List.copyOf(inReplyTo);
        references = List.copyOf(references);
    }

    /** Ids to look the original up by, most specific first. */
    public List<String> threadIds() {
        java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>(inReplyTo);
        ids.addAll(references.reversed());
        return List.copyOf(ids);
    }
}
