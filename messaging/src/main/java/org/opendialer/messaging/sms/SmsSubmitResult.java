package org.opendialer.messaging.sms;

import java.util.List;

/** What the aggregator said to a submit: every part accepted, or the whole message rejected. */
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
}
