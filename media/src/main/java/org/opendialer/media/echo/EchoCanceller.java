package org.opendialer.media.echo;

/**
 * Removes the echo of what we send from what we receive, for analysis (AMD listening while our message plays), not
 * for a listener's ears: a line echo canceller in three stages, each per 20 ms frame of 8 kHz audio.
 * <ol>
 *   <li>{@link EchoDelayEstimator} finds the bulk delay (network round trip plus both jitter buffers, up to
 *       {@value #MAX_DELAY_MS} ms) by cross-correlating the level changes of 4 ms blocks;</li>
 *   <li>a frequency-domain block adaptive filter ({@link BlockEchoFilter}: 44 ms of taps, from 8 ms before that
 *       delay, so at least {@value #TAIL_MS} ms of echo path after it), placed at that delay, models the echo path
 *       (a hybrid's dispersion fits in it) and subtracts its estimate; it adapts only while we talk and the far end
 *       does not
 *       (a Geigel double-talk detector whose threshold follows the measured echo return loss, starting from the
 *       {@value #WORST_ERL_DB} dB G.168 allows, then the residual once the filter has converged), so a person
 *       talking over our message never trains it away. Its estimate is taken off only once the filter has
 *       converged (taken the echo at least 6 dB down in single talk) and only from a frame it makes quieter: on a
 *       line with no echo at all the delay estimator still settles on a chance lag while we talk, and a filter
 *       there models nothing but the far end, whose frames must reach AMD as they came;</li>
 *   <li>once the filter has converged, a residual suppressor attenuates a frame that holds nothing louder than the
 *       echo left over could be, and leaves double talk alone.</li>
 * </ol>
 * Until a converged filter proves an echo of ours, and while we send silence, the received audio passes through
 * unchanged.
 * Cost while we talk (see call/BENCH.md): two 512-point FFTs a frame for the estimate, two more on average for an
 * update; updates every other frame once the echo is 15 dB down.
 *
 * <p>Not thread-safe: one call's frames from one thread. Allocates nothing per frame.
 */
public final class EchoCanceller {

    /** Samples per frame: 20 ms at 8 kHz. */
    public static final int FRAME = 160;
    /** Longest bulk delay searched (round trip plus jitter buffers). */
    public static final int MAX_DELAY_MS = 500;
    /** Echo path length the adaptive filter models at least after the bulk delay. */
    public static final int TAIL_MS = 32;
    /** The worst echo return loss assumed before the canceller has measured the line's (ITU-T G.168: 6 dB). */
    public static final int WORST_ERL_DB = 6;

    /** The filter starts this far before the estimated delay: the estimate has 4 ms resolution. */
    private static final int PRE = 64;
    /**
     * What we sent, a ring of whole frames long enough for the filter's window (one frame plus its taps) at the
     * longest delay: a ring so that a frame costs one frame's copy, not the whole history's.
     */
    private static final int HISTORY = (MAX_DELAY_MS * 8 + BlockEchoFilter.N + FRAME - 1) / FRAME * FRAME;
    /** Below this sent power (about -55 dBFS) we are silent: nothing to cancel or learn. */
    private static final float SILENT_POWER = 3400f;
    private static final float WORST_ERL = (float) Math.pow(10, -WORST_ERL_DB / 10.0);
    /** Gain applied to a frame judged to be echo only (-30 dB). */
    private static final float SUPPRESSED_GAIN = 0.0316f;
    private static final int HANGOVER_FRAMES = 3;
    private static final float SETTLED_ERLE = 31.6f;

    private final float[] ref = new float[HISTORY];
    /** The filter's window of {@link #ref} this frame, oldest first. */
    private final float[] window = new float[BlockEchoFilter.N];
    private final BlockEchoFilter filter = new BlockEchoFilter();
    private final float[] echo = new float[FRAME];
    private final EchoDelayEstimator delay = new EchoDelayEstimator();
    private int filterDelay = -1;
    private int doubleTalkHangover;
    /** Smoothed echo return loss enhancement of the linear stage (power ratio), measured in single talk. */
    private float erle = 1f;
    /** Smoothed echo path gain (power), measured once the filter has converged. */
    private float erl = WORST_ERL;

    private long frames;
    private long framesAdapted;
    private long framesDoubleTalk;
    private long framesSuppressed;

