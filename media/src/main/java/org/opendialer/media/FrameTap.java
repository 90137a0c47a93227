package org.opendialer.media;

/**
 * Subscriber to a leg's decoded received audio: one call per 20 ms media tick, in order, once the first RTP
 * packet has arrived (gaps are filled by loss concealment or silence, so frame indexes have no holes). After an
 * overloaded event loop skipped ticks, the frames of those ticks follow within the next ticks, up to 9 calls in one
 * tick, still in order: count time in frames, not in calls per wall-clock interval.
 *
 * <p>Called on the leg's event loop: return quickly, do not block, and copy {@code pcm160} if you keep it — the
 * array is reused for the next frame.
 */
@FunctionalInterface
public interface FrameTap {
    /**
     * @param pcm160     160 samples of 8 kHz signed 16-bit audio
     * @param frameIndex 0 for the first frame delivered to any tap of this leg, then +1 per frame
     */
    void onFrame(short[] pcm160, long frameIndex);

    /**
     * The same frame with what this leg sent in the same tick, for a tap that must tell our own echo from the far
     * end (AMD listening while we speak). The default ignores {@code sent}.
     *
     * @param sent 160 samples we sent this tick (silence included), or null when nothing was sent; reused likewise
     */
    default void onFrame(short[] pcm160, short[] sent, long frameIndex) {
        onFrame(pcm160, frameIndex);
    }

    /**
     * A media tick of a leg that has received no audio packet yet (no frame was delivered): a tap that decides
     * within a time limit (AMD) must see time pass on a line that sends no audio at all. The default ignores it.
     */
    default void onNoAudio() {
    }
}
