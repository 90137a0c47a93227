package org.opendialer.campaign.runner;

import static org.opendialer.campaign.runner.CallStep.ANALYSING;
import static org.opendialer.campaign.runner.CallStep.ANSWERED;
import static org.opendialer.campaign.runner.CallStep.CLAIMED;
import static org.opendialer.campaign.runner.CallStep.DIALING;
import static org.opendialer.campaign.runner.CallStep.ENDED;
import static org.opendialer.campaign.runner.CallStep.HANGING_UP;
import static org.opendialer.campaign.runner.CallStep.IN_FLOW;
import static org.opendialer.campaign.runner.CallStep.LIVE_MESSAGE;
import static org.opendialer.campaign.runner.CallStep.MACHINE_MESSAGE;
import static org.opendialer.campaign.runner.CallStep.MACHINE_WAIT;
import static org.opendialer.campaign.runner.CallStep.MESSAGE_ANALYSING;
import static org.opendialer.campaign.runner.CallStep.MESSAGE_PLAYED;
import static org.opendialer.campaign.runner.CallStep.SAFE_HARBOUR;
import static org.opendialer.campaign.runner.CallStep.TO_AGENT;
import static org.opendialer.campaign.runner.CallStep.WITH_AGENT;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.opendialer.amd.AmdEvent;
import org.opendialer.amd.AmdParams;
import org.opendialer.amd.progress.CallProgressTone;
import org.opendialer.amd.progress.SitCode;
import org.opendialer.call.CallSession;
import org.opendialer.call.OriginateSpec;
import org.opendialer.call.SessionEvent;
import org.opendialer.campaign.settings.AmdAction;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignSettings;
import org.opendialer.campaign.settings.ResultKind;
import org.opendialer.media.PlayResult;
import org.opendialer.media.Playable;
import org.opendialer.notifications.messaging.Templates;
import org.opendialer.sip.Q850;
import org.opendialer.sip.trunk.SerialExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agentless call of a campaign, from its claimed attempt to its stored result: originate with the campaign's
 * caller ID, trunk group, ring time and tone country; a SIT for a disconnected number or a busy tone in early media
 * ends it; after the answer AMD (when on) decides, and the campaign's action for a person (message or flow) or a
 * machine (hang up, message after the beep, flow) runs; the session's end settles the attempt. In the agent modes
 * a person goes to the campaign's ACD queue instead ({@link AgentLeg}), or hears the safe-harbour message when
 * no agent takes it in time (abandoned). Runs on its own serial executor; session events hop onto it.
 */
final class AgentlessCall {

    private static final Logger LOG = LoggerFactory.getLogger(AgentlessCall.class);

    private final ContactClaims.Claim claim;
    private final Campaign campaign;
    private final CampaignSettings settings;
    private final VoiceCampaignRunner runner;
    private final SerialExecutor exec;
    private final Instant claimedAt;
    private final CompletableFuture<Outcome> done = new CompletableFuture<>();
    private volatile CallStep step = CLAIMED;
    private CallSession session;
    private ResultKind result;
    /** What the attempt will record: answer time, CPA, AMD's decision and async AMD's message times. */
    private final CallEvidence evidence;
    private AmdParams amdParams;
    /** A preview's call: the agent who chose it, who alone gets the answer (no AMD); else null. */
    private final java.util.UUID previewAgent;
    /** The agent modes' (and a preview's) part of the call. */
    private final AgentLeg agentLeg;

    AgentlessCall(ContactClaims.Claim claim, Campaign campaign, Instant claimedAt, VoiceCampaignRunner runner,
                  java.util.UUID previewAgent) {
        this.previewAgent = previewAgent;
        this.claim = claim;
        this.campaign = campaign;
        this.settings = campaign.settings();
        this.claimedAt = claimedAt;
        this.runner = runner;
        this.exec = new SerialExecutor(runner.executor());
        this.evidence = new CallEvidence(claimedAt, settings.amd().enabled() && previewAgent == null, runner.clock());
        this.agentLeg = new AgentLeg(claim, campaign, runner, callerId(), previewAgent);
    }

