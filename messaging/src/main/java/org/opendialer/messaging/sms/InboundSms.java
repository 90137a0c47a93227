package org.opendialer.messaging.sms;

import java.time.Instant;

/**
 * A mobile-originated message (deliver_sm that is not a receipt).
 *
 * @param from the subscriber, E.164 with '+' when the SMSC said TON international
 * @param to   our short or long code it was sent to
 */
public record InboundSms(String from, String to, String text, Instant receivedAt) {
}
