package org.opendialer.notifications.messaging;

import java.util.List;
import org.opendialer.messaging.email.SmtpConfig;
import org.opendialer.messaging.sms.SmppConfig;

/**
 * Section {@code messaging} of the configuration: transports, keywords and conversation settings.
 *
 * @param sms                the SMPP bind
 * @param email              SMTP out and the inbound SMTP server for replies
 * @param defaultRegion      region for phone numbers written without a country code (ISO 3166, e.g. US)
 * @param publicBaseUrl      how recipients reach this server's public endpoints (the one-click unsubscribe link),
 *                           e.g. {@code https://dialer.example.com}
 * @param replyWindowMinutes a reply within this time of the last message joins the conversation; after it the
 *                           conversation closes (1..43200)
 * @param campaignTickMillis how often running campaigns are paced (100..60000)
 * @param keywords           keywords and replies for every sender
 * @param senders            custom or localised keywords of single sender numbers, added to {@code keywords}
 * @param receiptWaitMinutes how long a delivery receipt whose SMSC message id is not (yet) stored waits for it
 *                           before it is dropped and counted as unknown (1..10080, default 60)
 */
public record MessagingConfig(SmppConfig sms, SmtpConfig email, String defaultRegion, String publicBaseUrl,
                              int replyWindowMinutes, int campaignTickMillis, KeywordSet keywords,
                              List<KeywordBook.SenderKeywords> senders, int receiptWaitMinutes) {

    public MessagingConfig {
        sms = sms == null ? disabledSms() : sms;
        email = email == null ? new SmtpConfig(false, "", 25, "", "", false, "", "", 0, 0, null) : email;
        defaultRegion = defaultRegion == null || defaultRegion.isBlank() ? "US" : defaultRegion;
        publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? "http://127.0.0.1:8080" : publicBaseUrl.replaceAll("/+$", "");
        replyWindowMinutes = replyWindowMinutes == 0 ? 1440 : replyWindowMinutes;
        if (replyWindowMinutes < 1 || replyWindowMinutes > 43_200) {
            throw new IllegalArgumentException("replyWindowMinutes: must be 1..43200, was " + replyWindowMinutes);
        }
        campaignTickMillis = campaignTickMillis == 0 ? 1000 : campaignTickMillis;
        if (campaignTickMillis < 100 || campaignTickMillis > 60_000) {
            throw new IllegalArgumentException("campaignTickMillis: must be 100..60000, was " + campaignTickMillis);
        }
        keywords = keywords == null ? KeywordSet.STANDARD : keywords.over(KeywordSet.STANDARD);
        senders = senders == null ? List.of() : List.copyOf(senders);
        receiptWaitMinutes = receiptWaitMinutes == 0 ? 60 : receiptWaitMinutes;
        if (receiptWaitMinutes < 1 || receiptWaitMinutes > 10_080) {
            throw new IllegalArgumentException("receiptWaitMinutes: must be 1..10080, was " + receiptWaitMinutes);
        }
        if (!publicBaseUrl.startsWith("http://") && !publicBaseUrl.startsWith("https://")) {
            throw new IllegalArgumentException("publicBaseUrl: must start with http:// or https://, was '" + publicBaseUrl + "'");
        }
    }

    private static SmppConfig disabledSms() {
        return new SmppConfig(false, "", 2775, "", "", "", "", 1, 1, 10, 0, 30, 5, 10_000);
    }

    /** Everything off: what a node without a messaging section gets. */
    public static MessagingConfig disabled() {
        return new MessagingConfig(null, null, null, null, 0, 0, null, null, 0);
    }

    public KeywordBook keywordBook() {
        return new KeywordBook(keywords, senders);
    }
}