    CompletableFuture<Outcome> done() {
        return done;
    }

    void start() {
        exec.execute(this::dial);
    }

    /** The node stops: the call is hung up and its attempt ends interrupted (unless its result was known already). */
    void shutdown() {
        exec.execute(() -> {
            if (result == null || !result.isFinal()) {
                result = ResultKind.INTERRUPTED;
            }
            if (session == null) {
                end(null, null, "NOT_DIALED", runner.clock().instant(), 0);
            } else {
                hangUp();
            }
        });
    }

    private void dial() {
        if (!move(DIALING)) {
            return;
        }
        OriginateSpec spec = new OriginateSpec(claim.verdict().number(), callerId(), settings.trunkGroup(),
                settings.ringTime(), false, Map.of("X-Campaign-Id", campaign.id().toString(),
                "X-Attempt-Id", claim.attemptId().toString()), settings.toneCountry(), settings.callerIdName());
        try {
            session = runner.sessions().originate(spec, e -> exec.execute(() -> onEvent(e)));
        } catch (RuntimeException e) {
            LOG.warn("campaign {} contact {}: could not place the call: {}", campaign.id(), claim.contact().contactId(), e.toString());
            result = ResultKind.FAILED;
            end(null, null, "NOT_DIALED", runner.clock().instant(), 0);
            return;
        }
        session.logContext().put("campaignId", campaign.id().toString());
        session.logContext().put("contactId", claim.contact().contactId());
        runner.attempts().callPlaced(claim.attemptId(), session.callId());
    }

    private void onEvent(SessionEvent e) {
        if (step == ENDED) {
            return;
        }
        switch (e) {
            case SessionEvent.Progress p when p.stage() == SessionEvent.Stage.ANSWERED -> onAnswered(p.at());
            case SessionEvent.CpaTone t -> onTone(t);
            case SessionEvent.AmdDecision d -> onDecision(d.decision());
            case SessionEvent.Beep b -> {
                if (step == MACHINE_WAIT) {
                    leaveMessage(MACHINE_MESSAGE, ResultKind.MACHINE_MESSAGE);
                }
            }
            case SessionEvent.TransferRequested r -> session.declineTransfer();
            case SessionEvent.Ended x -> onEnded(x);
            default -> { }
        }
    }

    /** A SIT for a number that does not exist (intercept, vacant code) or a busy tone ends the call at once. */
    private void onTone(SessionEvent.CpaTone t) {
        if (t.tone() == CallProgressTone.SIT) {
            evidence.cpa("SIT " + (t.sitCode() == null ? "" : t.sitCode()));
            boolean disconnected = t.sitCode() == SitCode.IC || t.sitCode() == SitCode.VC;
            result = disconnected ? ResultKind.SIT_DISCONNECTED : ResultKind.FAILED;
            hangUp();
        } else if (t.beforeAnswer() && (t.tone() == CallProgressTone.BUSY || t.tone() == CallProgressTone.REORDER)) {
            evidence.cpa(t.tone().name());
            result = t.tone() == CallProgressTone.BUSY ? ResultKind.BUSY : ResultKind.FAILED;
            hangUp();
        }
    }

    private void onAnswered(Instant at) {
        evidence.answered(at);
        if (!move(ANSWERED)) {
            return;
        }
        if (!settings.amd().enabled() || previewAgent != null) { // a preview's agent hears the answer itself
            act(settings.amd().humanAction(), true);
            return;
        }
        boolean awaitBeep = settings.amd().machineAction() == AmdAction.MESSAGE_AFTER_BEEP;
        if (settings.amd().async()) {
            speakWhileAnalysing(awaitBeep);
            return;
        }
        move(ANALYSING);
        session.startAmd(session.defaultAmdParams().withOverrides(Map.of("awaitMachineEnd", awaitBeep)));
    }

