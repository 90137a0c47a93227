package org.opendialer.acd.calls;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.opendialer.acd.routing.CallInteractions;
import org.opendialer.acd.routing.QueueRouter;
import org.opendialer.call.CallSession;
import org.opendialer.call.CallSessions;
import org.opendialer.call.OriginateSpec;
import org.opendialer.call.SessionEvent;
import org.opendialer.sip.InboundCall;
import org.opendialer.sip.Q850;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side of a queued call: rings the offered agent's phone, bridges its answer, reports a phone that does
 * not answer, and ends a connected call. Runs only on {@link QueueCalls}' worker ({@code work}); the phone's session
 * events are handed to it, so a {@link QueuedCall} is never touched by two threads.
 */
final class AgentLegs {

    private static final Logger log = LoggerFactory.getLogger(AgentLegs.class);
    /**
     * The two auto-answer conventions of desk phones, both sent because each phone reads its own (docs/ACD.md has
     * which reads which): Call-Info with {@code answer-after=0} and Alert-Info with {@code info=alert-autoanswer}.
     * The URIs are placeholders nobody fetches.
     */
    static final String CALL_INFO_AUTO_ANSWER = "<urn:x-opendialer:acd>;answer-after=0";
    static final String ALERT_INFO_AUTO_ANSWER = "<http://www.notused.com>;info=alert-autoanswer";

    private final CallSessions sessions;
    private final QueueRouter router;
    private final CallInteractions store;
    private final Executor work;
    private final Consumer<QueuedCall> forget;

    /** @param forget takes a call out of the owner's map once it left the queue */
    AgentLegs(CallSessions sessions, QueueRouter router, CallInteractions store, Executor work, Consumer<QueuedCall> forget) {
        this.sessions = sessions;
        this.router = router;
        this.store = store;
        this.work = work;
        this.forget = forget;
    }

    /** The router offered {@code c} to {@code agentId}: ring every registered contact of its phone. */
    void ring(QueuedCall c, UUID agentId) {
        c.move(CallStep.Event.OFFERED);
        c.agentId = agentId;
        Optional<CallInteractions.Phone> phone = store.phone(agentId);
        if (phone.isEmpty()) {
            notAnswered(c, "the agent has no phone");
            return;
        }
        Map<String, String> headers = new HashMap<>();
        headers.put("X-Interaction-Id", c.interactionId.toString());
        if (phone.get().autoAnswer()) { // honoured by many desk phones; baresip 1.0 answers by its own answermode
            headers.put("Call-Info", CALL_INFO_AUTO_ANSWER);
            headers.put("Alert-Info", ALERT_INFO_AUTO_ANSWER);
        }
        String customer = c.caller.inbound().map(InboundCall::caller).orElse("");
        OriginateSpec spec = OriginateSpec.toAgent(phone.get().sipUser()).withFrom(customer).withHeaders(headers)
                .withRingTimeout(Duration.ofSeconds(c.queue.alertingTimeoutSeconds() + 2L));
        try {
            c.agentLeg = sessions.originate(spec, e -> work.execute(() -> agentEvent(c, e)));
        } catch (RuntimeException e) {
            notAnswered(c, "could not ring: " + e.getMessage());
        }
    }

    private void agentEvent(QueuedCall c, SessionEvent e) {
        if (c.agentLeg == null || !e.callId().equals(c.agentLeg.callId())) {
            return; // a leg already dropped
        }
        if (e instanceof SessionEvent.Progress p && p.stage() == SessionEvent.Stage.ANSWERED && c.step == CallStep.RINGING) {
            answered(c);
        } else if (e instanceof SessionEvent.Ended end) {
            if (c.step == CallStep.RINGING) {
                notAnswered(c, "phone: " + end.reason());
            } else if (c.step == CallStep.CONNECTED) {
                endConnected(c);
            }
        }
    }

    private void answered(QueuedCall c) {
        try {
            router.answered(c.agentId);
        } catch (RuntimeException e) { // the alert ran out just before: the offer is gone, so is this leg
            log.info("agent {} answered too late: {}", c.agentId, e.getMessage());
            drop(c);
            return;
        }
        c.move(CallStep.Event.ANSWERED);
        c.stopHold();
        UUID agent = c.agentId;
        c.caller.bridge(c.agentLeg).whenComplete((v, t) -> work.execute(() -> {
            if (t != null) {
                log.warn("bridging {} to agent {} failed: {}", c.caller.callId(), agent, t.toString());
                endConnected(c);
            } else {
                c.outcome.complete(new QueueOutcome.Connected(c.interactionId, agent));
            }
        }));
    }

    /** The offer failed on the phone's side: the router's no-answer path at once (agent NOT_RESPONDING). */
    private void notAnswered(QueuedCall c, String reason) {
        store.notAnswered(c.agentId, c.interactionId, reason);
        drop(c);
    }

    /** Stops ringing (a CANCEL) or hangs the agent's leg up; the caller waits on. */
    void drop(QueuedCall c) {
        if (c.agentLeg != null) {
            c.agentLeg.hangup(Q850.NORMAL_CLEARING);
        }
        c.agentLeg = null;
        c.agentId = null;
        c.move(CallStep.Event.NOT_ANSWERED);
    }

    /** A connected call ends (either side, or the agent's hang-up): both legs down, the agent wraps up. */
    void endConnected(QueuedCall c) {
        UUID agent = c.agentId;
        CallSession leg = c.agentLeg;
        if (!c.move(CallStep.Event.LEFT)) {
            return;
        }
        forget.accept(c);
        try {
            router.hungUp(agent);
        } catch (RuntimeException e) {
            log.warn("hang-up of agent {} not recorded: {}", agent, e.getMessage());
        }
        c.caller.hangup(Q850.NORMAL_CLEARING);
        if (leg != null) {
            leg.hangup(Q850.NORMAL_CLEARING);
        }
        c.outcome.complete(new QueueOutcome.Failed("ended before it was bridged"));
    }
}
