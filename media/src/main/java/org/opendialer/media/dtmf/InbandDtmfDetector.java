package org.opendialer.media.dtmf;

/**
 * In-band DTMF detector for 8 kHz 16-bit audio, designed against ITU-T Q.24 receiver limits and tuned on the real
 * recordings in the shared corpus (see {@code DtmfCorpusTest}).
 *
 * <p>How it decides:
 * <ul>
 *   <li>Goertzel-style correlations at the 8 DTMF frequencies over 102-sample windows (12.75 ms; at that length a
 *       row tone leaks less than -20 dB into the neighbouring row bin) that advance by half a window (51 samples),
 *       built from 51-sample sub-blocks so every sample is correlated once per frequency.</li>
 *   <li>Frequency error: the phase advance of each tone between two overlapping windows (51 samples apart)
 *       measures its true frequency; more than 2.5 % off nominal is no hit, so ±1.5 % is accepted and ±3.5 %
 *       rejected.</li>
 *   <li>A window is a <em>hit</em> when the strongest row and column tone are above a minimum level, the other
 *       tones of each group are 3 dB weaker, the twist is within limits (see {@link DtmfDetectorConfig}), and the
 *       two tones carry a share of the window's energy that grows with their twist and frequency error. That last
 *       rule is the talk-off guard: a clean pair may sit under loud speech, a lopsided or off-frequency pair (what
 *       formants produce) must dominate. Tones are ranked and rivals compared by power above each bin's running
 *       {@link BinBackground}, so a steady voice harmonic beside a DTMF frequency does not mask a new tone.</li>
 *   <li>A rejected window is still a hit if the 306-sample {@link LongWindow} (bins three times narrower) shows a
 *       digit sharing a tone with it, 6 dB clear of rival tones and passing the same rules.</li>
 *   <li>Within a run, a window that fails only the energy share still counts when the run already had two
 *       short-window hits and the pair is at full strength; and a clean window of a digit sharing one tone with
 *       the candidate does not displace it while the candidate's other tone holds within 3 dB of its peak (a
 *       speech partial flickering beside a real tone).</li>
 *   <li>Consecutive hits of one digit form a run; a window where the digit's own tones drop below half their peak
 *       amplitude is a dip, and two dips (a 15 ms pause between repeated digits makes them) or three noisy windows
 *       end the run. The run is a digit if at least {@value #HITS_TO_BEGIN} hits reach 70 % of its peak amplitude
 *       (every ≥ 40 ms tone has five such windows, a ≤ 23 ms one at most three) and its measured frequencies held
 *       steady within {@link #MAX_DRIFT} (see {@link DigitRun}).</li>
 * </ul>
 * Time is counted in samples, so the detector runs in virtual time. Allocation-free; not thread-safe (one per leg).
 */
public final class InbandDtmfDetector {

    /** Receives detector events; times are sample indexes since the detector started (8000 per second). */
    public interface Listener {
        default void onDigitStart(char digit, long startSample) {
        }

        void onDigitEnd(char digit, long startSample, long durationSamples);
    }

    static final int SUB = DtmfFilterBank.SUB;
    static final int WINDOW = DtmfFilterBank.WINDOW;
    private static final int FRAME = 160;
    static final int HITS_TO_BEGIN = 4;
    /** Short-window hits after which a window failing only the energy share may still continue the run. */
    static final int CONTINUE_AFTER_HITS = 2;
    static final int MISSES_TO_END = 2;
    static final int MIN_NOISY_HITS = 3;
    static final int MIN_SPAN = WINDOW + 4 * SUB;
    /** Consecutive windows where another pattern wins but the candidate's tones persist before a run ends. */
    static final int NOISY_MISSES_TO_END = 3;
    /** Hits before a digit may be announced early (for barge-in) rather than when it ends: 57 ms. */
    static final int EARLY_START_HITS = 8;
    /** A window counts towards duration at >= 70 % of the run's peak amplitude (power ratio 0.49). */
    static final double STRONG = 0.49;
    /** A window below 50 % of the peak amplitude (a pause between repeated digits) is a miss. */
    static final double DIP = 0.25;
    /** Largest spread of a tone's measured frequency error across a digit's strong windows. */
    static final double MAX_DRIFT = 0.03;
    static final double SHARE_PER_TWIST_DB = 0.05;
    static final double SHARE_PER_DEVIATION = 10;
    static final double MAX_REQUIRED_SHARE = 0.7;
    /** Other tones of a group must be this much (3 dB) weaker than the winner. */
    private static final double RELATIVE_PEAK = Math.pow(10, 3 / 10.0);

    private final Listener listener;
    private final double minAmplitudeSquared;
    private final double minEnergyShare;
    private final double twistLowLouder;
    private final double twistHighLouder;
    private final double maxDeviation;

