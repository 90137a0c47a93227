package org.opendialer.notifications.voice;

/**
 * What a call does when AMD answers UNKNOWN (it heard someone but could not tell a person from a machine). The
 * default treats the answer as a person: a person taken for a machine is hung up on or left a recording, which the
 * FCC and Ofcom count as an abandoned call; a machine taken for a person only hears the human message.
 */
public enum AmdUnknownAction {
    /** As HUMAN: the human message (async: it goes on). */
    AS_PERSON,
    /** As MACHINE, without waiting for a beep AMD has stopped listening for: the machine message at once. */
    AS_MACHINE,
    /** Hang up (async: the human message is cut). */
    HANG_UP
}
