package org.opendialer.acd.calls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.opendialer.acd.routing.Queue;
import org.opendialer.call.CallSession;
import org.opendialer.media.PlayResult;
import org.opendialer.media.Playable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a waiting caller hears, on its own virtual thread: the queue's music (its configured WAV file, else the
 * generated arpeggio {@link Playable.Tone#holdMusic}) for the announcement interval, then its position and/or
 * estimated wait when the queue announces them, and again. Announcements are TTS: voice {@code kevin16} for
 * English, {@code espeak-ng:<lang>} for any other language.
 */
final class Hold {

    private static final Logger log = LoggerFactory.getLogger(Hold.class);

    /** Announcement texts per language; other languages are read in English by {@code kevin16}. */
    private static final Map<String, String[]> PHRASES = Map.of(
            "en", new String[] {"You are number %d in the queue.", "Your expected wait is about %d minutes."},
            "es", new String[] {"Usted es el número %d en la cola.", "Su tiempo de espera es de unos %d minutos."},
            "fr", new String[] {"Vous êtes le numéro %d dans la file.", "Votre attente est d'environ %d minutes."});

    /** What the hold loop asks each round: the caller's place (0: no longer waiting) and the expected wait. */
    record Figures(int position, Optional<Duration> expectedWait) {
    }

    private final CallSession caller;
    private final Queue.Settings queue;
    private final String language;
    private final Supplier<Figures> figures;
    private volatile boolean running = true;
    private boolean wavFailed;

    Hold(CallSession caller, Queue.Settings queue, String language, Supplier<Figures> figures) {
        this.caller = caller;
        this.queue = queue;
        this.language = language.toLowerCase(Locale.ROOT);
        this.figures = figures;
    }

    Hold start() {
        Thread.ofVirtual().name("hold-" + caller.callId()).start(this::loop);
        return this;
    }

    /** Stops the music and any announcement at once (the caller is about to be bridged or leave). */
    void stop() {
        synchronized (this) {
            running = false;
        }
        caller.stopPlayback(); // after any play() started under the lock, on the session's executor in this order
    }

    private void loop() {
        long interval = Duration.ofSeconds(queue.announceIntervalSeconds()).toNanos();
        boolean announce = queue.announcePosition() || queue.announceWaitTime();
        long next = System.nanoTime() + interval;
        try {
            while (running) {
                Duration left = announce ? Duration.ofNanos(Math.max(0, next - System.nanoTime())) : Duration.ofHours(4);
                if (!left.isZero()) {
                    try {
                        play(music(left));
                    } catch (IllegalStateException e) { // the configured file: generated music from now on
                        if (wavFailed || queue.musicOnHold() == null) {
                            throw e;
                        }
                        log.warn("music on hold {} failed, generated music instead: {}", queue.musicOnHold(), e.getMessage());
                        wavFailed = true;
                    }
                }
                if (running && announce && System.nanoTime() >= next) {
                    announce = announce();
                    // the interval runs from the announcement's end: counted from its start, an announcement
                    // longer than the interval was followed by the next at once and the music never came back
                    next = System.nanoTime() + interval;
                }
            }
        } catch (RuntimeException e) {
            if (running) { // after stop, a playback cut short is expected
                log.info("hold for {} ended: {}", caller.callId(), e.toString());
            }
        }
    }

    /** Plays the figures (none while an agent's phone rings: no place then); false if TTS failed, music goes on. */
    private boolean announce() {
        Figures f = figures.get();
        if (f.position() == 0) {
            return true;
        }
        try {
            play(new Playable.Tts(text(f), voice()));
            return true;
        } catch (RuntimeException e) {
            log.warn("announcements for {} stopped, music goes on: {}", caller.callId(), e.toString());
            return false;
        }
    }

    /** Plays and waits for the end; a failed playback (unreadable file, TTS error) is an exception. */
    private void play(Playable p) {
        CompletableFuture<PlayResult> done;
        synchronized (this) {
            if (!running) {
                return;
            }
            done = caller.play(p);
        }
        PlayResult r = done.join();
        if (r.outcome() == PlayResult.Outcome.FAILED) {
            throw new IllegalStateException("playback failed: " + r.error());
        }
    }

    /** The configured WAV once (the loop repeats it), else the generated music for {@code d}. */
    private Playable music(Duration d) {
        String file = queue.musicOnHold();
        if (file != null && !wavFailed && Files.isRegularFile(Path.of(file))) {
            return new Playable.Wav(Path.of(file));
        }
        return Playable.Tone.holdMusic(d);
    }

    String text(Figures f) {
        String[] p = PHRASES.getOrDefault(language, PHRASES.get("en"));
        StringBuilder b = new StringBuilder();
        if (queue.announcePosition()) {
            b.append(String.format(Locale.ROOT, p[0], f.position()));
        }
        if (queue.announceWaitTime()) {
            // the queue's recent mean time to answer; without history, a minute per place
            long minutes = f.expectedWait().map(w -> Math.max(1, (w.toSeconds() + 59) / 60)).orElse((long) f.position());
            b.append(b.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, p[1], minutes));
        }
        return b.toString();
    }

    private String voice() {
        return language.equals("en") || !PHRASES.containsKey(language) ? "kevin16" : "espeak-ng:" + language;
    }
}
