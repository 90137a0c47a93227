package org.opendialer.media;

/**
 * Subscriber to a leg's audio packets at the moment they are read from its socket, before the jitter buffer: to
 * measure when audio reached the leg on the wire (benchmarks, diagnostics). Packets come in wire order, with its
 * gaps, duplicates and reordering; to listen to the audio use a {@link FrameTap}.
 *
 * <p>Called on the leg's event loop: return quickly and copy {@code pcm} if you keep it (the array is reused).
 */
@FunctionalInterface
public interface PacketTap {
    /**
     * @param pcm          the packet's payload decoded to 8 kHz signed 16-bit samples, {@code samples} of them
     * @param rtpTimestamp the packet's RTP timestamp (RFC 3550 §5.1)
     * @param marker       the RTP marker bit: the first packet of a talkspurt (RFC 3551 §4.1)
     */
    void onPacket(short[] pcm, int samples, long rtpTimestamp, boolean marker);
}
