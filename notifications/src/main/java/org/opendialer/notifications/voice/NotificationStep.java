package org.opendialer.notifications.voice;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where one voice notification is in its flow (finer than the stored {@link CallState}). Person path: DIALING →
 * EARLY → ANSWERED → ANALYSING → HUMAN_MESSAGE (repeated; the key wait follows each play) → GOODBYE or TRANSFERRING
 * → HANGING_UP → ENDED; machine path: ANALYSING → MACHINE_WAIT (for the beep) → MACHINE_MESSAGE → HANGING_UP. AMD
 * off goes from ANSWERED straight to HUMAN_MESSAGE. AMD async goes from ANSWERED to MESSAGE_ANALYSING (the human
 * message plays while AMD listens; repeated while it has not decided): a person's decision, or a key (only a person
 * presses one), leaves it for HUMAN_MESSAGE, GOODBYE or TRANSFERRING; MACHINE cuts the message and goes to
 * MACHINE_WAIT. Any step may end (the far side hangs up, the API or a shutdown ends the call); a move the table
 * lacks is refused, so a late callback cannot restart a finished step.
 */
enum NotificationStep {
    QUEUED, DIALING, EARLY, ANSWERED, ANALYSING, MESSAGE_ANALYSING, HUMAN_MESSAGE, GOODBYE, TRANSFERRING, MACHINE_WAIT,
    MACHINE_MESSAGE, HANGING_UP, ENDED;

    private static final Map<NotificationStep, Set<NotificationStep>> NEXT = new EnumMap<>(NotificationStep.class);

    static {
        NEXT.put(QUEUED, EnumSet.of(DIALING));
        NEXT.put(DIALING, EnumSet.of(EARLY, ANSWERED));
        NEXT.put(EARLY, EnumSet.of(ANSWERED));
        NEXT.put(ANSWERED, EnumSet.of(ANALYSING, HUMAN_MESSAGE, MESSAGE_ANALYSING));
        NEXT.put(ANALYSING, EnumSet.of(HUMAN_MESSAGE, MACHINE_WAIT, MACHINE_MESSAGE));
        NEXT.put(MESSAGE_ANALYSING, EnumSet.of(MESSAGE_ANALYSING, HUMAN_MESSAGE, GOODBYE, TRANSFERRING, MACHINE_WAIT));
        NEXT.put(HUMAN_MESSAGE, EnumSet.of(HUMAN_MESSAGE, GOODBYE, TRANSFERRING));
        NEXT.put(MACHINE_WAIT, EnumSet.of(MACHINE_MESSAGE));
        NEXT.put(MACHINE_MESSAGE, EnumSet.noneOf(NotificationStep.class));
        NEXT.put(GOODBYE, EnumSet.noneOf(NotificationStep.class));
        NEXT.put(TRANSFERRING, EnumSet.noneOf(NotificationStep.class));
        NEXT.put(HANGING_UP, EnumSet.noneOf(NotificationStep.class));
        NEXT.put(ENDED, EnumSet.noneOf(NotificationStep.class));
        for (NotificationStep s : values()) { // every live step may hang up and end
            if (s != ENDED) {
                NEXT.get(s).add(ENDED);
                if (s != HANGING_UP && s != QUEUED) {
                    NEXT.get(s).add(HANGING_UP);
                }
            }
        }
    }

    boolean canMoveTo(NotificationStep next) {
        return NEXT.get(this).contains(next);
    }

    /** The human message is playing (or its key is awaited), whether or not AMD still listens. */
    boolean speaking() {
        return this == HUMAN_MESSAGE || this == MESSAGE_ANALYSING;
    }

    /** Still doing something with the call: not hanging up and not over. */
    boolean active() {
        return this != HANGING_UP && this != ENDED;
    }
}
