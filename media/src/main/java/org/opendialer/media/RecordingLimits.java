package org.opendialer.media;

import java.time.Duration;

/**
 * When a recording stops by itself.
 *
 * @param maxDuration audio time (media clock), not wall time
 * @param maxBytes    size of the WAV data (16-bit PCM: 16,000 bytes per second)
 * @param bothDirections true: mix what the leg receives and what it sends (a whole call, or a bridged call from
 *                       one leg); false: only what the leg receives
 */
public record RecordingLimits(Duration maxDuration, long maxBytes, boolean bothDirections) {
    public static RecordingLimits of(Duration maxDuration) {
        return new RecordingLimits(maxDuration, Long.MAX_VALUE, true);
    }
}
