package org.opendialer.call;

/**
 * Takes an inbound call routed to it by DID (see {@link CallSessions#route}), on the session's executor before any
 * of its events. It must eventually {@link CallSession#answer answer}, {@link CallSession#earlyAnswer early-answer}
 * or {@link CallSession#reject reject}; listeners subscribed here miss nothing.
 */
@FunctionalInterface
public interface SessionHandler {
    void onCall(CallSession session);
}
