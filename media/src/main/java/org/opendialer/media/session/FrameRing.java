package org.opendialer.media.session;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Single-producer single-consumer ring of 20 ms frames between two legs' event loops (bridging). Preallocated;
 * a full ring drops the new frame, and a reader that falls behind skips to the newest frames so latency stays at
 * one or two frames.
 */
final class FrameRing {

    private static final int SIZE = 8;
    private static final int MAX_BACKLOG = 3;
    private final short[][] frames = new short[SIZE][160];
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong read = new AtomicLong();
    private long dropped;

    /** Producer side. */
    void put(short[] frame) {
        long w = written.get();
        if (w - read.get() >= SIZE) {
            dropped++;
            return;
        }
        System.arraycopy(frame, 0, frames[(int) (w % SIZE)], 0, 160);
        written.lazySet(w + 1);
    }

    /** Consumer side: false if no frame is waiting. */
    boolean take(short[] out) {
        long w = written.get();
        long r = read.get();
        if (r >= w) {
            return false;
        }
        if (w - r > MAX_BACKLOG) {
            r = w - 1;
        }
        System.arraycopy(frames[(int) (r % SIZE)], 0, out, 0, 160);
        read.lazySet(r + 1);
        return true;
    }

    /** Frames offered by the producer since the bridge began (dropped ones included). */
    long offered() {
        return written.get() + dropped;
    }

    long dropped() {
        return dropped;
    }
}
