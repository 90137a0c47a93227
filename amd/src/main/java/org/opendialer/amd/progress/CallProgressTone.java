package org.opendialer.amd.progress;

/** Call-progress results of {@link CallProgressAnalyzer}. */
public enum CallProgressTone {
    RINGBACK,
    BUSY,
    /** Reorder / congestion ("fast busy"). */
    REORDER,
    /** Special information tone; the variant is a {@link SitCode}. */
    SIT,
    /** Fax calling tone: 1100 Hz, 0.5 s on, 3 s off. */
    FAX_CNG,
    /** Fax or modem answer tone CED/ANS: 2100 Hz, steady. */
    FAX_CED,
    /** Modem answer tone (Bell 103 / 212A 2225 Hz), steady. */
    MODEM,
    /**
     * A recorded announcement in early media (speech before the answer: a carrier's voicemail greeting, a network
     * announcement). Only an analyser made with {@link CallProgressAnalyzer#earlyMedia} reports it: after the answer
     * speech is the other side talking, which answering-machine detection judges.
     */
    ANNOUNCEMENT,
    /** No audible signal for the configured silence time. */
    SILENCE
}