    /**
     * Async AMD: AMD and the person's message start together (no dead air for a person). AMD hears the line without
     * our message's echo (the session's AMD runs behind an echo canceller). A message that ends before AMD decides
     * keeps the line up for the rest of AMD's analysis time, so the attempt records AMD's answer (a machine's then
     * gets the machine's action).
     */
    private void speakWhileAnalysing(boolean awaitBeep) {
        move(MESSAGE_ANALYSING);
        amdParams = session.defaultAmdParams().withOverrides(Map.of("awaitMachineEnd", awaitBeep));
        session.startAmd(amdParams);
        result = ResultKind.HUMAN; // until AMD says otherwise: whoever answered hears the message
        evidence.asyncAmd().messageStarted();
        session.play(new Playable.Tts(Templates.text(settings.message(), claim.contact().data())))
                .whenComplete((r, err) -> exec.execute(() -> {
                    if (step == LIVE_MESSAGE) {
                        hangUp();
                    } else if (step == MESSAGE_ANALYSING && move(MESSAGE_PLAYED)) { // AMD has not decided yet
                        long waitMs = evidence.asyncAmd().messageEnded(amdParams).toMillis();
                        CompletableFuture.delayedExecutor(waitMs, TimeUnit.MILLISECONDS, exec).execute(() -> {
                            if (step == MESSAGE_PLAYED) { // no decision in AMD's own time: UNKNOWN recorded
                                hangUp();
                            }
                        });
                    }
                }));
    }

    /** Async AMD decided while the message plays: a person's result lets it go on; anything else cuts it. */
    private void onDecisionWhileSpeaking(AmdEvent.Decision d) {
        boolean person = switch (d.result()) {
            case HUMAN, NO_SPEECH -> true; // NO_SPEECH: someone may be listening in silence
            case UNKNOWN -> settings.amd().unknownAsPerson();
            default -> false;
        };
        if (person) {
            session.stopAmd();
            if (step == MESSAGE_PLAYED) { // the message was heard whole already
                hangUp();
            } else {
                move(LIVE_MESSAGE);
            }
            return;
        }
        if (step == MESSAGE_ANALYSING) {
            session.stopPlayback();
            LOG.info("campaign {} contact {}: AMD {} cut the message after {} ms", campaign.id(),
                    claim.contact().contactId(), d.result(), evidence.asyncAmd().messageCut());
        }
        switch (d.result()) {
            case MACHINE -> act(settings.amd().machineAction(), false);
            case UNKNOWN -> act(settings.amd().unknownAction(), false);
            default -> { // fax, SIT: nobody to talk to
                result = ResultKind.FAILED;
                hangUp();
            }
        }
    }

    private void onDecision(AmdEvent.Decision d) {
        if (step == MESSAGE_ANALYSING || step == MESSAGE_PLAYED) {
            evidence.decided(d);
            onDecisionWhileSpeaking(d);
            return;
        }
        if (step != ANALYSING) {
            return;
        }
        evidence.decided(d);
        switch (d.result()) {
            case HUMAN -> act(settings.amd().humanAction(), true);
            // by default as a person: a person treated as a machine hears nothing
            case UNKNOWN -> act(settings.amd().unknownAction(), settings.amd().unknownAsPerson());
            case MACHINE -> act(settings.amd().machineAction(), false);
            default -> { // fax, SIT, no speech: nobody to talk to
                result = ResultKind.FAILED;
                hangUp();
            }
        }
    }

    private void act(AmdAction action, boolean person) {
        if (settings.dialingMode().needsAgents() || previewAgent != null) {
            if (person) {
                toAgent();
                return;
            }
            if (settings.message() == null || settings.message().isBlank()) {
                action = AmdAction.HANG_UP; // an agent campaign without a machine message
            }
        }
        switch (action) {
            case HANG_UP -> {
                result = person ? ResultKind.HUMAN : ResultKind.MACHINE;
                hangUp();
            }
            case MESSAGE -> leaveMessage(person ? LIVE_MESSAGE : MACHINE_MESSAGE, person ? ResultKind.HUMAN : ResultKind.MACHINE_MESSAGE);
            case MESSAGE_AFTER_BEEP -> {
                result = ResultKind.MACHINE; // until the message is played
                move(MACHINE_WAIT);
            }
            case FLOW -> {
                if (!move(IN_FLOW)) {
                    return;
                }
                result = person ? ResultKind.HUMAN : ResultKind.MACHINE_MESSAGE;
                session.stopAmd();
                runner.flows().run(session, settings.flowId(), claim.contact().data()).whenComplete((v, err) -> exec.execute(() -> {
                    if (err != null) {
                        LOG.warn("campaign {}: flow {} failed: {}", campaign.id(), settings.flowId(), err.toString());
                    }
                    hangUp();
                }));
            }
        }
    }

