package org.opendialer.amd.progress;

/**
 * Variant of a special information tone, from the frequencies (low 913.8 / 1370.6 Hz, high 985.2 / 1428.5 Hz; third
 * segment always 1776.7 Hz) and lengths (short 274 ms, long 380 ms) of its first two segments (Telcordia SR-2275),
 * or the ITU-T E.180 form 950 / 1400 / 1800 Hz.
 */
public enum SitCode {
    /** No circuit: all trunks busy; retry later. High-long, high-long (or the intra-LATA low-long, low-long). */
    NC,
    /** Intercept / number changed or not in service. Low-short, low-short. */
    IC,
    /** Vacant code: the number does not exist. High-long, low-short. */
    VC,
    /** Reorder / equipment irregularity; retry later. Low-short, high-long (or high-short, low-long). */
    RO,
    /** ITU-T form, which does not encode a cause. */
    ITU,
    /** A SIT with a reserved or unrecognised segment pattern. */
    UNKNOWN
}
