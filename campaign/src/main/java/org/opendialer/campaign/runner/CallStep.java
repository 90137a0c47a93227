package org.opendialer.campaign.runner;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Where one campaign call is; it moves only along {@link #NEXT}. */
enum CallStep {
    CLAIMED, DIALING, ANSWERED, ANALYSING,
    /** Async AMD: the person's message plays while AMD listens; a person's decision lets it go on (LIVE_MESSAGE). */
    MESSAGE_ANALYSING,
    /** Async AMD: the message ended before AMD decided; the line stays up for its decision (AsyncAmdTrace). */
    MESSAGE_PLAYED,
    LIVE_MESSAGE, IN_FLOW, MACHINE_WAIT, MACHINE_MESSAGE,
    /** Agent modes: queued for an agent, within the grace. */
    TO_AGENT,
    /** Agent modes: bridged to an agent. */
    WITH_AGENT,
    /** Agent modes: no agent in time, the safe-harbour message plays. */
    SAFE_HARBOUR,
    HANGING_UP, ENDED;

    private static final Map<CallStep, Set<CallStep>> NEXT = new EnumMap<>(CallStep.class);

    static {
        NEXT.put(CLAIMED, EnumSet.of(DIALING, ENDED));
        NEXT.put(DIALING, EnumSet.of(ANSWERED, HANGING_UP, ENDED));
        NEXT.put(ANSWERED, EnumSet.of(ANALYSING, MESSAGE_ANALYSING, LIVE_MESSAGE, IN_FLOW, TO_AGENT, HANGING_UP, ENDED));
        NEXT.put(MESSAGE_ANALYSING, EnumSet.of(LIVE_MESSAGE, MESSAGE_PLAYED, IN_FLOW, MACHINE_WAIT, MACHINE_MESSAGE,
                HANGING_UP, ENDED));
        NEXT.put(MESSAGE_PLAYED, EnumSet.of(IN_FLOW, MACHINE_WAIT, MACHINE_MESSAGE, HANGING_UP, ENDED));
        NEXT.put(ANALYSING, EnumSet.of(LIVE_MESSAGE, IN_FLOW, TO_AGENT, MACHINE_WAIT, MACHINE_MESSAGE, HANGING_UP, ENDED));
        NEXT.put(TO_AGENT, EnumSet.of(WITH_AGENT, SAFE_HARBOUR, HANGING_UP, ENDED));
        NEXT.put(WITH_AGENT, EnumSet.of(HANGING_UP, ENDED));
        NEXT.put(SAFE_HARBOUR, EnumSet.of(HANGING_UP, ENDED));
        NEXT.put(MACHINE_WAIT, EnumSet.of(MACHINE_MESSAGE, HANGING_UP, ENDED));
        NEXT.put(LIVE_MESSAGE, EnumSet.of(HANGING_UP, ENDED));
        NEXT.put(IN_FLOW, EnumSet.of(HANGING_UP, ENDED));
        NEXT.put(MACHINE_MESSAGE, EnumSet.of(HANGING_UP, ENDED));
        NEXT.put(HANGING_UP, EnumSet.of(ENDED));
        NEXT.put(ENDED, EnumSet.noneOf(CallStep.class));
    }

    boolean canMoveTo(CallStep next) {
        return NEXT.get(this).contains(next);
    }
}
