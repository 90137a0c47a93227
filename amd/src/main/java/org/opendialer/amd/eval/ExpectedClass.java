package org.opendialer.amd.eval;

import java.util.Locale;
import org.opendialer.amd.progress.SitCode;

/**
 * What the bench expects for a label of the corpus format ({@code class:subtype}). Call-progress tones that are not
 * AMD results (ringback, busy, reorder) are their own classes; {@code dtmf:*} and unknown classes are skipped.
 *
 * @param name    HUMAN, MACHINE, FAX, SIT, NO_SPEECH, RINGBACK, BUSY or REORDER
 * @param sitCode expected SIT variant when the subtype names one ({@code sit_nc}, {@code sit_itu}...), else null
 */
record ExpectedClass(String name, SitCode sitCode) {

    /** The expected class, or {@code null} when the label is not part of the AMD bench. */
    static ExpectedClass of(String label) {
        String l = label.trim().toLowerCase(Locale.ROOT);
        int colon = l.indexOf(':');
        String cls = colon < 0 ? l : l.substring(0, colon);
        String sub = colon < 0 ? "" : l.substring(colon + 1);
        return switch (cls) {
            case "human" -> new ExpectedClass("HUMAN", null);
            case "machine" -> new ExpectedClass("MACHINE", null);
            case "fax" -> new ExpectedClass("FAX", null);
            case "sit" -> sit(sub);
            case "silence" -> new ExpectedClass("NO_SPEECH", null);
            case "tones" -> tone(sub);
            default -> null;
        };
    }

    private static ExpectedClass tone(String sub) {
        if (sub.startsWith("sit")) {
            return sit(sub);
        }
        if (sub.startsWith("fax") || sub.startsWith("cng") || sub.startsWith("ced") || sub.startsWith("modem")) {
            return new ExpectedClass("FAX", null);
        }
        if (sub.contains("beep")) {
            return new ExpectedClass("MACHINE", null); // a voicemail that only beeps
        }
        if (sub.startsWith("ringback")) {
            return new ExpectedClass("RINGBACK", null);
        }
        if (sub.startsWith("busy")) {
            return new ExpectedClass("BUSY", null);
        }
        if (sub.startsWith("reorder") || sub.startsWith("congestion")) {
            return new ExpectedClass("REORDER", null);
        }
        if (sub.startsWith("silence")) {
            return new ExpectedClass("NO_SPEECH", null);
        }
        return null;
    }

    private static ExpectedClass sit(String sub) {
        String code = sub.startsWith("sit_") ? sub.substring(4).toUpperCase(Locale.ROOT) : "";
        for (SitCode c : SitCode.values()) {
            if (c.name().equals(code)) {
                return new ExpectedClass("SIT", c);
            }
        }
        return new ExpectedClass("SIT", null);
    }
}
