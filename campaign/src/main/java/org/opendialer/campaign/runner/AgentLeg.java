package org.opendialer.campaign.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.opendialer.call.CallSession;
import org.opendialer.campaign.settings.Campaign;

/**
 * The agent part of one campaign call in an agent mode (or a preview): hands the live answer to the campaign's
 * queue, or to the preview's agent alone, and keeps what the attempt history says of it (abandoned, which agent,
 * time to agent, the agent's talk). Confined to its {@link AgentlessCall}'s serial executor; the step machine stays
 * the call's.
 */
final class AgentLeg {

    private final ContactClaims.Claim claim;
    private final Campaign campaign;
    private final VoiceCampaignRunner runner;
    private final String callerId;
    /** A preview's call: the agent who chose it, who alone gets the answer; else null. */
    private final UUID previewAgent;
    /** The greeting's end (AMD decision, or the answer with AMD off): where time to agent starts. */
    private Instant decidedAt;
    private Instant connectedAt;
    private AgentHandOff.Result.Connected agent;
    private boolean abandoned;

    AgentLeg(ContactClaims.Claim claim, Campaign campaign, VoiceCampaignRunner runner, String callerId,
             UUID previewAgent) {
        this.claim = claim;
        this.campaign = campaign;
        this.runner = runner;
        this.callerId = callerId;
        this.previewAgent = previewAgent;
    }

    boolean preview() {
        return previewAgent != null;
    }

    /**
     * Offers {@code session} to the agents; completes (on any thread) once the hand-off is settled, the agent's
     * reservation released and the abandon meter told. Counted abandoned from here until {@link #connected}, so a
     * customer who hangs up within the grace counts too (the cap is never underestimated). A preview's answer counts
     * in the abandon rate too: the history a restarted pacer is rebuilt from has it, so the live meter must agree.
     */
    CompletableFuture<AgentHandOff.Result> handOff(CallSession session) {
        decidedAt = runner.clock().instant();
        abandoned = true;
        var s = campaign.settings();
        boolean free = previewAgent == null && runner.reserveAgent(campaign, session.callId());
        CompletableFuture<AgentHandOff.Result> offered = previewAgent != null
                ? AgentHandOff.forAgent(runner.queues(), session, s.queueId(), campaign.id(), s.priority(),
                        claim.verdict().number(), callerId, claim.contact().data(), previewAgent, runner.clock())
                : AgentHandOff.start(runner.queues(), session, s.queueId(), campaign.id(), s.priority(),
                        claim.verdict().number(), callerId, claim.contact().data(), free, runner.clock());
        return offered.whenComplete((r, e) -> {
            if (free) {
                runner.releaseAgent(campaign, session.callId());
            }
            runner.liveAnswer(campaign, !(r instanceof AgentHandOff.Result.Connected));
        });
    }

    /**
     * The safe-harbour message of an abandoned answer (a preview's whose agent did not answer too). Preview
     * campaigns need not set the company and number (nothing is dialled ahead of an agent), so the caller ID's name
     * and number stand in for them: the customer still hears who called and where to call back.
     */
    String safeHarbourMessage() {
        var s = campaign.settings();
        var m = s.agentMode();
        String company = m.safeHarbourCompany().isBlank() ? s.callerIdName() : m.safeHarbourCompany();
        String number = m.safeHarbourNumber().isBlank() ? callerId : m.safeHarbourNumber();
        return m.safeHarbourText().replace("{{company}}", company == null ? "" : company)
                .replace("{{number}}", number == null ? "" : number);
    }

    /** The customer is bridged to {@code c}: no longer abandoned. */
    void connected(AgentHandOff.Result.Connected c) {
        agent = c;
        connectedAt = c.at();
        abandoned = false;
    }

    /** What the attempt history says of the agent side, the call having ended at {@code end}. */
    Outcome.AgentPart part(Instant end) {
        if (decidedAt == null) {
            return Outcome.AgentPart.NONE;
        }
        return new Outcome.AgentPart(abandoned, agent == null ? null : agent.agentId(),
                agent == null ? null : agent.interactionId(),
                connectedAt == null ? null : Duration.between(decidedAt, connectedAt).toMillis(),
                connectedAt == null ? null : Duration.between(connectedAt, end).toMillis());
    }
}
