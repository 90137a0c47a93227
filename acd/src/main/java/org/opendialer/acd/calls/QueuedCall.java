package org.opendialer.acd.calls;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.opendialer.acd.routing.Queue;
import org.opendialer.call.CallSession;

/**
 * One caller this node holds in the ACD. Only {@link QueueCalls}' worker thread reads or changes it, so it needs
 * no locking; {@link #step} moves only by {@link CallStep}'s table.
 */
final class QueuedCall {

    final UUID interactionId;
    final CallSession caller;
    final String language;
    final CompletableFuture<QueueOutcome> outcome;
    UUID queueId;
    Queue.Settings queue;
    CallStep step = CallStep.WAITING;
    Hold hold;
    /** The agent being rung or connected, and its leg. */
    UUID agentId;
    CallSession agentLeg;

    QueuedCall(UUID interactionId, CallSession caller, String language, UUID queueId, Queue.Settings queue,
               CompletableFuture<QueueOutcome> outcome) {
        this.interactionId = interactionId;
        this.caller = caller;
        this.language = language;
        this.queueId = queueId;
        this.queue = queue;
        this.outcome = outcome;
    }

    /** Applies {@code e}; false (nothing changed) when the table has no such move from here. */
    boolean move(CallStep.Event e) {
        CallStep to = step.next(e);
        if (to == null) {
            return false;
        }
        step = to;
        return true;
    }

    void stopHold() {
        if (hold != null) {
            hold.stop();
            hold = null;
        }
    }
}
