package org.opendialer.acd.calls;

import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.opendialer.acd.routing.CallInteractions;
import org.opendialer.acd.routing.QueueRouter;
import org.opendialer.acd.routing.QueueStore;
import org.opendialer.call.CallSession;
import org.opendialer.call.OriginateSpec;
import org.opendialer.sip.Q850;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out an agent's call-control request on a connected call this node holds (hang up, back to a queue, blind
 * transfer to a number), as stored on the interaction by whichever node the desktop reached. Runs only on
 * {@link QueueCalls}' worker ({@code work}).
 */
final class CallControls {

    private static final Logger log = LoggerFactory.getLogger(CallControls.class);

    private final CallInteractions store;
    private final QueueRouter router;
    private final QueueStore queues;
    private final AgentLegs legs;
    private final Executor work;
    private final Consumer<QueuedCall> forget;
    private final Consumer<QueuedCall> hold;

    /**
     * @param forget takes a call out of the owner's map once it left the queue
     * @param hold   starts the music and announcements of the call's (new) queue
     */
    CallControls(CallInteractions store, QueueRouter router, QueueStore queues, AgentLegs legs, Executor work,
                 Consumer<QueuedCall> forget, Consumer<QueuedCall> hold) {
        this.store = store;
        this.router = router;
        this.queues = queues;
        this.legs = legs;
        this.work = work;
        this.forget = forget;
        this.hold = hold;
    }

    /** {@code request} as {@code AgentCallControl} stored it: {@code hangup}, {@code queue:<id>}, {@code number:<e164>}. */
    void run(QueuedCall c, String request) {
        if (request.equals("hangup")) {
            legs.endConnected(c);
        } else if (request.startsWith("queue:")) {
            requeue(c, UUID.fromString(request.substring(6)));
        } else if (request.startsWith("number:")) {
            toNumber(c, request.substring(7));
        }
    }

    private void toNumber(QueuedCall c, String number) {
        UUID agent = c.agentId;
        CallSession leg = c.agentLeg;
        // the transfer hangs the agent's leg up itself; that end may reach AgentLegs before the transfer's
        // completion does, and must not read as the agent hanging up (which would hang the caller up too)
        c.agentLeg = null;
        c.caller.transfer(OriginateSpec.toNumber(number)).whenComplete((s, t) -> work.execute(() -> {
            if (t != null) {
                log.warn("transfer of {} to {} failed: {}", c.caller.callId(), number, t.toString());
                c.agentLeg = leg; // the call stays as it was
                if (leg.ended().isDone()) {
                    legs.endConnected(c); // the agent hung up meanwhile
                }
            } else if (c.move(CallStep.Event.LEFT)) { // the agent's leg was hung up by the transfer
                forget.accept(c);
                router.hungUp(agent);
            }
        }));
    }

    /**
     * The caller waits in {@code queueId} from now, with that queue's music; the agent wraps up. The call keeps its
     * {@link QueuedCall} (and its first outcome, long completed), so leaving this queue without an agent is
     * {@link QueueCalls}' "requeued" path.
     */
    private void requeue(QueuedCall c, UUID queueId) {
        try {
            store.requeue(c.agentId, queueId);
        } catch (RuntimeException e) {
            log.warn("transfer of {} to queue {} failed: {}", c.caller.callId(), queueId, e.getMessage());
            return;
        }
        CallSession leg = c.agentLeg;
        c.agentLeg = null;
        c.agentId = null;
        c.move(CallStep.Event.REQUEUED);
        c.queueId = queueId;
        queues.find(queueId).ifPresent(q -> c.queue = q.settings());
        // apart first, or the agent's hang-up would take the caller with it (their lifetimes are tied)
        c.caller.unbridge().whenComplete((v, t) -> {
            leg.hangup(Q850.NORMAL_CLEARING);
            work.execute(() -> hold.accept(c));
        });
    }
}
