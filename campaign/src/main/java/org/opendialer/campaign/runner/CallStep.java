package org.opendialer.campaign.runner;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Where one agentless call is; it moves only along {@link #NEXT}. */
enum CallStep {
    CLAIMED, DIALING, ANSWERED, ANALYSING, LIVE_MESSAGE, IN_FLOW, MACHINE_WAIT, MACHINE_MESSAGE, HANGING_UP, ENDED;

    private static final Map<CallStep, Set<CallStep>> NEXT = new EnumMap<>(CallStep.class);

    static {
        NEXT.put(CLAIMED, EnumSet.of(DIALING, ENDED));
        NEXT.put(DIALING, EnumSet.of(ANSWERED, HANGING_UP, ENDED));
        NEXT.put(ANSWERED, EnumSet.of(ANALYSING, LIVE_MESSAGE, IN_FLOW, HANGING_UP, ENDED));
        NEXT.put(ANALYSING, EnumSet.of(LIVE_MESSAGE, IN_FLOW, MACHINE_WAIT, MACHINE_MESSAGE, HANGING_UP, ENDED));
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
