package org.opendialer.api.auth;

import java.util.Optional;
import java.util.UUID;

/**
 * The user an {@code agent} token acts for. Its subject is {@code agent:<userId>:<session>}, a shape no API client id
 * has (they are {@code cl_...} or an operator's name without colons), and only {@link AgentSignIn} issues it.
 */
public record AgentPrincipal(UUID userId, int session) {

    static final String PREFIX = "agent:";

    String subject() {
        return PREFIX + userId + ":" + session;
    }

    /** The agent of a verified grant, or empty when the token belongs to an API client. */
    public static Optional<AgentPrincipal> of(TokenService.Grant grant) {
        String sub = grant.clientId();
        if (sub == null || !sub.startsWith(PREFIX) || !grant.scopes().contains(Scopes.AGENT)) {
            return Optional.empty();
        }
        String[] parts = sub.substring(PREFIX.length()).split(":");
        try {
            return parts.length == 2 ? Optional.of(new AgentPrincipal(UUID.fromString(parts[0]), Integer.parseInt(parts[1])))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
