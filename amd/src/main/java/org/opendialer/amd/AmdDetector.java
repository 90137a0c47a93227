package org.opendialer.amd;

import org.opendialer.amd.impl.DefaultAmdDetector;

/**
 * Answering-machine detection with call-progress analysis for one call, fed 20 ms frames from answer on.
 *
 * <p>Not thread-safe: feed one call's frames from one thread (or serialise). Time is the count of frames fed, so the
 * detector runs in virtual time and can analyse recordings faster than real time. Steady state allocates nothing;
 * events are allocated when they happen.
 */
public interface AmdDetector {

    /** Samples in one frame: 20 ms of 8 kHz 16-bit linear PCM. */
    int FRAME_SAMPLES = 160;

    static AmdDetector create(AmdParams params, AmdListener listener) {
        return new DefaultAmdDetector(params, listener);
    }

    /**
     * Analyses one frame. The array is read during the call only and may be reused by the caller.
     *
     * @throws IllegalArgumentException if the frame is not {@value #FRAME_SAMPLES} samples
     */
    void onFrame(short[] frame);

    /** True once the decision (and, when awaited, the end of a machine's greeting) has been reported. */
    boolean isDone();
}
