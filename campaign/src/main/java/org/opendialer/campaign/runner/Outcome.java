package org.opendialer.campaign.runner;

import java.time.Instant;
import java.util.UUID;
import org.opendialer.campaign.settings.ResultKind;

/**
 * How one call ended, as {@link AgentlessCall} reports it to the attempt history. The agent fields are set in the
 * agent modes only: {@code abandoned} when a live answer got no agent within the grace.
 */
public record Outcome(ResultKind result, Integer sipStatus, Integer q850, String disposition, String cpa,
                      String amdResult, String amdEvidence, boolean liveAnswer, Instant answeredAt, Instant endedAt,
                      Long timeToAnswerMs, Long talkMs, Long durationMs, AgentPart agent) {

    /** What the agent side of a live answer was. */
    public record AgentPart(boolean abandoned, UUID agentId, UUID interactionId, Long timeToAgentMs, Long agentTalkMs) {
        public static final AgentPart NONE = new AgentPart(false, null, null, null, null);
    }

    /** The result of a call whose events decided nothing: from SIP's final answer. */
    static ResultKind unsettled(org.opendialer.call.SessionEvent.Ended x) {
        if (x.answered()) {
            return ResultKind.FAILED; // ended while AMD was still listening
        }
        return switch (x.disposition()) {
            case BUSY -> ResultKind.BUSY;
            case NO_ANSWER, CANCELLED -> ResultKind.NO_ANSWER;
            case UNALLOCATED_NUMBER, NUMBER_CHANGED -> ResultKind.SIT_DISCONNECTED;
            default -> ResultKind.FAILED;
        };
    }
}