    /**
     * Cleans one frame.
     *
     * @param heard {@value #FRAME} samples received this tick (read only)
     * @param sent  {@value #FRAME} samples we sent this tick (read only), or null when we sent nothing
     * @param out   {@value #FRAME} samples written: {@code heard} without our echo (may be {@code heard} itself)
     */
    public void process(short[] heard, short[] sent, short[] out) {
        int head = (int) (frames % (HISTORY / FRAME)) * FRAME; // where this frame goes in the ring
        frames++;
        for (int i = 0; i < FRAME; i++) {
            ref[head + i] = sent == null ? 0f : sent[i];
        }
        float heardPower = 0;
        for (int i = 0; i < FRAME; i++) {
            heardPower += (float) heard[i] * heard[i];
        }
        delay.onFrame(sent, heard);
        int d = delay.delaySamples();
        if (d >= 0 && Math.abs(d - filterDelay) > EchoDelayEstimator.BLOCK) {
            moveFilter(d);
        }
        if (filterDelay < 0) { // no echo of ours found (yet): nothing to take away
            System.arraycopy(heard, 0, out, 0, FRAME);
            return;
        }
        int d0 = Math.max(0, filterDelay - PRE);
        copyWindow(head + FRAME - d0 - BlockEchoFilter.N); // its last sample lines up with the frame's at lag d0
        float p0 = 0;
        float p1 = 0;
        float m0 = 0;
        float m1 = 0;
        for (int i = 0; i < BlockEchoFilter.N; i += 2) { // two lanes: no single chain of dependent adds
            float v = window[i];
            float w = window[i + 1];
            p0 += v * v;
            p1 += w * w;
            m0 = Math.max(m0, Math.abs(v));
            m1 = Math.max(m1, Math.abs(w));
        }
        float refPeak = Math.max(m0, m1);
        float windowPower = (p0 + p1) / BlockEchoFilter.N;
        if (windowPower <= SILENT_POWER) { // no echo of ours can be in this frame
            doubleTalkHangover = 0;
            System.arraycopy(heard, 0, out, 0, FRAME);
            return;
        }
        float heardPeak = 0;
        for (int i = 0; i < FRAME; i++) {
            heardPeak = Math.max(heardPeak, Math.abs(heard[i]));
        }
        // Geigel: louder than the echo of our loudest sample can be (at the line's loss, once measured) is the far
        // end talking
        boolean doubleTalk = heardPeak > Math.min(0.5f, 2f * (float) Math.sqrt(erl)) * refPeak;
        float echoPower = filter.estimate(window, 0, echo);
        float residualPower = 0;
        for (int i = 0; i < FRAME; i++) {
            float e = heard[i] - echo[i];
            residualPower += e * e;
        }
        boolean converged = erle > 4f;
        if (converged && residualPower > 2f * echoPower) {
            doubleTalk = true; // the residual outgrew the echo estimate: someone is speaking over us
        }
        doubleTalkHangover = doubleTalk ? HANGOVER_FRAMES : Math.max(0, doubleTalkHangover - 1);
        // once the echo is 15 dB down, every other frame keeps the filter tracking at half the cost
        boolean single = doubleTalkHangover == 0 && (erle < SETTLED_ERLE || (frames & 1) == 0);
        if (single) {
            erle = 0.9f * erle + 0.1f * (heardPower / Math.max(residualPower, 1f));
            filter.adapt(heard, echo);
            framesAdapted++;
            if (converged) {
                erl = 0.95f * erl + 0.05f * Math.min(WORST_ERL, echoPower / FRAME / windowPower);
            }
        } else if (doubleTalkHangover > 0) {
            framesDoubleTalk++;
        }
        if (!converged || residualPower >= heardPower) {
            // not (yet) a model of this line's echo: taking it away would add it, and before the filter has proved
            // an echo (6 dB off in single talk) its delay may be a chance match on a line with none, where what it
            // "cancels" is the far end itself
            System.arraycopy(heard, 0, out, 0, FRAME);
            return;
        }
        for (int i = 0; i < FRAME; i++) {
            out[i] = clip(heard[i] - echo[i]);
        }
        float residualEcho = windowPower * erl / Math.min(erle, 100f);
        suppressOrPass(out, out, residualPower / FRAME, 2f * residualEcho, doubleTalkHangover > 0);
    }

    private void suppressOrPass(short[] in, short[] out, float power, float echoBound, boolean doubleTalk) {
        boolean suppress = !doubleTalk && echoBound > SILENT_POWER * WORST_ERL && power <= echoBound;
        if (suppress) {
            framesSuppressed++;
        }
        for (int i = 0; i < FRAME; i++) {
            out[i] = suppress ? (short) (in[i] * SUPPRESSED_GAIN) : in[i];
        }
    }

    private void copyWindow(int from) {
        int start = from < 0 ? from + HISTORY : from;
        int firstPart = Math.min(BlockEchoFilter.N, HISTORY - start);
        System.arraycopy(ref, start, window, 0, firstPart);
        System.arraycopy(ref, 0, window, firstPart, BlockEchoFilter.N - firstPart);
    }

    /** The estimated delay moved: shift what the filter learnt, or start over when it left the window. */
    private void moveFilter(int d) {
        int newStart = Math.max(0, d - PRE);
        if (filterDelay < 0) {
            filter.reset();
        } else {
            int shift = newStart - Math.max(0, filterDelay - PRE);
            if (Math.abs(shift) >= BlockEchoFilter.TAPS) {
                erle = 1f;
            }
            filter.shift(shift);
        }
        filterDelay = d;
    }

    private static short clip(float v) {
        return (short) Math.max(-32768, Math.min(32767, Math.round(v)));
    }

    /** The bulk delay in use, ms, or -1 while still searching. */
    public int delayMs() {
        return filterDelay < 0 ? -1 : filterDelay / 8;
    }

    /** Echo return loss enhancement of the linear stage, dB (smoothed, single talk only). */
    public double erleDb() {
        return 10 * Math.log10(erle);
    }

    /** Echo return loss measured on the line, dB ({@value #WORST_ERL_DB} until measured). */
    public double erlDb() {
        return -10 * Math.log10(erl);
    }

    public long frames() {
        return frames;
    }

    public long framesAdapted() {
        return framesAdapted;
    }

    public long framesDoubleTalk() {
        return framesDoubleTalk;
    }

    public long framesSuppressed() {
        return framesSuppressed;
    }
}
