package org.opendialer.media.play;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * espeak-ng, run out of process, for every language it speaks. Voices are {@code espeak-ng:<BCP 47 tag>} (plain
 * text) or {@code espeak-ng-ssml:<tag>} (the text is SSML, espeak-ng's {@code -m}). A tag resolves to the best
 * espeak-ng voice for it, dropping subtags until one matches ({@code fr-CA} → {@code fr}); MBROLA voices are left
 * out as they need the separate {@code mbrola} program. Text goes in on stdin, so text starting with {@code -}
 * is never an option; espeak-ng writes a 22,050 Hz WAV to stdout, resampled here to 8 kHz.
 */
public final class EspeakNgEngine implements TtsEngine {

    public static final String PREFIX = "espeak-ng:";
    public static final String SSML_PREFIX = "espeak-ng-ssml:";

    private static final Pattern TAG = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{1,8})*");
    private static final Pattern OTHER_LANGUAGE = Pattern.compile("\\(([^ ()]+) (\\d+)\\)");
    /** Lines of {@code espeak-ng --voices}: priority, language, age/gender, name, file, other languages. */
    private static final Pattern VOICE_LINE = Pattern.compile("\\s*(\\d+)\\s+(\\S+)\\s+\\S+\\s+\\S+\\s+(\\S+)(.*)");

    private final String executable;
    private final BoundedProcesses processes;
    /** Language (lower case) to the voice file espeak-ng is given with {@code -v}; loaded once. */
    private volatile Map<String, String> voices;

    /**
     * @param executable  the espeak-ng program (a name looked up on PATH, or a path)
     * @param slots       renders running at once at most
     * @param renderLimit time one render (one process) may take before it is killed
     */
    public EspeakNgEngine(String executable, int slots, Duration renderLimit) {
        this.executable = executable;
        this.processes = new BoundedProcesses("espeak-ng", slots, renderLimit, renderLimit.multipliedBy(3));
    }

    public static boolean handles(String voice) {
        return voice.startsWith(PREFIX) || voice.startsWith(SSML_PREFIX);
    }

    @Override
    public short[] render(String text, String voice) throws Exception {
        boolean ssml = voice.startsWith(SSML_PREFIX);
        if (!ssml && !voice.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not an espeak-ng voice: " + voice + " (want " + PREFIX + "<language>)");
        }
        String espeakVoice = resolve(voice.substring(ssml ? SSML_PREFIX.length() : PREFIX.length()));
        List<String> command = new ArrayList<>(List.of(executable, "-v", espeakVoice, "-b", "1"));
        if (ssml) {
            command.add("-m");
        }
        command.addAll(List.of("--stdout", "--stdin"));
        BoundedProcesses.Result r = processes.run(command, text.getBytes(UTF_8));
        if (r.exit() != 0) {
            throw new IOException("espeak-ng -v " + espeakVoice + " failed with exit status " + r.exit()
                    + (r.stderr().isEmpty() ? "" : ": " + r.stderr()));
        }
        return WavFile.decodeAnyRate(r.stdout(), "espeak-ng -v " + espeakVoice + " output");
    }

    /**
     * The espeak-ng voice for a BCP 47 language tag, falling back from the region to the language.
     *
     * @throws IllegalArgumentException naming the tag and the languages espeak-ng has, if none fits
     */
    public String resolve(String languageTag) throws Exception {
        String tag = languageTag.strip().replace('_', '-').toLowerCase(Locale.ROOT);
        if (!TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("'" + languageTag + "' is not a language tag such as ko, fr or fr-CA");
        }
        Map<String, String> known = voices();
        for (String t = tag; ; t = t.substring(0, t.lastIndexOf('-'))) {
            String v = known.get(t);
            if (v != null) {
                return v;
            }
            if (t.indexOf('-') < 0) {
                break;
            }
        }
        throw new IllegalArgumentException("espeak-ng has no voice for language '" + languageTag + "' (it has: "
                + String.join(", ", new TreeSet<>(known.keySet())) + ")");
    }

    /** Processes started so far (renders and the one voice listing). */
    public long processesStarted() {
        return processes.started();
    }

    private Map<String, String> voices() throws Exception {
        Map<String, String> v = voices;
        if (v == null) {
            synchronized (this) {
                if (voices == null) {
                    BoundedProcesses.Result r = processes.run(List.of(executable, "--voices"), new byte[0]);
                    if (r.exit() != 0) {
                        throw new IOException(executable + " --voices failed with exit status " + r.exit() + ": "
                                + r.stderr());
                    }
                    voices = parseVoices(new String(r.stdout(), UTF_8));
                }
                v = voices;
            }
        }
        return v;
    }

    /** Each language's voice of best (lowest) priority, from the main and the "other languages" columns. */
    static Map<String, String> parseVoices(String listing) {
        Map<String, String> best = new HashMap<>();
        Map<String, Integer> priority = new HashMap<>();
        for (String line : listing.split("\n")) {
            Matcher m = VOICE_LINE.matcher(line);
            if (!m.matches() || m.group(3).startsWith("mb/")) {
                continue;
            }
            String file = m.group(3);
            offer(best, priority, m.group(2), Integer.parseInt(m.group(1)), file);
            Matcher other = OTHER_LANGUAGE.matcher(m.group(4));
            while (other.find()) {
                offer(best, priority, other.group(1), Integer.parseInt(other.group(2)), file);
            }
        }
        return Map.copyOf(best);
    }

    private static void offer(Map<String, String> best, Map<String, Integer> priority, String language, int pty,
                              String file) {
        String lang = language.toLowerCase(Locale.ROOT);
        Integer had = priority.get(lang);
        if (had == null || pty < had) {
            priority.put(lang, pty);
            best.put(lang, file);
        }
    }
}
