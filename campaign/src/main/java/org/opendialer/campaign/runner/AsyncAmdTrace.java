package org.opendialer.campaign.runner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.opendialer.amd.AmdEvent;
import org.opendialer.amd.AmdEvidence;
import org.opendialer.amd.AmdParams;
import org.opendialer.amd.AmdResult;
import org.opendialer.notifications.voice.AmdJson;

/**
 * What the attempt history says of a call with async AMD (the message plays while AMD listens): when the message
 * started, where AMD's decision cut it or where it ended before AMD decided, and AMD's decision, or an
 * {@code UNKNOWN} naming why there was none. So the history always says what AMD decided. Confined to its call's
 * serial executor.
 */
final class AsyncAmdTrace {

    /** Past AMD's own analysis limit, for its last frames and the decision's hop to the call's executor. */
    static final Duration DECISION_MARGIN = Duration.ofMillis(700);
    /** The reason of a recorded UNKNOWN when the call ended before AMD decided (the detector never answered). */
    static final String ENDED_UNDECIDED = "CALL_ENDED_BEFORE_DECISION";

    private final Clock clock;
    private Instant startedAt;
    private Long cutMs;
    private Long endedMs;

    AsyncAmdTrace(Clock clock) {
        this.clock = clock;
    }

    void messageStarted() {
        startedAt = clock.instant();
    }

    boolean started() {
        return startedAt != null;
    }

    /** A decision cut the message now; returns how far into it. */
    long messageCut() {
        cutMs = sinceStart();
        return cutMs;
    }

    /**
     * The message ended before AMD decided; returns how long the line stays up for AMD's decision: the rest of AMD's
     * analysis time ({@code totalAnalysisMs}, after which it always decides) plus {@link #DECISION_MARGIN}.
     */
    Duration messageEnded(AmdParams params) {
        endedMs = sinceStart();
        long rest = Math.max(0, params.totalAnalysisMs() - endedMs);
        return Duration.ofMillis(rest).plus(DECISION_MARGIN);
    }

    /** AMD's decision to record: {@code d}, or an UNKNOWN with {@link #ENDED_UNDECIDED} when it never came. */
    AmdEvent.Decision recorded(AmdEvent.Decision d) {
        if (d != null) {
            return d;
        }
        AmdEvidence none = new AmdEvidence(0, 0, 0, 0, 0, Double.NaN, Double.NaN, 0, null, ENDED_UNDECIDED);
        return new AmdEvent.Decision(AmdResult.UNKNOWN, sinceStart(), 0, none);
    }

    /** The evidence JSON: AMD's, with {@code async: true}, {@code messageCutMs} or {@code messageEndedMs}. */
    String evidence(AmdEvent.Decision d) {
        return AmdJson.async(recorded(d), cutMs, endedMs);
    }

    private long sinceStart() {
        return Duration.between(startedAt, clock.instant()).toMillis();
    }
}
