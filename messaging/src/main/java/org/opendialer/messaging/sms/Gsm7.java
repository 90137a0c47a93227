package org.opendialer.messaging.sms;

import java.io.ByteArrayOutputStream;

/**
 * The GSM 03.38 default alphabet and its extension table, unpacked (one septet per byte), which is what SMPP's
 * {@code data_coding = 0} carries. Characters of the extension table take two septets (escape + code), which is
 * why "€" counts twice towards the 160.
 */
public final class Gsm7 {

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final int ESC = 0x1B;
    private static final int[] BASIC_CODE = new int[0x10000];
    private static final int[] EXT_CODE = new int[0x10000];
    private static final char[] EXT_CHAR = new char[128];

    static {
        if (BASIC.length() != 128) {
            throw new AssertionError("GSM basic table has " + BASIC.length() + " entries");
        }
        java.util.Arrays.fill(BASIC_CODE, -1);
        java.util.Arrays.fill(EXT_CODE, -1);
        for (int i = 0; i < 128; i++) {
            if (i != ESC) {
                BASIC_CODE[BASIC.charAt(i)] = i;
            }
        }
        ext(0x0A, '\f');
        ext(0x14, '^');
        ext(0x28, '{');
        ext(0x29, '}');
        ext(0x2F, '\\');
        ext(0x3C, '[');
        ext(0x3D, '~');
        ext(0x3E, ']');
        ext(0x40, '|');
        ext(0x65, '€');
    }

    private static void ext(int code, char c) {
        EXT_CODE[c] = code;
        EXT_CHAR[code] = c;
    }

    private Gsm7() {
    }

    /** Septets this character takes: 1 (basic), 2 (extension table) or 0 when GSM-7 cannot carry it. */
    public static int septets(char c) {
        if (BASIC_CODE[c] >= 0) {
            return 1;
        }
        return EXT_CODE[c] >= 0 ? 2 : 0;
    }

    /** True when every character of {@code text} is in the default alphabet or its extension table. */
    public static boolean canEncode(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (septets(text.charAt(i)) == 0) {
                return false;
            }
        }
        return true;
    }

    public static int septetCount(CharSequence text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            n += septets(text.charAt(i));
        }
        return n;
    }

    /** Unpacked septets; characters GSM-7 cannot carry become '?'. */
    public static byte[] encode(CharSequence text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC_CODE[c] >= 0) {
                out.write(BASIC_CODE[c]);
            } else if (EXT_CODE[c] >= 0) {
                out.write(ESC);
                out.write(EXT_CODE[c]);
            } else {
                out.write('?');
            }
        }
        return out.toByteArray();
    }

    public static String decode(byte[] septets, int offset, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = offset; i < offset + length; i++) {
            int code = septets[i] & 0x7F;
            if (code == ESC && i + 1 < offset + length) {
                char c = EXT_CHAR[septets[++i] & 0x7F];
                sb.append(c == 0 ? ' ' : c);
            } else {
                sb.append(BASIC.charAt(code));
            }
        }
        return sb.toString();
    }
}
