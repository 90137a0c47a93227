package org.opendialer.acd.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.opendialer.acd.routing.CallInteractions;
import org.opendialer.acd.routing.Queue;
import org.opendialer.acd.routing.QueueRouter;
import org.opendialer.acd.routing.QueueStore;
import org.opendialer.call.CallSession;
import org.opendialer.call.CallSessions;
import org.opendialer.sip.InboundCall;
import org.opendialer.sip.Q850;
import org.opendialer.sip.time.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call side of the ACD on one node: callers wait here (music, announcements) while {@link QueueRouter} (any
 * node's tick) decides; this node rings the offered agent's phone, bridges the answer and reports back.
 *
 * <p>Several nodes: an interaction names the node holding the caller's session ({@code node_id}); each node polls
 * its own interactions every {@code poll} and acts on what the database says (an offer to ring, an alert that ran
 * out, an overflow, an agent's call-control request left by any node), beats a heartbeat, and closes the
 * interactions of nodes silent for {@code reapAfter}. Everything of this class runs on one worker thread, so a
 * call's {@link QueuedCall} needs no lock; session listeners only hand their events to it. This class owns that
 * thread and the map of calls (enqueue, withdraw, the poll, leaving the queue); {@link AgentLegs} (ring, answer,
 * bridge, end) and {@link CallControls} (the agents' requests) run on it. Times (heartbeat, and through the stores
 * every timestamp the router's alert and wrap-up limits compare) come from the injected {@link Clock}.
 */
public final class QueueCalls implements AgentCallControl, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(QueueCalls.class);
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);
    private static final String E164 = "\\+[1-9][0-9]{6,14}";

    private final QueueRouter router;
    private final QueueStore queues;
    private final CallInteractions store;
    private final String nodeId;
    private final Duration reapAfter;
    private final ExecutorService work;
    private final Clock clock;
    /** The poll's timer on the caller's scheduler (not ours to close); set once started. */
    private volatile Scheduler.Cancellable polling;
    /** Owned by the worker thread, like every {@link QueuedCall} in it and the collaborators below. */
    private final Map<UUID, QueuedCall> calls = new HashMap<>();
    private final AgentLegs legs;
    private final CallControls controls;
    private volatile OverflowFlows overflowFlows = OverflowFlows.NONE;
    private Instant lastBeat;

    private QueueCalls(DataSource ds, Clock clock, CallSessions sessions, QueueRouter router, String nodeId,
                       Duration reapAfter) {
        this.router = router;
        this.queues = new QueueStore(ds, clock);
        this.store = new CallInteractions(ds, clock);
        this.nodeId = nodeId;
        this.reapAfter = reapAfter;
        this.clock = clock;
        this.work = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("acd-calls").daemon().factory());
        this.legs = new AgentLegs(sessions, router, store, work, c -> calls.remove(c.interactionId));
        this.controls = new CallControls(store, router, queues, legs, work, c -> calls.remove(c.interactionId), this::startHold);
    }

    /**
     * Starts polling this node's interactions every {@code poll} on {@code timers}, which the caller owns and closes
     * (a server-wide scheduler, or a {@code VirtualScheduler} in tests: then polls run only as the test moves time).
     * The timer only hands each poll to the worker thread, as the {@link Scheduler} contract asks.
     *
     * @param clock     the time stored and compared (heartbeat, the router's limits); may differ from the timers'
     * @param nodeId    this node's id, unique among the nodes sharing the database (a new one per start)
     * @param reapAfter silence after which another node's interactions are closed as dead
     */
    public static QueueCalls start(DataSource ds, Clock clock, Scheduler timers, CallSessions sessions, QueueRouter router,
                                   String nodeId, Duration poll, Duration reapAfter) {
        QueueCalls q = new QueueCalls(ds, clock, sessions, router, nodeId, reapAfter);
        q.polling = timers.scheduleWithFixedDelay(q::handPollToWorker, Duration.ZERO, poll);
        return q;
    }

    /**
     * The timer's task. Cancelling the timer does not stop a run already under way, so a last tick can arrive after
     * {@link #close()} shut the worker down: that poll has nothing left to do (logged as a failed timer task before).
     */
    private void handPollToWorker() {
        try {
            work.execute(this::poll);
        } catch (RejectedExecutionException closed) {
            log.debug("poll after close skipped");
        }
    }

    public String nodeId() {
        return nodeId;
    }

    /** The interactions' store (queue lookups by name or id, e.g. for checking flows). */
    public CallInteractions interactions() {
        return store;
    }

    /**
     * Puts {@code caller} in the request's queue (answering it first if needed) until an agent is connected
     * ({@link QueueOutcome.Connected}), the queue overflows to a flow, or the call fails (caller hung up, timeout
     * without overflow, unknown queue or skill).
     */
    public CompletableFuture<QueueOutcome> enqueue(CallSession caller, QueueRequest request) {
        Optional<InboundCall> in = caller.inbound();
        return enqueue(caller, request, new CallInteractions.Call(caller.callId(), in.map(InboundCall::caller).orElse(null),
                in.map(InboundCall::did).orElse(null), request.participantData(), nodeId));
    }

    /**
     * A campaign's answered outbound call into the request's queue, like {@link #enqueue(CallSession, QueueRequest)}:
     * the interaction says direction outbound, its campaign, and the customer's number.
     */
    public CompletableFuture<QueueOutcome> enqueueOutbound(CallSession customer, QueueRequest request, UUID campaignId,
                                                          String customerNumber, String callerId) {
        return enqueue(customer, request, new CallInteractions.Call(customer.callId(), customerNumber, callerId,
                request.participantData(), nodeId, "outbound", campaignId, null));
    }

    /**
     * A preview's answered call, for the agent who previewed it: like {@link #enqueueOutbound} but offered to
     * {@code agentId} only (the router skips other agents and the queue order; the agent is PREVIEWING, not idle).
     */
    public CompletableFuture<QueueOutcome> enqueueForAgent(CallSession customer, QueueRequest request, UUID campaignId,
                                                           String customerNumber, String callerId, UUID agentId) {
        return enqueue(customer, request, new CallInteractions.Call(customer.callId(), customerNumber, callerId,
                request.participantData(), nodeId, "outbound", campaignId, agentId));
    }

    private CompletableFuture<QueueOutcome> enqueue(CallSession caller, QueueRequest request, CallInteractions.Call row) {
        CompletableFuture<QueueOutcome> outcome = new CompletableFuture<>();
        work.execute(() -> {
            try {
                join(caller, request, row, outcome);
            } catch (RuntimeException e) {
                log.info("{} not queued: {}", caller.callId(), e.getMessage());
                outcome.complete(new QueueOutcome.Failed(e.getMessage()));
            }
        });
        return outcome;
    }

    /**
     * Takes a caller that no agent has answered yet out of its queue, keeping its call up (a campaign's abandon: the
     * safe-harbour message plays next). True when withdrawn; false when an agent answered first or it left already.
     * Its {@code enqueue} future completes {@code Failed("withdrawn")}.
     */
    public CompletableFuture<Boolean> withdraw(CallSession caller) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        work.execute(() -> {
            QueuedCall c = calls.values().stream().filter(q -> q.caller == caller).findFirst().orElse(null);
            if (c == null || (c.step != CallStep.WAITING && c.step != CallStep.RINGING)) {
                done.complete(false);
                return;
            }
            try {
                router.abandoned(c.interactionId);
            } catch (RuntimeException e) { // answered, overflowed or timed out in the meantime
                log.info("{} not withdrawn: {}", caller.callId(), e.getMessage());
                done.complete(false);
                return;
            }
            c.stopHold();
            if (c.agentLeg != null) {
                c.agentLeg.hangup(Q850.NORMAL_CLEARING);
                c.agentLeg = null;
            }
            c.move(CallStep.Event.LEFT);
            calls.remove(c.interactionId);
            c.outcome.complete(new QueueOutcome.Failed("withdrawn"));
            done.complete(true);
        });
        return done;
    }

    private void join(CallSession caller, QueueRequest r, CallInteractions.Call row, CompletableFuture<QueueOutcome> outcome) {
        UUID queueId = store.queueId(r.queue())
                .orElseThrow(() -> new IllegalArgumentException("queue: no queue '" + r.queue() + "'"));
        Queue.Settings settings = queues.find(queueId).orElseThrow().settings();
        var skills = store.skillIds(r.skills());
        if (caller.ended().isDone()) {
            outcome.complete(new QueueOutcome.Failed("caller hung up"));
            return;
        }
        UUID id = store.enqueue(queueId, r.priority(), skills, row);
        caller.logContext().put("interactionId", id.toString());
        QueuedCall c = new QueuedCall(id, caller, r.language(), queueId, settings, outcome);
        calls.put(id, c);
        caller.ended().whenComplete((e, t) -> work.execute(() -> callerEnded(c)));
        store.overflowIfNobodyCan(id); // the next poll hands it over
        CompletableFuture<Void> up = caller.answered().isDone() ? caller.answered() : caller.answer();
        up.thenRun(() -> work.execute(() -> startHold(c)));
        if ("outbound".equals(row.direction())) {
            // a campaign's answer has 2 s to reach an agent: offer and ring now, not at the next tick and poll
            router.route();
            poll();
        }
    }

    private void startHold(QueuedCall c) {
        // music also while a phone rings: the hold stops only when an agent answers or the caller leaves
        if ((c.step == CallStep.WAITING || c.step == CallStep.RINGING) && c.hold == null && !c.caller.ended().isDone()) {
            c.hold = new Hold(c.caller, c.queue, c.language, () -> new Hold.Figures(store.position(c.interactionId),
                    store.meanWait(c.queueId))).start();
        }
    }

    /** One round over this node's calls (on the worker): heartbeat, dead nodes, then each call against its row. */
    void poll() {
        try {
            Instant now = clock.instant();
            if (lastBeat == null || !now.isBefore(lastBeat.plus(HEARTBEAT))) {
                lastBeat = now;
                store.heartbeat(nodeId);
                int reaped = store.reapDeadNodes(reapAfter);
                if (reaped > 0) {
                    log.warn("closed {} interactions of nodes silent for {}", reaped, reapAfter);
                }
            }
            for (CallInteractions.Live l : store.read(calls.keySet())) {
                QueuedCall c = calls.get(l.id());
                if (c != null) {
                    reconcile(c, l);
                }
            }
        } catch (RuntimeException e) {
            log.warn("ACD call poll failed: {}", e.toString());
        }
    }

    private void reconcile(QueuedCall c, CallInteractions.Live l) {
        switch (l.state()) {
            case "WAITING" -> {
                if (c.step == CallStep.RINGING) { // the alert ran out (a router's tick): agent NOT_RESPONDING
                    legs.drop(c);
                }
                if (!l.queueId().equals(c.queueId)) { // overflowed into another queue: its music and announcements
                    c.queueId = l.queueId();
                    queues.find(c.queueId).ifPresent(q -> c.queue = q.settings());
                    c.stopHold();
                    startHold(c);
                }
            }
            case "OFFERED" -> {
                if (c.step == CallStep.RINGING && !l.agentId().equals(c.agentId)) { // expired, then offered anew
                    legs.drop(c);
                }
                if (c.step == CallStep.WAITING) {
                    legs.ring(c, l.agentId());
                }
            }
            case "CONNECTED" -> {
                if (l.control() != null && c.step == CallStep.CONNECTED) {
                    store.clearRequest(c.interactionId);
                    controls.run(c, l.control());
                }
            }
            case "OVERFLOWED" -> finish(c, new QueueOutcome.OverflowToFlow(l.overflowFlowId()));
            case "TIMED_OUT" -> finish(c, new QueueOutcome.Failed("queue timeout"));
            default -> finish(c, new QueueOutcome.Failed("interaction " + l.state()));
        }
    }

    private void callerEnded(QueuedCall c) {
        if (c.step == CallStep.CONNECTED) {
            legs.endConnected(c);
        } else if (c.step != CallStep.DONE) {
            try {
                router.abandoned(c.interactionId);
            } catch (RuntimeException e) { // it left the queue in the meantime (overflow, timeout)
                log.info("{} hung up; interaction not abandoned: {}", c.caller.callId(), e.getMessage());
            }
            finish(c, new QueueOutcome.Failed("caller hung up"));
        }
    }

    /** Leaves the queue without an agent (abandon, overflow, timeout, a reaped row). */
    private void finish(QueuedCall c, QueueOutcome outcome) {
        c.stopHold();
        if (c.agentLeg != null) {
            c.agentLeg.hangup(Q850.NORMAL_CLEARING);
        }
        c.move(CallStep.Event.LEFT);
        calls.remove(c.interactionId);
        if (c.outcome.isDone() && !c.caller.ended().isDone()) {
            requeuedLeft(c.caller, outcome);
        }
        c.outcome.complete(outcome);
    }

    /**
     * A caller an agent sent back to a queue left it without an agent: whoever queued it took its Connected long
     * ago, so its overflow flow runs here, on the same call; any other end hangs it up.
     */
    private void requeuedLeft(CallSession caller, QueueOutcome outcome) {
        if (outcome instanceof QueueOutcome.OverflowToFlow o && o.flowId() != null) {
            log.info("{} left its second queue: overflow flow {}", caller.callId(), o.flowId());
            CompletableFuture<?> run;
            try {
                run = overflowFlows.run(caller, o.flowId());
            } catch (RuntimeException e) {
                run = CompletableFuture.failedFuture(e);
            }
            run.whenComplete((v, t) -> {
                if (t != null) {
                    log.warn("overflow flow {} for {} did not run ({}); hanging up", o.flowId(), caller.callId(), t.toString());
                    caller.hangup(Q850.NORMAL_CLEARING);
                }
            });
        } else {
            log.info("{} left its second queue ({}); hanging up", caller.callId(), outcome);
            caller.hangup(Q850.NORMAL_CLEARING);
        }
    }

    /** Where a requeued caller's overflow flow runs (the server plugs in the IVR once its flows are up). */
    public void useOverflowFlows(OverflowFlows flows) {
        this.overflowFlows = flows;
    }

    @Override
    public void hangup(UUID agentId) {
        request(agentId, "hangup");
    }

    @Override
    public void transferToQueue(UUID agentId, UUID queueId) {
        queues.find(queueId).orElseThrow(() -> new NoSuchElementException("no queue " + queueId));
        request(agentId, "queue:" + queueId);
    }

    @Override
    public void transferToNumber(UUID agentId, String e164) {
        if (e164 == null || !e164.matches(E164)) {
            throw new IllegalArgumentException("number: E.164 expected, e.g. +14155550100");
        }
        request(agentId, "number:" + e164);
    }

    /** Stored for the node holding the call; this node polls at once in case it is the one. */
    private void request(UUID agentId, String control) {
        store.request(agentId, control);
        work.execute(this::poll);
    }

    /** Stops polling (the scheduler stays the caller's); calls still waiting are ended by the SIP stack's stop. */
    @Override
    public void close() {
        polling.cancel();
        work.shutdown();
        try {
            work.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
