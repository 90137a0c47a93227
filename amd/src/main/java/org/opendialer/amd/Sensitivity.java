package org.opendialer.amd;

import java.util.Locale;
import java.util.Map;

/**
 * Operating points of the detector, from safest for people to quickest to call a machine. Each moves the same
 * structural limits together; {@code amd eval} prints the curve they trace (machine precision and recall, people
 * taken for machines). A campaign picks one with the parameter {@code sensitivity} and may still override single
 * keys after it.
 *
 * <p>The limits come from how people answer, not from the bench: a person's first turn is a word or two, at most a
 * fluent "Hello, this is Mike speaking" of about 2 s; voicemail greetings run past 3 s. BALANCED keeps a 20 % margin
 * above 2 s; CONSERVATIVE waits for more than any first turn; AGGRESSIVE is close to app_amd's defaults (1.5 s
 * greeting) and will hang up on people who introduce themselves.
 */
public enum Sensitivity {
    CONSERVATIVE(Map.of("greetingMs", 3200, "maxContinuousSpeechMs", 3200, "maxWords", 8, "beepMinMs", 300,
            "afterGreetingSilenceMs", 700)),
    BALANCED(Map.of("greetingMs", 2400, "maxContinuousSpeechMs", 2400, "maxWords", 6, "beepMinMs", 200,
            "afterGreetingSilenceMs", 800)),
    AGGRESSIVE(Map.of("greetingMs", 1500, "maxContinuousSpeechMs", 1000, "maxWords", 4, "beepMinMs", 100,
            "afterGreetingSilenceMs", 1000));

    private final Map<String, Integer> limits;

    Sensitivity(Map<String, Integer> limits) {
        this.limits = limits;
    }

    /** The parameter values this preset sets. */
    public Map<String, Integer> limits() {
        return limits;
    }

    /** Parses a preset name, case-insensitively. */
    public static Sensitivity of(Object name) {
        String s = String.valueOf(name).trim().toUpperCase(Locale.ROOT);
        for (Sensitivity v : values()) {
            if (v.name().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("sensitivity must be conservative, balanced or aggressive, got " + name);
    }
}
