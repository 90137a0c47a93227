package org.opendialer.media.echo;

/**
 * Bulk delay of the echo of what we send: the lag (4 ms steps, up to {@link EchoCanceller#MAX_DELAY_MS}) at which
 * the changes of the log-energy envelope of what we hear correlate best with those of what we sent, over the last
 * second or so.
 * Envelopes rather than samples: 125 lags cost a few hundred operations a block instead of a sample-rate
 * correlation, and a loss or a hybrid's phase response does not move the peak. Far-end speech does not correlate
 * with ours, so it lowers the peak without moving it.
 *
 * <p>Not thread-safe; allocates nothing per frame.
 */
final class EchoDelayEstimator {

    /** Samples per envelope block (4 ms). */
    static final int BLOCK = 32;
    private static final int LAGS = EchoCanceller.MAX_DELAY_MS * 8 / BLOCK + 1;
    private static final float SMOOTH = 1f / 250; // about one second of blocks
    /** Power floor of the envelopes (about -65 dBFS): quieter than any line's noise, louder than digital silence. */
    private static final float FLOOR = 340f;
    /** Our block is sound, not silence, above this power (about -55 dBFS). */
    private static final float ACTIVE = 3400f;
    /** Normalised correlation needed to trust a lag, and the margin a new lag needs to replace the current one. */
    private static final float TRUST = 0.35f;
    private static final float SWITCH_MARGIN = 0.05f;
    /** Blocks of our own sound needed before a delay is reported. */
    private static final int MIN_ACTIVE_BLOCKS = 25;

    /** Our level steps, a ring written twice ({@code i} and {@code i + LAGS}) so that lags 0..LAGS-1 of the newest
     * block are one contiguous run, newest last. */
    private final float[] refStep = new float[2 * LAGS];
    private final float[] cross = new float[LAGS];
    private final float[] refVar = new float[LAGS];
    private float lastRef;
    private float lastHeard;
    private float heardVar;
    private long block;
    private long lastActive = Long.MIN_VALUE / 2;
    private int activeBlocks;
    private int lag = -1;

    /**
     * One frame of what we sent (null: nothing) and what we heard, 160 samples each. The correlations follow every
     * 4 ms block; the best lag is looked for once a frame.
     */
    void onFrame(short[] sent, short[] heard) {
        boolean correlated = false;
        for (int b = 0; b < EchoCanceller.FRAME; b += BLOCK) {
            float ps = 0;
            float ph = 0;
            for (int i = b; i < b + BLOCK; i++) {
                if (sent != null) {
                    ps += (float) sent[i] * sent[i];
                }
                ph += (float) heard[i] * heard[i];
            }
            correlated |= onBlock(ps / BLOCK, ph / BLOCK);
        }
        if (correlated && activeBlocks >= MIN_ACTIVE_BLOCKS) {
            chooseLag();
        }
    }

    /** Returns whether the correlations moved. */
    private boolean onBlock(float sentPower, float heardPower) {
        int slot = (int) (block % LAGS);
        float x = (float) Math.log10(sentPower + FLOOR);
        refStep[slot] = clip(x - lastRef);
        refStep[slot + LAGS] = refStep[slot];
        lastRef = x;
        if (sentPower > ACTIVE) {
            lastActive = block;
            activeBlocks++;
        }
        block++;
        if (block - lastActive > LAGS) {
            return false; // nothing of ours in reach: keep what was learnt
        }
        // changes of level, clipped: echo repeats each of our rises and falls at its lag, while a loud far-end
        // onset lands on one lag only and cannot outweigh many small matching steps
        float h = (float) Math.log10(heardPower + FLOOR);
        float dh = clip(h - lastHeard);
        lastHeard = h;
        heardVar += SMOOTH * (dh * dh - heardVar);
        int newest = slot + LAGS; // lag l is refStep[newest - l]
        for (int l = 0; l < LAGS; l++) {
            float dx = refStep[newest - l];
            cross[l] += SMOOTH * (dx * dh - cross[l]);
            refVar[l] += SMOOTH * (dx * dx - refVar[l]);
        }
        return true;
    }

    private void chooseLag() {
        // the lag of the largest correlation, compared as signed squares over our variance alone (the far end's is
        // common to every lag): no square root per lag
        int best = 0;
        float bestScore = Float.NEGATIVE_INFINITY;
        for (int l = 0; l < LAGS; l++) {
            float c = cross[l];
            float score = refVar[l] <= 1e-9f ? 0f : c * Math.abs(c) / refVar[l];
            if (score > bestScore) {
                bestScore = score;
                best = l;
            }
        }
        float bestCorr = correlation(best);
        if (bestCorr >= TRUST && (lag < 0 || bestCorr > correlation(lag) + SWITCH_MARGIN)) {
            lag = best;
        }
    }

    /** At most 5 dB either way. */
    private static float clip(float step) {
        return Math.max(-0.5f, Math.min(0.5f, step));
    }

    private float correlation(int l) {
        float v = refVar[l] * heardVar;
        return v <= 1e-9f ? 0f : cross[l] / (float) Math.sqrt(v);
    }

    /** The echo's delay in samples, or -1 while not found. */
    int delaySamples() {
        return lag < 0 ? -1 : lag * BLOCK;
    }
}
