package org.opendialer.campaign.runner;

import java.time.Duration;
import java.time.Instant;
import java.time.Clock;
import org.opendialer.amd.AmdEvent;
import org.opendialer.amd.AmdResult;
import org.opendialer.campaign.settings.ResultKind;
import org.opendialer.notifications.voice.AmdJson;

/**
 * What one campaign call has seen, kept for its attempt: when it was claimed and answered, the call progress tone
 * that ended it, AMD's decision (and, with async AMD, the message's times in {@link AsyncAmdTrace}), turned into the
 * attempt's {@link Outcome} when the call ends. Apart from {@link AgentlessCall} because that class decides what the
 * call does next (its steps) while this only records and derives what the history stores: time to answer, whether
 * the answer was live (the abandon rate's denominator), AMD's result and evidence. Confined to the call's serial
 * executor, except {@link #answeredAt}, which is volatile.
 */
final class CallEvidence {

    private final Instant claimedAt;
    /** Whether AMD judges this call's answer; off, and for a preview (its agent hears the answer), every answer is live. */
    private final boolean amdJudges;
    private final AsyncAmdTrace asyncAmd;
    private volatile Instant answeredAt;
    private String cpa;
    private AmdEvent.Decision amd;

    CallEvidence(Instant claimedAt, boolean amdJudges, Clock clock) {
        this.claimedAt = claimedAt;
        this.amdJudges = amdJudges;
        this.asyncAmd = new AsyncAmdTrace(clock);
    }

    void answered(Instant at) {
        answeredAt = at;
    }

    /** The call progress analysis' finding that ended the call ({@code SIT IC}, {@code BUSY}). */
    void cpa(String finding) {
        cpa = finding;
    }

    void decided(AmdEvent.Decision d) {
        amd = d;
    }

    /** Async AMD's message times. */
    AsyncAmdTrace asyncAmd() {
        return asyncAmd;
    }

    /** The attempt's outcome for a call that ended at {@code at} with {@code result}. */
    Outcome outcome(ResultKind result, Integer sip, Integer q850, String disposition, Instant at, long talkMs,
                    Outcome.AgentPart part) {
        Long toAnswer = answeredAt == null ? null : Duration.between(claimedAt, answeredAt).toMillis();
        boolean live = amd == null ? answeredAt != null && !amdJudges
                : amd.result() == AmdResult.HUMAN || amd.result() == AmdResult.UNKNOWN;
        String amdJson = asyncAmd.started() ? asyncAmd.evidence(amd) : amd == null ? null : AmdJson.of(amd);
        String amdResult = asyncAmd.started() ? asyncAmd.recorded(amd).result().name()
                : amd == null ? null : amd.result().name();
        return new Outcome(result, sip, q850, disposition, cpa, amdResult, amdJson, live, answeredAt, at, toAnswer, talkMs,
                Duration.between(claimedAt, at).toMillis(), part);
    }
}
