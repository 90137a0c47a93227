package org.opendialer.media;

/**
 * Subscriber to a leg's decoded received audio: one call per 20 ms media tick, in order, once the first RTP
 * packet has arrived (gaps are filled by loss concealment or silence, so frame indexes have no holes).
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
}
