package org.opendialer.messaging.sms;

import java.util.List;

/**
 * What the aggregator said to a submit: every part accepted, the whole message rejected, no answer to a part
 * already written (the SMSC may have it), or nothing sent because the caller's claim said no.
 */
public sealed interface SmsSubmitResult {

    /**
     * @param messageIds the SMSC's id of each part, in order; the delivery receipt refers to the last one
     * @param encoding   GSM-7 or UCS-2
     */
    record Accepted(List<String> messageIds, SmsEncoding encoding) implements SmsSubmitResult {
        public Accepted {
            messageIds = List.copyOf(messageIds);
        }

        public String receiptId() {
            return messageIds.getLast();
        }
    }

    /**
     * @param commandStatus SMPP command_status of the refusal (e.g. 0x0B invalid destination), or -1 when the
     *                      transport failed (not bound, timeout)
     * @param reason        the status name and what it means
     * @param retryable     throttling, queue full or transport trouble: the same message may succeed later
     * @param partsSent     parts the SMSC accepted before the refusal (a concatenated message can fail mid-way)
     */
    record Rejected(int commandStatus, String reason, boolean retryable, int partsSent) implements SmsSubmitResult {
    }

    /**
     * A part was written but no answer came (timeout, link lost): the SMSC may or may not have the message, so
     * sending it again risks a duplicate.
     */
    record Unanswered(String reason, int partsSent) implements SmsSubmitResult {
    }

    /** The caller's claim refused (stopping, or another node took the message): nothing was written. */
    record Unclaimed() implements SmsSubmitResult {
    }
}
