package org.opendialer.acd.routing;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * An agent's routing state. Only {@link #AVAILABLE} agents are offered interactions. Every change goes through
 * {@link #on}, which reads the one transition table below; anything not in it is refused.
 */
public enum AgentState {
    OFFLINE, AVAILABLE,
    /** A campaign's preview card is on its desktop: only that contact's call is offered to it (V28). */
    PREVIEWING,
    ALERTING, ON_CALL, WRAP_UP, BREAK, NOT_RESPONDING;

    /** What moves an agent: its own requests (desktop, API) and the ACD's and call layer's events. */
    public enum Event {
        /** The agent asks to take calls (log in, end a break, end wrap-up early, come back from not responding). */
        GO_AVAILABLE,
        /** The agent asks for a break (with a reason). */
        TAKE_BREAK,
        /** The agent logs out. */
        LOG_OUT,
        /** A preview campaign reserved a contact for it (its desktop shows the record). */
        PREVIEW,
        /** The router offers it an interaction: its phone rings. */
        OFFER,
        /** It answered the offer. */
        ANSWER,
        /** The alert was not answered in time: the interaction goes back to its queue. */
        NO_ANSWER,
        /** The caller hung up (or the interaction was withdrawn) while the agent was alerted. */
        WITHDRAW,
        /** The call ended; wrap-up starts. */
        HANG_UP,
        /** The queue's wrap-up time limit ran out. */
        WRAP_UP_EXPIRED
    }

    private static final Map<AgentState, Map<Event, AgentState>> TABLE = new EnumMap<>(AgentState.class);

    private static void allow(AgentState from, Event event, AgentState to) {
        TABLE.computeIfAbsent(from, s -> new EnumMap<>(Event.class)).put(event, to);
    }

    static {
        allow(OFFLINE, Event.GO_AVAILABLE, AVAILABLE);
        allow(OFFLINE, Event.TAKE_BREAK, BREAK);

        allow(AVAILABLE, Event.OFFER, ALERTING);
        allow(AVAILABLE, Event.PREVIEW, PREVIEWING);
        allow(AVAILABLE, Event.TAKE_BREAK, BREAK);
        allow(AVAILABLE, Event.LOG_OUT, OFFLINE);

        // the preview's own call is offered to it; skipping (or the call failing) makes it available again
        allow(PREVIEWING, Event.OFFER, ALERTING);
        allow(PREVIEWING, Event.GO_AVAILABLE, AVAILABLE);
        allow(PREVIEWING, Event.TAKE_BREAK, BREAK);
        allow(PREVIEWING, Event.LOG_OUT, OFFLINE);

        allow(ALERTING, Event.ANSWER, ON_CALL);
        allow(ALERTING, Event.NO_ANSWER, NOT_RESPONDING);
        allow(ALERTING, Event.WITHDRAW, AVAILABLE);

        allow(ON_CALL, Event.HANG_UP, WRAP_UP);

        allow(WRAP_UP, Event.GO_AVAILABLE, AVAILABLE);
        allow(WRAP_UP, Event.WRAP_UP_EXPIRED, AVAILABLE);
        allow(WRAP_UP, Event.TAKE_BREAK, BREAK);
        allow(WRAP_UP, Event.LOG_OUT, OFFLINE);

        allow(BREAK, Event.GO_AVAILABLE, AVAILABLE);
        allow(BREAK, Event.TAKE_BREAK, BREAK); // another reason
        allow(BREAK, Event.LOG_OUT, OFFLINE);

        allow(NOT_RESPONDING, Event.GO_AVAILABLE, AVAILABLE);
        allow(NOT_RESPONDING, Event.TAKE_BREAK, BREAK);
        allow(NOT_RESPONDING, Event.LOG_OUT, OFFLINE);
    }

    /** The state {@code event} leads to from this one, or empty when the table does not allow it. */
    public Optional<AgentState> on(Event event) {
        return Optional.ofNullable(TABLE.getOrDefault(this, Map.of()).get(event));
    }

    /** Like {@link #on}, refusing an illegal event with an {@link IllegalTransition}. */
    public AgentState next(Event event) {
        return on(event).orElseThrow(() -> new IllegalTransition(this, event));
    }

    /** An event the current state does not allow (an API answers it with 409). */
    public static final class IllegalTransition extends RuntimeException {
        private final AgentState from;
        private final Event event;

        public IllegalTransition(AgentState from, Event event) {
            super("an agent in state " + from + " cannot " + event.name().toLowerCase().replace('_', ' '));
            this.from = from;
            this.event = event;
        }

        public AgentState from() {
            return from;
        }

        public Event event() {
            return event;
        }
    }
}
