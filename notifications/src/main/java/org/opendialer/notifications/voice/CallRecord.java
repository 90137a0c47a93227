package org.opendialer.notifications.voice;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A notification call as stored (its {@code version} and {@code updatedAt} kept by the database on each change): state, outcome, SIP and Q.850 causes, AMD evidence (JSON), the key pressed,
 * durations in milliseconds, and its timeline.
 */
public record CallRecord(UUID id, String clientId, String to, String from, CallState state, String outcome,
                         Integer sipStatus, Integer q850, String disposition, String hangupBy, String keyPressed,
                         String amdJson, Instant createdAt, Instant answeredAt, Instant endedAt, Long ringMs,
                         Long decisionMs, Long talkMs, Long firstAudioMs, Long beepToMessageMs,
                         Instant updatedAt, int version, List<Event> events) {

    /** This call with its timeline. */
    public CallRecord withEvents(List<Event> timeline) {
        return new CallRecord(id, clientId, to, from, state, outcome, sipStatus, q850, disposition, hangupBy, keyPressed,
                amdJson, createdAt, answeredAt, endedAt, ringMs, decisionMs, talkMs, firstAudioMs, beepToMessageMs,
                updatedAt, version, List.copyOf(timeline));
    }

    /**
     * One timeline entry: {@code type} in lowerCamelCase, such as trying, ringing, earlyMedia, answered, amd, beep,
     * prompt, key (rows written before the API convention hold snake_case; the API turns them to lowerCamelCase).
     */
    public record Event(int seq, Instant at, String type, String detail) { }
}
