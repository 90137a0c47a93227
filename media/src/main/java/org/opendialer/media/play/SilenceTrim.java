package org.opendialer.media.play;

import java.util.Arrays;

/**
 * Cuts the silence TTS engines put around speech (FreeTTS kevin16 starts every render with ~200 ms of it), so a
 * prompt's first word is heard as soon as its first frame is sent. Quiet is judged against the render itself:
 * a {@value #BLOCK}-sample (2.5 ms) block is quiet when its level in the telephone band (above 300 Hz) is more than
 * {@value #RELATIVE_DB} dB below the loudest block's, so the rule holds for any voice, level or engine. The band
 * matters: kevin16's "silence" is not digital zero but a low hum (mostly below 300 Hz, up to 20 dB below the
 * speech) that a full-band level would count as sound. A short margin before the first loud block keeps the onset of
 * a soft first consonant ("h", "f", "s"); after the last loud block {@link #TAIL} samples are kept so a phrase's end
 * decays naturally. Only the edges are cut: the audio in between is returned unchanged (not filtered).
 */
public final class SilenceTrim {

    /** Samples per level block: 2.5 ms at 8 kHz. */
    public static final int BLOCK = 20;
    /** How far below the loudest block a block still counts as sound. */
    public static final int RELATIVE_DB = 33;
    /** Kept before the first block over the threshold: 25 ms. */
    public static final int LEAD = 200;
    /** Kept after the last block over the threshold: 50 ms. */
    public static final int TAIL = 400;

    private SilenceTrim() {
    }

    /** The speech part of {@code pcm} with its margins; empty if {@code pcm} holds no sound at all. */
    public static short[] trim(short[] pcm) {
        double[] energy = bandLevels(pcm);
        int blocks = energy.length;
        double loudest = 0;
        for (double e : energy) {
            loudest = Math.max(loudest, e);
        }
        if (loudest < 1) {
            return new short[0]; // nothing above the 16-bit rounding noise
        }
        double threshold = threshold(loudest);
        int first = 0;
        while (energy[first] <= threshold) {
            first++;
        }
        int last = blocks - 1;
        while (energy[last] <= threshold) {
            last--;
        }
        int from = Math.max(0, first * BLOCK - LEAD);
        int to = Math.min(pcm.length, (last + 1) * BLOCK + TAIL);
        return from == 0 && to == pcm.length ? pcm : Arrays.copyOfRange(pcm, from, to);
    }

    /**
     * Mean square of each {@value #BLOCK}-sample block of {@code pcm} after two second-order 300 Hz high-pass
     * sections (RBJ biquads, Q 0.707): the level a telephone carries.
     */
    public static double[] bandLevels(short[] pcm) {
        double[] x = new double[pcm.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = pcm[i];
        }
        highPass(x);
        highPass(x);
        double[] energy = new double[(x.length + BLOCK - 1) / BLOCK];
        for (int b = 0; b < energy.length; b++) {
            double sum = 0;
            int end = Math.min(x.length, (b + 1) * BLOCK);
            for (int i = b * BLOCK; i < end; i++) {
                sum += x[i] * x[i];
            }
            energy[b] = sum / (end - b * BLOCK);
        }
        return energy;
    }

    /** In place, 300 Hz at 8 kHz. */
    private static void highPass(double[] x) {
        double w0 = 2 * Math.PI * 300 / 8000;
        double alpha = Math.sin(w0) / (2 * Math.sqrt(0.5));
        double cos = Math.cos(w0);
        double a0 = 1 + alpha;
        double b0 = (1 + cos) / 2 / a0;
        double b1 = -(1 + cos) / a0;
        double a1 = -2 * cos / a0;
        double a2 = (1 - alpha) / a0;
        double x1 = 0;
        double x2 = 0;
        double y1 = 0;
        double y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double in = x[i];
            double out = b0 * in + b1 * x1 + b0 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = in;
            y2 = y1;
            y1 = out;
            x[i] = out;
        }
    }

    /** The mean square a block must exceed to count as sound, given the loudest block's mean square. */
    public static double threshold(double loudestMeanSquare) {
        return loudestMeanSquare / Math.pow(10, RELATIVE_DB / 10.0);
    }
}
