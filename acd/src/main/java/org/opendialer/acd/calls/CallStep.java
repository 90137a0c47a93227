package org.opendialer.acd.calls;

import java.util.EnumMap;
import java.util.Map;

/** Where one queued caller is on this node; the database holds the routing state, this the call side's. */
enum CallStep {
    /** Hearing music and announcements. */
    WAITING,
    /** An agent's phone rings for it. */
    RINGING,
    /** Bridged to the agent. */
    CONNECTED,
    /** Left the queue (answered and ended, transferred, abandoned, overflowed, timed out). */
    DONE;

    enum Event {
        /** The router offered it to an agent: ring the phone. */
        OFFERED,
        /** The agent's phone answered. */
        ANSWERED,
        /** Ring failed, refused, or the alert ran out: back to waiting. */
        NOT_ANSWERED,
        /** The agent sent it to another queue. */
        REQUEUED,
        /** The caller or the agent hung up, a transfer took the caller, overflow or timeout. */
        LEFT
    }

    private static final Map<CallStep, Map<Event, CallStep>> TABLE = new EnumMap<>(CallStep.class);

    static {
        allow(WAITING, Event.OFFERED, RINGING);
        allow(WAITING, Event.LEFT, DONE);
        allow(RINGING, Event.ANSWERED, CONNECTED);
        allow(RINGING, Event.NOT_ANSWERED, WAITING);
        allow(RINGING, Event.LEFT, DONE);
        allow(CONNECTED, Event.REQUEUED, WAITING);
        allow(CONNECTED, Event.LEFT, DONE);
    }

    private static void allow(CallStep from, Event e, CallStep to) {
        TABLE.computeIfAbsent(from, k -> new EnumMap<>(Event.class)).put(e, to);
    }

    /** The next step, or null when {@code e} does not apply here (a late or repeated report: ignored). */
    CallStep next(Event e) {
        return TABLE.getOrDefault(this, Map.of()).get(e);
    }
}
