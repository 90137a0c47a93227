package org.opendialer.notifications.voice;

/**
 * What a notification call does after answer: no AMD, AMD before speaking, AMD plus waiting for the end of a
 * machine's greeting, or speaking at once while AMD listens.
 */
public enum AmdMode {
    /** Every answer is treated as a person: the human message plays at once. */
    OFF,
    /** Decide HUMAN or MACHINE; a machine gets its message right after the decision. */
    ON,
    /** As ON, and for a machine wait for the beep (or the end of the greeting) before leaving the message. */
    END_OF_GREETING,
    /**
     * No dead air: the human message starts as soon as the call is answered while AMD keeps listening. HUMAN,
     * UNKNOWN and NO_SPEECH let it go on (a person is the safe guess); MACHINE cuts it, and the machine message
     * follows the beep (or the end of the greeting) as with END_OF_GREETING.
     */
    ASYNC;

    /** Whether the machine message waits for the end of the greeting (the beep). */
    boolean awaitsMachineEnd() {
        return this == END_OF_GREETING || this == ASYNC;
    }
}
