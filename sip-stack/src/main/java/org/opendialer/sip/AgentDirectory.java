package org.opendialer.sip;

import java.util.Optional;

/**
 * Credentials of agent phones for the registrar's digest authentication (RFC 3261 §22, RFC 2617 MD5). Stored as
 * HA1 = MD5(user:realm:password) so the database never holds the SIP password itself.
 */
@FunctionalInterface
public interface AgentDirectory {

    /** HA1 for a user in our realm, or empty when the user is unknown or disabled. */
    Optional<String> ha1(String user);

    /** A directory with no agents: every REGISTER is refused. */
    static AgentDirectory none() {
        return user -> Optional.empty();
    }
}
