package org.opendialer.call;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Life of one leg as a session sees it. Outbound: DIALING → RINGING → EARLY → ANSWERED → ENDED (stages may be
 * skipped). Inbound: OFFERED → EARLY (our 183) → ANSWERED → ENDED. Any state may end. Moves not in the table are
 * refused, so a late or duplicate SIP event cannot take a session backwards.
 */
enum SessionState {
    DIALING, OFFERED, RINGING, EARLY, ANSWERED, ENDED;

    private static final Map<SessionState, Set<SessionState>> NEXT = new EnumMap<>(SessionState.class);

    static {
        NEXT.put(DIALING, EnumSet.of(RINGING, EARLY, ANSWERED, ENDED));
        NEXT.put(OFFERED, EnumSet.of(EARLY, ANSWERED, ENDED));
        NEXT.put(RINGING, EnumSet.of(EARLY, ANSWERED, ENDED));
        NEXT.put(EARLY, EnumSet.of(ANSWERED, ENDED));
        NEXT.put(ANSWERED, EnumSet.of(ENDED));
        NEXT.put(ENDED, EnumSet.noneOf(SessionState.class));
    }

    boolean canMoveTo(SessionState next) {
        return NEXT.get(this).contains(next);
    }

    /** Before answer: the leg may still be answered, rejected or cancelled. */
    boolean beforeAnswer() {
        return this != ANSWERED && this != ENDED;
    }
}
