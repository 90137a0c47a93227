package org.opendialer.amd.progress;

/**
 * One recognised call-progress tone.
 *
 * @param atMs        when it was recognised, in milliseconds since the first frame
 * @param sitCode     the variant for {@link CallProgressTone#SIT}, otherwise {@code null}
 * @param frequencyHz main frequency (nominal for table tones, measured first segment for SIT), 0 for silence and
 *                    announcements
 * @param country     the tone table that matched, {@code "*"} for international tones
 */
public record ToneReport(CallProgressTone tone, long atMs, SitCode sitCode, double frequencyHz, String country) {
}
