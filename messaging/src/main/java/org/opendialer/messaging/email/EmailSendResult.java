package org.opendialer.messaging.email;

/** What the relay said. */
public sealed interface EmailSendResult {

    /** Accepted by the relay; {@code messageId} is the Message-ID header with its angle brackets. */
    record Sent(String messageId) implements EmailSendResult {
    }

    /**
     * @param bounced   the relay refused the recipient for good (5xx): a hard bounce
     * @param messageId the Message-ID the message would have had
     */
    record Failed(String reason, boolean bounced, String messageId) implements EmailSendResult {
    }
}