    private final DtmfFilterBank bank = new DtmfFilterBank(new DtmfFilterBank.Sink() {
        @Override
        public void onWindow(double energy, long end) {
            InbandDtmfDetector.this.onWindow(classify(energy), end);
            background.update(power, candidate != 0);
        }

        @Override
        public void onRest() {
            background.clear();
        }
    });
    private final double[] power = new double[8];
    private final LongWindow longWindow = bank.longWindow;
    private final BinBackground background = new BinBackground();

    // the current run of windows showing one digit
    private char candidate;
    private final DigitRun run = new DigitRun();
    private double runRowPeak;
    /** Hits of this run the short window accepted on its own (not rescued by the long window). */
    private int runCleanHits;
    /** The last hit came from the long-window rescue. */
    private boolean rescued;
    private double runColPeak;
    private double lastDevRow;
    private double lastDevCol;
    private int misses;
    private int dips;
    private int candRow;
    private int candCol;
    private boolean started;
    private double tonePower;
    private long digits;

    private long windows;
    private long hits;

    public InbandDtmfDetector(Listener listener) {
        this(listener, DtmfDetectorConfig.defaults());
    }

    public InbandDtmfDetector(Listener listener, DtmfDetectorConfig config) {
        this.listener = listener;
        this.minAmplitudeSquared = config.minAmplitude() * config.minAmplitude();
        this.minEnergyShare = config.minEnergyShare();
        this.twistLowLouder = Math.pow(10, config.maxLowLouderDb() / 10);
        this.twistHighLouder = Math.pow(10, config.maxHighLouderDb() / 10);
        this.maxDeviation = config.maxDeviation();
    }

    /**
     * Feeds {@code len} samples from {@code pcm[off..]}, in 20 ms steps: the quiet gate of {@link DtmfFilterBank}
     * judges each step on its own, so a short tone inside a long quiet buffer is never averaged away.
     */
    public void process(short[] pcm, int off, int len) {
        for (int at = off; at < off + len; at += FRAME) {
            bank.process(pcm, at, Math.min(FRAME, off + len - at), candidate == 0);
        }
    }

    /** Why the last window was not a hit ({@code null} for a hit); for diagnostics and tests. */
    String rejectReason;

    /** The digit this window shows, or 0; sets {@link #tonePower}. */
    private char classify(double energy) {
        windows++;
        int row = 0;
        int col = 4;
        for (int k = 0; k < 8; k++) {
            power[k] = bank.winRe[k] * bank.winRe[k] + bank.winIm[k] * bank.winIm[k];
        }
        for (int k = 1; k < 8; k++) { // ranked by power above background
            double e = background.excess(power, k);
            if (k < 4 && e > background.excess(power, row)) {
                row = k;
            } else if (k > 4 && e > background.excess(power, col)) {
                col = k;
            }
        }
        double pr = power[row];
        double pc = power[col];
        tonePower = bank.shortPower[row] + bank.shortPower[col];
        rescued = false;
        rejectReason = reject(row, col, pr, pc, energy);
        if ("share".equals(rejectReason) && candidate != 0 && row == candRow && col == candCol
                && runCleanHits >= CONTINUE_AFTER_HITS && tonePower >= STRONG * run.maxPower()) {
            // A tone already seen clean keeps its run through windows where speech outweighs it: only the energy
            // share failed, and the pair is still the strongest, on frequency, within twist and at full strength.
            rejectReason = null;
        }
        if (rejectReason != null) {
            // a window the long one resolves, provided it shares a tone with what the short window saw
            char second = longWindow.digit(minAmplitudeSquared, twistLowLouder, twistHighLouder, maxDeviation,
                    minEnergyShare);
            if (second == 0 || (DtmfTones.row(second) != row && 4 + DtmfTones.col(second) != col)) {
                return 0;
            }
            tonePower = bank.shortPower[DtmfTones.row(second)] + bank.shortPower[4 + DtmfTones.col(second)];
            rescued = true;
            lastDevRow = longWindow.devRow;
            lastDevCol = longWindow.devCol;
            rejectReason = null;
            hits++;
            return second;
        }
        hits++;
        return DtmfTones.digit(row, col - 4);
    }

