package org.opendialer.media;

/**
 * A received digit, reported when it ends.
 *
 * @param digit      one of 0-9 * # A-D
 * @param durationMs tone length; for RFC 4733 the final duration field, for in-band the measured tone
 */
public record DtmfEvent(char digit, DtmfSource source, int durationMs) {
}
