package org.opendialer.notifications.voice;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A notification call as stored: state, outcome, SIP and Q.850 causes, AMD evidence (JSON), the key pressed,
 * durations in milliseconds, and its timeline.
 */
public record CallRecord(UUID id, String clientId, String to, String from, CallState state, String outcome,
                         Integer sipStatus, Integer q850, String disposition, String hangupBy, String keyPressed,
                         String amdJson, Instant createdAt, Instant answeredAt, Instant endedAt, Long ringMs,
                         Long decisionMs, Long talkMs, Long firstAudioMs, Long beepToMessageMs,
                         List<Event> events) {

    /** One timeline entry: {@code type} such as trying, ringing, early_media, answered, amd, beep, prompt, key. */
    public record Event(int seq, Instant at, String type, String detail) { }
}
