package org.opendialer.messaging.sms;

import java.time.Instant;

/**
 * A delivery receipt (SMPP 3.4 appendix B) for a message the SMSC accepted.
 *
 * @param messageId the SMSC's message id it refers to
 * @param state     final or intermediate state
 * @param error     the network error code of the receipt's {@code err:} field ("000" when none)
 * @param at        when it arrived here
 */
public record SmsReceipt(String messageId, State state, String error, Instant at) {

    /** States of the receipt's {@code stat:} field. */
    public enum State {
        ENROUTE, DELIVERED, EXPIRED, DELETED, UNDELIVERABLE, ACCEPTED, UNKNOWN, REJECTED;

        public boolean isFinal() {
            return this != ENROUTE && this != ACCEPTED && this != UNKNOWN;
        }

        /** Maps the 7-letter form of the receipt ({@code DELIVRD}, {@code UNDELIV} ...). */
        public static State fromStat(String stat) {
            return switch (stat == null ? "" : stat.trim().toUpperCase(java.util.Locale.ROOT)) {
                case "ENROUTE" -> ENROUTE;
                case "DELIVRD" -> DELIVERED;
                case "EXPIRED" -> EXPIRED;
                case "DELETED" -> DELETED;
                case "UNDELIV" -> UNDELIVERABLE;
                case "ACCEPTD" -> ACCEPTED;
                case "REJECTD" -> REJECTED;
                default -> UNKNOWN;
            };
        }
    }
}
