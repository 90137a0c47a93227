package org.opendialer.notifications.voice;

import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one call records: its state, moved only along {@link CallState}'s table (and, in the store, only from a
 * predecessor state, so a row another path already ended stays ended), and its numbered timeline events, each
 * also sent as a webhook. Confined to the call's serial executor.
 */
final class CallTimeline {

    private static final Logger LOG = LoggerFactory.getLogger(CallTimeline.class);

    private final UUID id;
    private final CallRequest request;
    private final CallStore store;
    private final CallWebhooks webhooks;
    private CallState current = CallState.QUEUED;
    private int seq;

    CallTimeline(UUID id, CallRequest request, CallStore store, CallWebhooks webhooks) {
        this.id = id;
        this.request = request;
        this.store = store;
        this.webhooks = webhooks;
    }

    /** Moves to {@code next} and records the event; false (nothing recorded) when the move is refused. */
    boolean moveTo(CallState next, String type, String detail) {
        return apply(CallStore.Update.state(next), type, detail);
    }

    /** Stores {@code end} (a final state and its fields) and its closing event; false when refused. */
    boolean end(CallStore.Update end) {
        return apply(end, end.state() == CallState.COMPLETED ? "completed" : "not_connected", end.outcome());
    }

    private boolean apply(CallStore.Update u, String type, String detail) {
        if (!current.canMoveTo(u.state()) || !store.update(id, u)) {
            LOG.warn("call {}: {} -> {} refused ({} {})", id, current, u.state(), type, detail);
            return false;
        }
        current = u.state();
        event(type, detail);
        return true;
    }

    void event(String type, String detail) {
        store.addEvent(id, ++seq, Instant.now(), type, detail);
        webhooks.changed(id, request, type, detail);
    }
}
