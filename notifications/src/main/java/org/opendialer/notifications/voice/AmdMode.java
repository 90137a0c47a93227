package org.opendialer.notifications.voice;

/** What a notification call does after answer: no AMD, AMD, or AMD plus waiting for the end of a machine's greeting. */
public enum AmdMode {
    /** Every answer is treated as a person: the human message plays at once. */
    OFF,
    /** Decide HUMAN or MACHINE; a machine gets its message right after the decision. */
    ON,
    /** As ON, and for a machine wait for the beep (or the end of the greeting) before leaving the message. */
    END_OF_GREETING
}
