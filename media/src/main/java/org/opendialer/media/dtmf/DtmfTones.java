package org.opendialer.media.dtmf;

/** The DTMF frequency matrix (ITU-T Q.23) and RFC 4733 §3.2 event codes. */
public final class DtmfTones {

    public static final double[] ROWS = {697, 770, 852, 941};
    public static final double[] COLS = {1209, 1336, 1477, 1633};
    private static final String KEYS = "123A456B789C*0#D";
    private static final String EVENTS = "0123456789*#ABCD";

    private DtmfTones() {
    }

    /** Digit at row r, column c (0..3 each). */
    public static char digit(int row, int col) {
        return KEYS.charAt(row * 4 + col);
    }

    /** Row index 0..3 of a digit, or -1 if it is not a DTMF key. */
    public static int row(char digit) {
        int i = KEYS.indexOf(Character.toUpperCase(digit));
        return i < 0 ? -1 : i / 4;
    }

    public static int col(char digit) {
        int i = KEYS.indexOf(Character.toUpperCase(digit));
        return i < 0 ? -1 : i % 4;
    }

    /** RFC 4733 event code 0..15 of a digit, or -1. */
    public static int event(char digit) {
        return EVENTS.indexOf(Character.toUpperCase(digit));
    }

    /** Digit of an RFC 4733 event code, or 0 for codes outside 0..15 (e.g. 16 = flash). */
    public static char digitOfEvent(int event) {
        return event >= 0 && event < 16 ? EVENTS.charAt(event) : 0;
    }

    public static boolean isDigit(char c) {
        return row(c) >= 0;
    }
}