    /** A person in an agent mode: to the queue (or the preview's agent), or abandoned ({@link AgentLeg}). */
    private void toAgent() {
        if (!move(TO_AGENT)) {
            return;
        }
        session.stopAmd();
        result = ResultKind.ABANDONED;
        agentLeg.handOff(session).whenComplete((r, e) -> exec.execute(() -> handedOff(r)));
    }

    private void handedOff(AgentHandOff.Result r) {
        if (r instanceof AgentHandOff.Result.Connected c && move(WITH_AGENT)) {
            agentLeg.connected(c);
            result = ResultKind.AGENT;
        } else if (move(SAFE_HARBOUR)) { // a preview's agent whose phone did not answer abandons the call too
            LOG.info("campaign {} contact {}: abandoned ({}), safe-harbour message", campaign.id(),
                    claim.contact().contactId(), r);
            session.play(new Playable.Tts(agentLeg.safeHarbourMessage()))
                    .whenComplete((p, err) -> exec.execute(this::hangUp));
        }
    }

    private String callerId() {
        return claim.verdict().rules().callerId() != null ? claim.verdict().rules().callerId() : settings.callerIdAddress();
    }

    private void leaveMessage(CallStep next, ResultKind heard) {
        if (!move(next)) {
            return;
        }
        session.stopAmd();
        result = next == MACHINE_MESSAGE ? ResultKind.MACHINE : heard; // a machine's message counts once played
        String text = Templates.text(settings.message(), claim.contact().data());
        session.play(new Playable.Tts(text)).whenComplete((r, err) -> exec.execute(() -> {
            if (err == null && r.outcome() == PlayResult.Outcome.COMPLETED) {
                result = heard;
            }
            hangUp();
        }));
    }

    private void hangUp() {
        if (session != null && move(HANGING_UP)) {
            session.hangup(Q850.NORMAL_CLEARING);
        }
    }

    private void onEnded(SessionEvent.Ended x) {
        if (result == null || (result == ResultKind.INTERRUPTED && !x.answered() && x.sipStatus() != 487)) {
            result = Outcome.unsettled(x);
        }
        end(x.sipStatus(), x.q850(), x.disposition().name(), x.at(), x.talkMillis());
    }

    private void end(Integer sip, Integer q850, String disposition, Instant at, long talkMs) {
        if (step == ENDED) {
            return;
        }
        step = ENDED;
        Outcome o = evidence.outcome(result, sip, q850, disposition, at, talkMs, agentLeg.part(at));
        try {
            if (runner.attempts().finish(claim.attemptId(), o)) {
                runner.wrapUp(campaign, claim, o);
            }
        } finally {
            done.complete(o);
        }
    }

    /**
     * How long since it was placed, while it may still need an agent: ringing, answered and being analysed, or
     * queued for an agent. The pacer counts these against the idle agents (an answered call's agent is not taken
     * until the ACD offers it, so counting only the ringing ones dialled a second call for one agent).
     */
    java.util.Optional<Duration> ringing(Instant now) {
        boolean needsAgent = step == DIALING || step == ANSWERED || step == ANALYSING || step == TO_AGENT;
        return needsAgent ? java.util.Optional.of(Duration.between(claimedAt, now)) : java.util.Optional.empty();
    }

    Campaign campaign() {
        return campaign;
    }

    private boolean move(CallStep next) {
        if (!step.canMoveTo(next)) {
            return false;
        }
        step = next;
        return true;
    }
}
