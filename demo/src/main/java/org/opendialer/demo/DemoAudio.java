package org.opendialer.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.opendialer.media.Playable;
import org.opendialer.media.Playable.Tone;
import org.opendialer.media.Playable.Tone.Segment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carrier's voices: short hellos for people and long greetings for voicemails in several espeak-ng voices
 * (rendered once, band-limited to 8 kHz by sox, and kept in a cache directory), plus recordings of real people
 * from the shared corpus when it is there; tones are synthesized. Without espeak-ng or sox the phrases fall back to
 * FreeTTS (one voice), so the demo still runs. Each call takes the next variant, so AMD meets variety.
 */
public final class DemoAudio {

    private static final Logger log = LoggerFactory.getLogger(DemoAudio.class);

    /** A hello, then the silence of someone waiting to hear who calls: AMD's picture of a person. */
    private static final List<String[]> HELLOS = List.of(
            new String[] {"en-us", "Hello?"},
            new String[] {"en-gb+f3", "Hi, yes?"},
            new String[] {"en-us+m3", "Yeah, hello?"},
            new String[] {"en-gb-scotland+f2", "Hello?"},
            new String[] {"en-029+m2", "Hello, yes?"});

    /** Greetings long enough that no person answers like that. */
    private static final List<String[]> GREETINGS = List.of(
            new String[] {"en-us+f2", "Hi, you have reached Jane. I can't come to the phone right now. "
                    + "Please leave your name and number after the tone, and I will call you back."},
            new String[] {"en-gb", "The person you are calling is not available. "
                    + "Please record your message at the tone. When you are finished, hang up."},
            new String[] {"en-us+m4", "Hey, this is Mike. Sorry I missed your call. Leave a message and have a great day."});

    /** A voicemail beep: 1 kHz for half a second. */
    public static final Playable BEEP = Tone.single(1000, Duration.ofMillis(500));

    /** Telcordia intercept SIT (913.8, 1370.6, 1776.7 Hz) and 1.5 s of silence, played twice. */
    public static final Playable SIT = new Tone(List.of(new Segment(913.8, 0, 274), new Segment(1370.6, 0, 274),
            new Segment(1776.7, 0, 380), new Segment(0, 0, 1500)), true, Duration.ofMillis(2 * 2428));

    /** Fax calling tone: 1100 Hz, 0.5 s on, 3 s off, for half a minute. */
    public static final Playable CNG = new Tone(List.of(new Segment(1100, 0, 500), new Segment(0, 0, 3000)), true,
            Duration.ofSeconds(30));

    /** How many of the corpus' real answers join the hellos. */
    private static final int CORPUS_HELLOS = 20;

    private final List<Playable> hellos;
    private final List<Playable> greetings;
    private final String source;
    private final AtomicInteger nextHello = new AtomicInteger();
    private final AtomicInteger nextGreeting = new AtomicInteger();

    private DemoAudio(List<Playable> hellos, List<Playable> greetings, String source) {
        this.hellos = List.copyOf(hellos);
        this.greetings = List.copyOf(greetings);
        this.source = source;
    }

    /**
     * Renders (or finds in {@code cache}) every phrase.
     *
     * @param corpus the shared corpus directory; its {@code human/fsdd} recordings join the hellos when it exists
     */
    public static DemoAudio prepare(Path cache, Path corpus) {
        return prepare(cache, corpus, "espeak-ng");
    }

    /** As {@link #prepare(Path, Path)} with another espeak-ng command (tests name a missing one). */
    static DemoAudio prepare(Path cache, Path corpus, String espeakCommand) {
        List<Playable> hellos = new ArrayList<>();
        List<Playable> greetings = new ArrayList<>();
        String source;
        try {
            Files.createDirectories(cache);
            for (String[] h : HELLOS) {
                hellos.add(new Playable.Sequence(List.of(new Playable.Silence(Duration.ofMillis(300)),
                        new Playable.Wav(espeak(espeakCommand, cache, h[0], h[1])))));
            }
            for (String[] g : GREETINGS) {
                greetings.add(new Playable.Wav(espeak(espeakCommand, cache, g[0], g[1])));
            }
            source = "espeak-ng (" + HELLOS.size() + " hellos, " + GREETINGS.size() + " greetings)";
        } catch (IOException e) {
            log.warn("demo audio: {}; falling back to FreeTTS", e.getMessage());
            hellos.clear();
            greetings.clear();
            HELLOS.forEach(h -> hellos.add(new Playable.Sequence(List.of(new Playable.Silence(Duration.ofMillis(300)),
                    new Playable.Tts(h[1])))));
            GREETINGS.forEach(g -> greetings.add(new Playable.Tts(g[1])));
            source = "FreeTTS (espeak-ng or sox missing: " + e.getMessage() + ")";
        }
        List<Playable> real = corpusHellos(corpus);
        hellos.addAll(real);
        return new DemoAudio(hellos, greetings, source + (real.isEmpty() ? "" : " + " + real.size() + " corpus recordings"));
    }

    private static List<Playable> corpusHellos(Path corpus) {
        Path dir = corpus == null ? null : corpus.resolve("human/fsdd");
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
            // spread over the whole (speaker-sorted) set so every speaker and answer style is among them
            int step = Math.max(1, all.size() / CORPUS_HELLOS);
            List<Playable> picked = new ArrayList<>();
            for (int i = 0; i < all.size() && picked.size() < CORPUS_HELLOS; i += step) {
                picked.add(new Playable.Wav(all.get(i)));
            }
            return picked;
        } catch (IOException e) {
            log.warn("demo audio: cannot read the corpus at {}: {}", dir, e.getMessage());
            return List.of();
        }
    }

    /** espeak-ng's 22 kHz speech through a telephone band-pass to 8 kHz 16-bit mono, cached by voice and text. */
    private static Path espeak(String command, Path cache, String voice, String text) throws IOException {
        Path out = cache.resolve("tts-" + hash(voice + "|" + text) + ".wav");
        if (Files.exists(out)) {
            return out;
        }
        Path raw = cache.resolve(out.getFileName() + ".raw.wav");
        Path tmp = cache.resolve(out.getFileName() + ".tmp.wav");
        run(command, "-v", voice, "-w", raw.toString(), text);
        run("sox", raw.toString(), "-r", "8000", "-c", "1", "-b", "16", tmp.toString(), "sinc", "300-3400");
        Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(raw);
        return out;
    }

    private static void run(String... cmd) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(cmd[0] + " is not installed");
        }
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(cmd[0] + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException(cmd[0] + " interrupted");
        }
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next person's hello (round robin over every voice and recording). */
    public Playable hello() {
        return hellos.get(Math.floorMod(nextHello.getAndIncrement(), hellos.size()));
    }

    /** The next voicemail greeting (round robin). */
    public Playable greeting() {
        return greetings.get(Math.floorMod(nextGreeting.getAndIncrement(), greetings.size()));
    }

    public List<Playable> hellos() {
        return hellos;
    }

    public List<Playable> greetings() {
        return greetings;
    }

    /** Where the voices came from, for the startup banner. */
    public String source() {
        return source;
    }
}
