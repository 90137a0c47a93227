package org.opendialer.media.play;

/** Renders text to 8 kHz 16-bit mono PCM. Called off the media thread; may block. */
@FunctionalInterface
public interface TtsEngine {
    short[] render(String text, String voice) throws Exception;

    /**
     * Whether text for {@code voice} may be split into phrases rendered and cached one by one; not for markup
     * (SSML), where a split could cut an element in two.
     */
    default boolean phrased(String voice) {
        return true;
    }
}
