package org.opendialer.amd;

import java.util.Locale;
import java.util.Map;

/**
 * Tuning of one AMD run. All durations are milliseconds of audio and are rounded down to whole 20 ms frames; levels
 * are dBFS. {@link #defaults()} is the reference configuration; campaigns override single keys with
 * {@link #withOverrides(Map)} using the component names below.
 *
 * @param initialSilenceMs       no word within this time from answer gives {@link AmdResult#NO_SPEECH} (2500), but only
 *                               on a line that stayed silent and is quiet enough to hear -35 dBFS speech on; otherwise
 *                               the detector listens on and ends as UNKNOWN
 * @param greetingMs             speech in the greeting beyond this is a machine's greeting (2400; see
 *                               {@link Sensitivity})
 * @param afterGreetingSilenceMs silence after a short greeting that makes it a person waiting for a reply (800)
 * @param totalAnalysisMs        hard limit of the analysis; undecided calls end as UNKNOWN (6000: a greeting
 *                               of 2.4 s of speech with its pauses fits in it)
 * @param minWordMs              voice bursts shorter than this are clicks, not words (100)
 * @param wordGapMs              silence that separates two words (150); shorter dips stay inside a word
 * @param maxWords               more words than this in the greeting is a machine (6)
 * @param speechOverNoiseDb      a frame is speech when this far above the tracked noise floor (12)
 * @param minSpeechDbfs          and louder than this absolute level to start (-55); once started, speech goes on
 *                               while it stays {@code speechOverNoiseDb} over the floor. Not lower: in async mode
 *                               an echo of our own prompt 25 dB down would start words (see amd/corpus/README.md)
 * @param awaitMachineEnd        after MACHINE keep listening and report {@link AmdEvent.MachineEnd} (true)
 * @param beepMinMs              shortest steady tone accepted as a beep (200; a low voice's vowel can be one pure
 *                               harmonic for 100 ms)
 * @param beepMaxMs              longest steady tone accepted as a beep; longer ones are other tones (2500)
 * @param machineEndSilenceMs    silence after the greeting with no beep that ends it as MACHINE_END_SILENCE (3000)
 * @param machineEndMaxMs        give up waiting for the end of the greeting after this, counted from answer (60000)
 * @param toneCountries          comma-separated country tone tables for call-progress analysis ("US,UK,EU")
 * @param maxContinuousSpeechMs  one unbroken utterance (no pause of {@code wordGapMs}) this long that carries at least
 *                               three syllable-like energy peaks is a machine (2400)
 *
 * <p>The defaults are {@link Sensitivity#BALANCED}; the key {@code sensitivity} of {@link #withOverrides(Map)}
 * selects another preset. They are cost-sensitive: a person taken for a machine is an abandoned call (FCC, Ofcom)
 * and a lost customer, a machine taken for a person costs an agent a few seconds. So the limits that make a
 * MACHINE sit above what a person says on answering (a fluent "Hello, this is Mike speaking" is 1.2-2 s of
 * unbroken speech), and short recorded phrases followed by silence are called HUMAN: on structure alone they are a
 * person's answer.
 */