    private String reject(int row, int col, double pr, double pc, double energy) {
        // |X|^2 of a sinusoid of amplitude A over N samples is (A N / 2)^2
        double scale = 4.0 / ((double) WINDOW * WINDOW);
        if (pr * scale < minAmplitudeSquared || pc * scale < minAmplitudeSquared) {
            return "level";
        }
        if (pr > pc * twistLowLouder || pc > pr * twistHighLouder) {
            return "twist";
        }
        for (int k = 0; k < 8; k++) {
            if (k != row && k != col && background.excess(power, k) * RELATIVE_PEAK > (k < 4 ? pr : pc)) {
                return "peak";
            }
        }
        lastDevRow = bank.deviation(row);
        lastDevCol = bank.deviation(col);
        if (Math.abs(lastDevRow) > maxDeviation || Math.abs(lastDevCol) > maxDeviation) {
            return "freq";
        }
        // The tones' energy in the window is 2|X|^2/N. The share they must carry grows with twist and frequency
        // error: a clean pair may sit under loud speech, but a lopsided or off-frequency pair must dominate
        // (speech formant pairs that pass the other checks are typically both).
        double required = minEnergyShare + SHARE_PER_TWIST_DB * Math.abs(10 * Math.log10(pr / pc))
                + SHARE_PER_DEVIATION * (Math.abs(lastDevRow) + Math.abs(lastDevCol)) / 2;
        if ((pr + pc) * 2.0 / WINDOW < Math.min(MAX_REQUIRED_SHARE, required) * energy) {
            return "share";
        }
        return null;
    }

    private void onWindow(char hit, long windowEnd) {
        if (candidate != 0) {
            // the candidate's own tones in the short window tell a pause (dip) from a window spoiled by noise
            double candidatePower = bank.shortPower[candRow] + bank.shortPower[candCol];
            if (hit == candidate && candidatePower >= DIP * run.maxPower()) {
                recordHit(windowEnd);
                return;
            }
            boolean dip = candidatePower < DIP * run.maxPower();
            dips = dip ? dips + 1 : 0;
            misses++;
            // another digit's clean window ends a run that has not yet shown enough to be a digit itself, unless
            // the candidate's own tones are still at full strength: a real tone persists, a speech partial that
            // flickers into the neighbouring row or column does not replace it
            boolean displaced = hit != 0 && run.length() < HITS_TO_BEGIN && !holding(hit);
            if (displaced || dips >= MISSES_TO_END || misses >= NOISY_MISSES_TO_END) {
                finishRun();
            }
        }
        if (candidate == 0 && hit != 0) {
            candidate = hit;
            candRow = DtmfTones.row(hit);
            candCol = 4 + DtmfTones.col(hit);
            run.reset();
            runRowPeak = 0;
            runColPeak = 0;
            runCleanHits = 0;
            started = false;
            recordHit(windowEnd);
        }
    }

    /**
     * Whether the candidate's own tone that {@code hit} does not share is still within 3 dB of its peak in this
     * run: then {@code hit} is the candidate with a speech partial beside its other tone, not a new digit.
     */
    private boolean holding(char hit) {
        int row = DtmfTones.row(hit);
        int col = 4 + DtmfTones.col(hit);
        if (row == candRow && col != candCol) {
            return power[candCol] >= STRONG * runColPeak;
        }
        if (col == candCol && row != candRow) {
            return power[candRow] >= STRONG * runRowPeak;
        }
        return false;
    }

    private void recordHit(long windowEnd) {
        misses = 0;
        dips = 0;
        if (!rescued) {
            runCleanHits++;
        }
        runRowPeak = Math.max(runRowPeak, power[candRow]);
        runColPeak = Math.max(runColPeak, power[candCol]);
        run.add(tonePower, windowEnd, lastDevRow, lastDevCol);
        if (!started && run.length() >= EARLY_START_HITS && run.isDigit()) {
            started = true;
            listener.onDigitStart(candidate, run.firstStrongStart());
        }
    }

    private void finishRun() {
        if (run.isDigit()) {
            if (!started) {
                listener.onDigitStart(candidate, run.firstStrongStart());
            }
            // strong windows reach about 30 samples past each end of the tone
            long duration = Math.max(0, run.lastStrongEnd() - run.firstStrongStart() - 61);
            listener.onDigitEnd(candidate, run.firstStrongStart() + 30, duration);
            digits++;
        }
        candidate = 0;
        misses = 0;
        dips = 0;
        run.reset();
    }

    /** Ends a digit still sounding (e.g. when the stream stops), as if silence followed. */
    public void flush() {
        if (candidate != 0) {
            finishRun();
        }
    }

    public long samplesProcessed() {
        return bank.samples();
    }

    /** Frames the quiet gate analysed as silence (see {@link DtmfFilterBank}). */
    public long framesGated() {
        return bank.gatedFrames();
    }

    /** Sub-blocks of silence skipped at rest (see {@link DtmfFilterBank}). */
    public long subBlocksRested() {
        return bank.restedSubBlocks();
    }

    public long windowsAnalysed() {
        return windows;
    }

    /** Digits reported so far. */
    public long digitsDetected() {
        return digits;
    }

    public long windowsWithTones() {
        return hits;
    }
}
