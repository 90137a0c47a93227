package org.opendialer.sip;

import java.time.Instant;

/** An agent phone's contact appeared or went away, pushed to {@link RegistrationListener}s. */
public sealed interface RegistrationEvent {

    String user();

    String contact();

    /**
     * A contact the agent did not have before registered (refreshes of a known contact are not announced).
     *
     * @param source    {@code host:port} the REGISTER came from
     * @param expiresAt when it lapses unless refreshed
     */
    record Registered(String user, String contact, String source, Instant expiresAt) implements RegistrationEvent { }

    /** A contact is gone: calls to the agent no longer ring it. */
    record Unregistered(String user, String contact, Reason reason) implements RegistrationEvent { }

    /** Why a contact went away. */
    enum Reason {
        /** Not refreshed before its expiry. */
        EXPIRED,
        /** The phone unregistered it (Expires: 0, or {@code *} for all its contacts). */
        REMOVED,
        /** It stopped answering the OPTIONS qualify probes. */
        UNREACHABLE
    }
}
