package org.opendialer.media.dtmf;

/**
 * Limits for {@link InbandDtmfDetector}.
 *
 * @param minAmplitude        least peak amplitude of each tone on the 16-bit scale; 250 ≈ -36 dBm0 (µ-law)
 * @param minEnergyShare      least fraction of a window's energy the two tones must carry; low values tolerate
 *                            loud background (speech at +7 dB over the tones still decodes at 0.2), talk-off is
 *                            then held off by the frequency and peak checks
 * @param maxLowLouderDb      twist when the low (row) group is louder ("normal" twist in Asterisk's and
 *                            spandsp's sense); Q.24 asks for at least 8 dB
 * @param maxHighLouderDb     twist when the high (column) group is louder ("reverse"); Q.24 asks for at least 4 dB
 * @param maxDeviation        relative frequency error accepted; between Q.24's must-accept 1.5 % and must-reject 3.5 %
 */
public record DtmfDetectorConfig(double minAmplitude, double minEnergyShare, double maxLowLouderDb,
                                 double maxHighLouderDb, double maxDeviation) {

    public DtmfDetectorConfig {
        if (maxDeviation < 0.015 || maxDeviation > 0.035) {
            throw new IllegalArgumentException("maxDeviation: must lie in Q.24's 0.015..0.035, was " + maxDeviation);
        }
    }

    /**
     * Defaults. The twist limits exceed Q.24's minimums because real telephones in the corpus show 9-10 dB
     * (low louder) and 9 dB (high louder).
     */
    public static DtmfDetectorConfig defaults() {
        return new DtmfDetectorConfig(250, 0.12, 12, 10, 0.025);
    }
}
