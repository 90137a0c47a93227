package org.opendialer.amd.progress;

import java.util.Arrays;

/**
 * One entry of a country tone table: which frequencies make the tone and how it is cadenced.
 *
 * @param frequenciesHz     one or two components
 * @param cadenceMs         alternating on/off lengths starting with on, repeated; empty for a steady tone
 * @param confirmOnSegments how many on-segments (with the off-segments between them) must match the cadence
 *                          before the tone is reported; the off that follows must have begun
 * @param steadyMs          for a steady tone, how long it must last before it is reported
 */
public record ToneDefinition(CallProgressTone tone, String country, double[] frequenciesHz, int[] cadenceMs,
                             int confirmOnSegments, int steadyMs) {

    public ToneDefinition {
        frequenciesHz = frequenciesHz.clone();
        cadenceMs = cadenceMs.clone();
        if (frequenciesHz.length < 1 || frequenciesHz.length > 2) {
            throw new IllegalArgumentException("one or two frequencies, got " + frequenciesHz.length);
        }
        if (cadenceMs.length % 2 != 0) {
            throw new IllegalArgumentException("cadence must be on/off pairs: " + Arrays.toString(cadenceMs));
        }
    }

    static ToneDefinition cadenced(CallProgressTone tone, String country, double[] hz, int confirm, int... cadence) {
        return new ToneDefinition(tone, country, hz, cadence, confirm, 0);
    }

    static ToneDefinition steady(CallProgressTone tone, String country, double hz, int steadyMs) {
        return new ToneDefinition(tone, country, new double[] {hz}, new int[0], 0, steadyMs);
    }

    public boolean isSteady() {
        return cadenceMs.length == 0;
    }

    @Override
    public double[] frequenciesHz() {
        return frequenciesHz.clone();
    }

    @Override
    public int[] cadenceMs() {
        return cadenceMs.clone();
    }

    @Override
    public String toString() {
        return tone + "/" + country + Arrays.toString(frequenciesHz) + Arrays.toString(cadenceMs);
    }
}
