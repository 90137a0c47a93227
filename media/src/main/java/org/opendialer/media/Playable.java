package org.opendialer.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Something a leg can play. Files and TTS are prepared off the media thread; tones and silence are generated. */
public sealed interface Playable {

    /** A WAV file: 8 or 16 kHz, 16-bit PCM, µ-law or A-law (cached by path and modification time). */
    record Wav(Path path) implements Playable {
    }

    /**
     * Text rendered to 8 kHz and cached per phrase (see {@code PromptCache}): voice "kevin16" is FreeTTS (English);
     * "espeak-ng:&lt;BCP 47 language&gt;" (e.g. "espeak-ng:ko", "espeak-ng:fr-CA", falling back to "fr") is
     * espeak-ng in that language, and "espeak-ng-ssml:&lt;language&gt;" takes SSML. An unknown language fails the
     * playback with a message naming it.
     */
    record Tts(String text, String voice) implements Playable {
        public Tts(String text) {
            this(text, "kevin16");
        }

        /**
         * The voice for a BCP 47 language: FreeTTS's kevin16 for English (and when none is given), espeak-ng for
         * every other language ("ko" → "espeak-ng:ko"); whether espeak-ng speaks it is checked when it renders
         * ({@link MediaServer#checkVoice}).
         */
        public static String voiceFor(String language) {
            if (language == null || language.isBlank()) {
                return "kevin16";
            }
            String tag = language.strip();
            boolean english = tag.length() == 2 ? tag.equalsIgnoreCase("en")
                    : tag.regionMatches(true, 0, "en-", 0, 3) || tag.regionMatches(true, 0, "en_", 0, 3);
            return english ? "kevin16" : "espeak-ng:" + tag;
        }
    }

    record Silence(Duration duration) implements Playable {
    }

    /**
     * A tone pattern: segments played in order (frequency 0 = silence), repeated until {@code total} elapses
     * ({@code repeat}) or played once.
     */
    record Tone(List<Segment> segments, boolean repeat, Duration total) implements Playable {

        /** One or two frequencies (Hz; 0 = unused) for {@code millis}, each at {@code level} (16-bit amplitude). */
        public record Segment(double f1, double f2, int millis, int level) {
            public Segment(double f1, double f2, int millis) {
                this(f1, f2, millis, 4000);
            }
        }

        /** North American ringback: 440 + 480 Hz, 2 s on, 4 s off (ANSI T1.401). */
        public static Tone ringback(Duration total) {
            return new Tone(List.of(new Segment(440, 480, 2000), new Segment(0, 0, 4000)), true, total);
        }

        /** A simple repeating arpeggio, as generated hold music when no music file is configured. */
        public static Tone holdMusic(Duration total) {
            return new Tone(List.of(new Segment(523.25, 0, 300, 3000), new Segment(659.25, 0, 300, 3000),
                    new Segment(783.99, 0, 300, 3000), new Segment(659.25, 0, 300, 3000),
                    new Segment(0, 0, 200)), true, total);
        }

        /** One plain tone, e.g. a 1 kHz beep. */
        public static Tone single(double hz, Duration duration) {
            return new Tone(List.of(new Segment(hz, 0, (int) duration.toMillis())), false, duration);
        }
    }

    /** Items played back to back as one playback (barge-in stops the whole sequence). */
    record Sequence(List<Playable> items) implements Playable {
    }

    /** Already rendered 8 kHz 16-bit mono audio; the array is not copied and must not change. */
    record Pcm(short[] samples) implements Playable {
    }
}
