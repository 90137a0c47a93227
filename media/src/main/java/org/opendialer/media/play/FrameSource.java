package org.opendialer.media.play;

/** Audio pulled one 20 ms frame per media tick. Implementations must not allocate in {@link #read}. */
@FunctionalInterface
public interface FrameSource {
    /** Fills {@code out[0..160)} and returns true, or returns false when finished (leaving {@code out} alone). */
    boolean read(short[] out);
}
