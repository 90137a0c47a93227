package org.opendialer.amd;

import org.opendialer.amd.progress.CallProgressTone;

/**
 * What a decision was based on, for dispositions, audits and tuning. Durations are milliseconds of call audio
 * counted in 20 ms frames, levels are dBFS (0 = full-scale square wave of 16-bit PCM).
 *
 * @param initialSilenceMs   silence from the first frame to the first word
 * @param greetingMs         speech heard in the greeting: speech frames and the dips inside words (shorter than
 *                           {@code wordGapMs}), pauses between words excluded
 * @param utterances         words (voice bursts of at least {@code minWordMs}, split by {@code wordGapMs}) heard
 * @param longestUtteranceMs longest voice burst without a word gap
 * @param silenceAfterGreetingMs silence after the last word when the decision was taken
 * @param speechLevelDbfs    mean level of speech frames, or {@code -Infinity} if there were none
 * @param noiseFloorDbfs     tracked background level used for the adaptive speech threshold
 * @param voicedFraction     share of speech frames that look voiced (low zero-crossing rate), in [0, 1]
 * @param tone               last call-progress tone heard during analysis, or {@code null}
 * @param reason             short machine-readable cause, e.g. {@code LONG_GREETING}, {@code AFTER_GREETING_SILENCE},
 *                           {@code NOISY_LINE}, {@code SOUND_WITHOUT_WORDS}
 */
public record AmdEvidence(
        long initialSilenceMs,
        long greetingMs,
        int utterances,
        long longestUtteranceMs,
        long silenceAfterGreetingMs,
        double speechLevelDbfs,
        double noiseFloorDbfs,
        double voicedFraction,
        CallProgressTone tone,
        String reason) {
}
