package org.opendialer.sip;

/**
 * Call outcome precise enough for campaign dispositions and retry rules; derived from the Q.850 cause
 * ({@link Q850#disposition(int)}) or set locally (CANCELLED, NO_TRUNK).
 */
public enum Disposition {
    /** Answered and cleared normally (cause 16, 31). */
    NORMAL,
    /** User busy (17): retry later. */
    BUSY,
    /** Rang without answer or the user did not respond (18, 19, 20). */
    NO_ANSWER,
    /** Refused by the callee or the network (21, 55, 57, 87). */
    REJECTED,
    /** Number does not exist (1, 2, 3, 26): mark the number uncallable. */
    UNALLOCATED_NUMBER,
    /** Number changed or moved (22, 23). */
    NUMBER_CHANGED,
    /** Incomplete or badly formed number (28). */
    INVALID_NUMBER,
    /** Circuits/resources busy in the network (34, 41, 42, 47, 58, 88): retry soon, maybe on another trunk. */
    CONGESTION,
    /** Network or destination out of order, timer expiry (27, 38, 102). */
    NETWORK_FAILURE,
    /** Media or service not acceptable (65, 70, 79). */
    NOT_ACCEPTABLE,
    /** We cancelled before answer (API hang-up, shutdown), or the caller cancelled an inbound call. */
    CANCELLED,
    /** No trunk could take the call: all down, full, or the number could not be routed. */
    NO_TRUNK,
    /** Anything else (protocol errors, interworking 111, 127). */
    FAILED
}
