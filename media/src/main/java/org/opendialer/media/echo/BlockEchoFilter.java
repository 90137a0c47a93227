package org.opendialer.media.echo;

import java.util.Arrays;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * The linear stage of {@link EchoCanceller}: a frequency-domain block adaptive filter (overlap-save, constrained
 * constraint, step normalised per frequency bin as in Speex's MDF and the WebRTC AEC) of {@value #TAPS} taps,
 * updated at most once per 20 ms frame.
 * <p>One block is one frame ({@value #BLOCK} samples); the FFT is {@value #N} points, the power of two that holds a
 * block plus the taps ({@code TAPS + BLOCK - 1 <= N}), so a single partition covers the whole echo path the canceller
 * models. A power of two because JTransforms allocates on every transform of a mixed-radix size (320 = 2 x 160
 * would be); at 512 it allocates nothing.
 * Why a block filter: the echo estimate of a frame is two FFTs and an update one more, plus two every other update
 * for the constraint (a few dozen operations a sample), where the sample-by-sample NLMS it replaces spent
 * 2 x 256 multiply-adds a sample. Per-bin
 * normalisation also makes it converge on coloured input (speech) as fast as on white noise.
 *
 * <p>Tap {@code k} weighs the reference {@code k} samples before the window's end, so the caller lays the
 * reference so that its last sample lines up with the frame's last sample at the filter's start lag.
 * Not thread-safe; allocates nothing per frame.
 */
final class BlockEchoFilter {

    /** Samples per block (one 20 ms frame at 8 kHz). */
    static final int BLOCK = EchoCanceller.FRAME;
    /** FFT size. */
    static final int N = 512;
    /** Taps (44 ms at 8 kHz): the most an {@value #N}-point overlap-save block of {@value #BLOCK} leaves room for. */
    static final int TAPS = N - BLOCK;
    /** Step size of the normalised update (0 to 1; larger converges faster and is noisier). */
    private static final float MU = 0.5f;
    /** Smoothing of the per-bin reference power the step is normalised by. */
    private static final float POWER_SMOOTH = 0.3f;
    /** Per-bin regularisation, as if the reference always held noise of this power (about -70 dBFS) per sample. */
    private static final float DELTA = N * 100f;
    /** Updates between two projections of the weights onto the taps. */
    private static final int CONSTRAIN_EVERY = 2;

    private final FloatFFT_1D fft = new FloatFFT_1D(N);
    /** Filter weights, packed real spectrum (JTransforms layout: re0, re(N/2), re1, im1, ...). */
    private final float[] weights = new float[N];
    /** Spectrum of the current reference window. */
    private final float[] x = new float[N];
    /** Smoothed power of the reference per bin, N / 2 + 1 bins. */
    private final float[] power = new float[N / 2 + 1];
    private final float[] work = new float[N];
    private long updates;

    /**
     * Takes the spectrum of the reference window for this block and writes the echo estimate of the block.
     *
     * @param ref  reference samples, {@code ref[from .. from + N)}: the block's window, oldest first
     * @param echo {@value #BLOCK} samples written: the estimate of the echo in this block
     * @return the estimate's power (sum of squares)
     */
    float estimate(float[] ref, int from, float[] echo) {
        System.arraycopy(ref, from, x, 0, N);
        fft.realForward(x);
        multiply(weights, x, work);
        fft.realInverse(work, true);
        float p = 0;
        for (int i = 0; i < BLOCK; i++) {
            float v = work[N - BLOCK + i];
            echo[i] = v;
            p += v * v;
        }
        return p;
    }

    /**
     * Moves the weights towards the echo path by this block's error (what was heard less the estimate): the gradient
     * (the error correlated with the reference) normalised per bin by the reference's power; every
     * {@value #CONSTRAIN_EVERY} updates the weights are projected back onto the {@value #TAPS} taps, so what the
     * circular wrap-around put past them never builds up. Call after {@link #estimate}.
     */
    void adapt(short[] heard, float[] echo) {
        Arrays.fill(work, 0, N - BLOCK, 0f);
        for (int i = 0; i < BLOCK; i++) {
            work[N - BLOCK + i] = heard[i] - echo[i];
        }
        fft.realForward(work);
        // conj(X) E / (P + delta), bin by bin
        smoothPower(0, x[0] * x[0]);
        smoothPower(N / 2, x[1] * x[1]);
        work[0] *= x[0] / (power[0] + DELTA);
        work[1] *= x[1] / (power[N / 2] + DELTA);
        for (int k = 1; k < N / 2; k++) {
            float xr = x[2 * k];
            float xi = x[2 * k + 1];
            float er = work[2 * k];
            float ei = work[2 * k + 1];
            float g = 1f / (smoothPower(k, xr * xr + xi * xi) + DELTA);
            work[2 * k] = (xr * er + xi * ei) * g;
            work[2 * k + 1] = (xr * ei - xi * er) * g;
        }
        for (int i = 0; i < N; i++) {
            weights[i] += MU * work[i];
        }
        if (++updates % CONSTRAIN_EVERY == 0) {
            constrain();
        }
    }

    /**
     * Drops the weights' lags past the taps, where the unconstrained updates' circular wrap-around lands (the
     * alternately constrained update of Derkx, Egelmeers and Sommen, 2002: a projection every few updates instead
     * of two FFTs on each).
     */
    private void constrain() {
        System.arraycopy(weights, 0, work, 0, N);
        fft.realInverse(work, true);
        Arrays.fill(work, TAPS, N, 0f);
        fft.realForward(work);
        System.arraycopy(work, 0, weights, 0, N);
    }

    private float smoothPower(int bin, float p) {
        power[bin] += POWER_SMOOTH * (p - power[bin]);
        return power[bin];
    }

    /**
     * The filter's start lag moved by {@code shift} samples (positive: later): tap {@code k} becomes tap
     * {@code k - shift}, so what was learnt of the echo path keeps its lag; taps that fall outside are dropped.
     */
    void shift(int shift) {
        if (Math.abs(shift) >= TAPS) {
            reset();
            return;
        }
        System.arraycopy(weights, 0, work, 0, N);
        fft.realInverse(work, true);
        Arrays.fill(weights, 0f);
        if (shift >= 0) {
            System.arraycopy(work, shift, weights, 0, TAPS - shift);
        } else {
            System.arraycopy(work, 0, weights, -shift, TAPS + shift);
        }
        fft.realForward(weights);
    }

    void reset() {
        Arrays.fill(weights, 0f);
        Arrays.fill(power, 0f);
    }

    /** The weights as taps (for tests): {@code into[k]} for k below {@value #TAPS}. */
    void taps(float[] into) {
        System.arraycopy(weights, 0, work, 0, N);
        fft.realInverse(work, true);
        System.arraycopy(work, 0, into, 0, Math.min(into.length, TAPS));
    }

    /** {@code out = a * b}, packed real spectra. */
    private static void multiply(float[] a, float[] b, float[] out) {
        out[0] = a[0] * b[0];
        out[1] = a[1] * b[1];
        for (int k = 2; k < N; k += 2) {
            float ar = a[k];
            float ai = a[k + 1];
            float br = b[k];
            float bi = b[k + 1];
            out[k] = ar * br - ai * bi;
            out[k + 1] = ar * bi + ai * br;
        }
    }
}