public record AmdParams(
        int initialSilenceMs,
        int greetingMs,
        int afterGreetingSilenceMs,
        int totalAnalysisMs,
        int minWordMs,
        int wordGapMs,
        int maxWords,
        double speechOverNoiseDb,
        double minSpeechDbfs,
        boolean awaitMachineEnd,
        int beepMinMs,
        int beepMaxMs,
        int machineEndSilenceMs,
        int machineEndMaxMs,
        String toneCountries,
        int maxContinuousSpeechMs) {

    /** Length of one frame: 160 samples at 8 kHz. */
    public static final int FRAME_MS = 20;

    public AmdParams {
        positive("initialSilenceMs", initialSilenceMs);
        positive("greetingMs", greetingMs);
        positive("afterGreetingSilenceMs", afterGreetingSilenceMs);
        positive("totalAnalysisMs", totalAnalysisMs);
        positive("minWordMs", minWordMs);
        positive("wordGapMs", wordGapMs);
        positive("maxWords", maxWords);
        positive("beepMinMs", beepMinMs);
        positive("machineEndSilenceMs", machineEndSilenceMs);
        positive("machineEndMaxMs", machineEndMaxMs);
        positive("maxContinuousSpeechMs", maxContinuousSpeechMs);
        if (beepMaxMs < beepMinMs) {
            throw new IllegalArgumentException("beepMaxMs must be >= beepMinMs");
        }
        if (toneCountries == null || toneCountries.isBlank()) {
            throw new IllegalArgumentException("toneCountries must name at least one country");
        }
    }

    /** The reference configuration: {@link Sensitivity#BALANCED}. */
    public static AmdParams defaults() {
        return new AmdParams(2500, 2400, 800, 6000, 100, 150, 6, 12.0, -55.0, true, 200, 2500, 3000, 60000,
                "US,UK,EU", 2400);
    }

    /** The defaults moved to a sensitivity preset. */
    public static AmdParams of(Sensitivity sensitivity) {
        return defaults().withOverrides(sensitivity.limits());
    }

    /**
     * Returns a copy with the given components replaced. Values may be numbers, booleans or strings that parse as
     * such. The key {@code sensitivity} (conservative, balanced, aggressive) applies its preset first; the other
     * keys then override single limits of it.
     *
     * @throws IllegalArgumentException naming the key when a key is unknown or a value does not fit
     */
    public AmdParams withOverrides(Map<String, ?> overrides) {
        Object preset = overrides.get("sensitivity");
        if (preset != null) {
            Map<String, Object> rest = new java.util.HashMap<>(overrides);
            rest.remove("sensitivity");
            return withOverrides(Sensitivity.of(preset).limits()).withOverrides(rest);
        }
        int initialSilence = initialSilenceMs, greeting = greetingMs, afterGreeting = afterGreetingSilenceMs;
        int total = totalAnalysisMs, minWord = minWordMs, wordGap = wordGapMs, words = maxWords;
        double overNoise = speechOverNoiseDb, minSpeech = minSpeechDbfs;
        boolean await = awaitMachineEnd;
        int beepMin = beepMinMs, beepMax = beepMaxMs, endSilence = machineEndSilenceMs, endMax = machineEndMaxMs;
        String countries = toneCountries;
        int continuous = maxContinuousSpeechMs;
        for (Map.Entry<String, ?> e : overrides.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            switch (key) {
                case "initialSilenceMs" -> initialSilence = asInt(key, v);
                case "greetingMs" -> greeting = asInt(key, v);
                case "afterGreetingSilenceMs" -> afterGreeting = asInt(key, v);
                case "totalAnalysisMs" -> total = asInt(key, v);
                case "minWordMs" -> minWord = asInt(key, v);
                case "wordGapMs" -> wordGap = asInt(key, v);
                case "maxWords" -> words = asInt(key, v);
                case "speechOverNoiseDb" -> overNoise = asDouble(key, v);
                case "minSpeechDbfs" -> minSpeech = asDouble(key, v);
                case "awaitMachineEnd" -> await = asBoolean(key, v);
                case "beepMinMs" -> beepMin = asInt(key, v);
                case "beepMaxMs" -> beepMax = asInt(key, v);
                case "machineEndSilenceMs" -> endSilence = asInt(key, v);
                case "machineEndMaxMs" -> endMax = asInt(key, v);
                case "toneCountries" -> countries = String.valueOf(v).toUpperCase(Locale.ROOT);
                case "maxContinuousSpeechMs" -> continuous = asInt(key, v);
                default -> throw new IllegalArgumentException("unknown AMD parameter: " + key);
            }
        }
        return new AmdParams(initialSilence, greeting, afterGreeting, total, minWord, wordGap, words, overNoise,
                minSpeech, await, beepMin, beepMax, endSilence, endMax, countries, continuous);
    }

    /** Converts a duration in milliseconds to whole frames, at least one. */
    public static int frames(int ms) {
        return Math.max(1, ms / FRAME_MS);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }

    private static int asInt(String key, Object v) {
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(v).trim());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(key + " needs a whole number, got " + v, ex);
        }
    }

    private static double asDouble(String key, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(key + " needs a number, got " + v, ex);
        }
    }

    private static boolean asBoolean(String key, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " needs true or false, got " + v);
        };
    }
}
