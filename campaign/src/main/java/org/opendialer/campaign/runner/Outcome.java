package org.opendialer.campaign.runner;

import java.time.Instant;
import org.opendialer.campaign.settings.ResultKind;

/** How one call ended, as {@link AgentlessCall} reports it to the attempt history. */
public record Outcome(ResultKind result, Integer sipStatus, Integer q850, String disposition, String cpa,
                      String amdResult, String amdEvidence, boolean liveAnswer, Instant answeredAt, Instant endedAt,
                      Long timeToAnswerMs, Long talkMs, Long durationMs) {
}
