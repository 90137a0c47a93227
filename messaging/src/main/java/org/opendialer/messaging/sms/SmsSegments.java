package org.opendialer.messaging.sms;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A text cut into the SMS it will travel as. Parts never split a GSM escape pair nor a UTF-16 surrogate pair.
 *
 * @param encoding GSM-7 or UCS-2
 * @param parts    the text of each SMS, in order; one part means no concatenation
 */
public record SmsSegments(SmsEncoding encoding, List<String> parts) {

    public SmsSegments {
        parts = List.copyOf(parts);
    }

    public static SmsSegments of(String text) {
        SmsEncoding enc = SmsEncoding.detect(text);
        int units = enc == SmsEncoding.GSM7 ? Gsm7.septetCount(text) : text.length();
        if (units <= enc.singleLimit()) {
            return new SmsSegments(enc, List.of(text));
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int cost = enc == SmsEncoding.GSM7 ? Gsm7.septets(c) : (Character.isHighSurrogate(c) ? 2 : 1);
            if (used + cost > enc.partLimit()) {
                parts.add(text.substring(start, i));
                start = i;
                used = 0;
            }
            used += cost;
            if (enc == SmsEncoding.UCS2 && Character.isHighSurrogate(c)) {
                i++;
            }
        }
        parts.add(text.substring(start));
        return new SmsSegments(enc, parts);
    }

    public int count() {
        return parts.size();
    }

    /** Character offsets (into the original text) where parts 2..n begin. */
    public List<Integer> boundaries() {
        List<Integer> out = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < parts.size() - 1; i++) {
            at += parts.get(i).length();
            out.add(at);
        }
        return out;
    }

    /**
     * The {@code short_message} octets of part {@code index}, with a concatenation UDH (IEI 0x00, 8-bit reference,
     * 3GPP TS 23.040 section 9.2.3.24.1) when there is more than one part.
     */
    public byte[] payload(int index, int reference) {
        String part = parts.get(index);
        byte[] body = encoding == SmsEncoding.GSM7 ? Gsm7.encode(part) : part.getBytes(StandardCharsets.UTF_16BE);
        if (parts.size() == 1) {
            return body;
        }
        byte[] out = new byte[6 + body.length];
        out[0] = 0x05;
        out[1] = 0x00;
        out[2] = 0x03;
        out[3] = (byte) reference;
        out[4] = (byte) parts.size();
        out[5] = (byte) (index + 1);
        System.arraycopy(body, 0, out, 6, body.length);
        return out;
    }

    /** Decodes a received {@code short_message}, dropping a UDH when {@code udhi} is set. */
    public static String decode(byte[] message, byte dataCoding, boolean udhi) {
        int offset = udhi && message.length > 0 ? 1 + (message[0] & 0xFF) : 0;
        int len = Math.max(0, message.length - offset);
        return switch (dataCoding & 0x0F) {
            case 0x08 -> new String(message, offset, len, StandardCharsets.UTF_16BE);
            case 0x03 -> new String(message, offset, len, StandardCharsets.ISO_8859_1);
            case 0x01 -> new String(message, offset, len, StandardCharsets.US_ASCII);
            default -> Gsm7.decode(message, offset, len);
        };
    }
}
