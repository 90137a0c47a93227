package org.opendialer.campaign.runner;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the attempt history: who was dialled on which number, from which caller ID and trunk group, and how
 * it ended (SIP status, Q.850, the tone heard before the answer, AMD result with its evidence, timings).
 *
 * @param result null while in flight
 */
public record Attempt(UUID id, UUID campaignId, String contactId, String number, String phoneColumn, String node,
                      Instant createdAt, String callerId, String trunkGroup, String callId, String result,
                      Integer sipStatus, Integer q850, String disposition, String cpa, String amdResult,
                      String amdEvidence, boolean liveAnswer, boolean abandoned, Instant answeredAt, Instant endedAt,
                      Long timeToAnswerMs, Long talkMs, Long durationMs, AgentTimes agent) {

    /** Agent modes: the agent connected, greeting end to agent, talk with the agent, the agent's wrap-up. */
    public record AgentTimes(UUID agentId, Long timeToAgentMs, Long agentTalkMs, Long wrapUpMs) {
    }
}
