package org.opendialer.media.play;

/** Renders text to 8 kHz 16-bit mono PCM. Called off the media thread; may block. */
@FunctionalInterface
public interface TtsEngine {
    short[] render(String text, String voice) throws Exception;
}
