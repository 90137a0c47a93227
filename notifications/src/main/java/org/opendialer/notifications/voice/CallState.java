package org.opendialer.notifications.voice;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a notification call is; COMPLETED and FAILED are final. {@link #canMoveTo} is the transition table: the
 * call refuses any other move, and the store applies a state only to a row still in one of its
 * {@link #predecessors}, so a call that another path already ended (API hang-up, shutdown, start-up
 * reconciliation) is never moved back.
 */
public enum CallState {
    QUEUED, DIALING, RINGING, ANSWERED, COMPLETED, FAILED;

    private static final Map<CallState, Set<CallState>> NEXT = Map.of(
            QUEUED, EnumSet.of(DIALING, FAILED),
            DIALING, EnumSet.of(RINGING, ANSWERED, FAILED),
            // RINGING again: 180 then 183 with early media are both "ringing".
            RINGING, EnumSet.of(RINGING, ANSWERED, FAILED),
            ANSWERED, EnumSet.of(COMPLETED, FAILED),
            COMPLETED, EnumSet.noneOf(CallState.class),
            FAILED, EnumSet.noneOf(CallState.class));

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }

    public boolean canMoveTo(CallState next) {
        return NEXT.get(this).contains(next);
    }

    /** The states a call may be in to move to this one. */
    public Set<CallState> predecessors() {
        Set<CallState> from = EnumSet.noneOf(CallState.class);
        for (CallState s : values()) {
            if (s.canMoveTo(this)) {
                from.add(s);
            }
        }
        return from;
    }

    /** The non-final states, for queries of calls still in progress. */
    public static Set<CallState> live() {
        Set<CallState> live = EnumSet.noneOf(CallState.class);
        for (CallState s : values()) {
            if (!s.isFinal()) {
                live.add(s);
            }
        }
        return live;
    }
}
