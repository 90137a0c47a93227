package org.opendialer.messaging.sms;

/**
 * One text to submit.
 *
 * @param from sender (short code, long code or alphanumeric); empty = the bind's configured source address
 * @param to   destination in E.164 ({@code +15551234567}); the '+' is dropped on the wire (TON international)
 * @param text any Unicode; the encoding and the split into parts are chosen by {@link SmsSegments}
 */
public record OutboundSms(String from, String to, String text) {
    public OutboundSms {
        from = from == null ? "" : from;
        if (to == null || to.isBlank()) {
            throw new IllegalArgumentException("to: required");
        }
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("text: required");
        }
    }
}
