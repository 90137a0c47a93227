package org.opendialer.api.auth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * OAuth2 scopes of the API. {@code admin} grants every other scope; the others name one area each. The OpenAPI
 * document lists the same names under its oauth2 security scheme and says which operation needs which.
 */
public final class Scopes {

    public static final String ADMIN = "admin";
    /** Every scope a client may hold, in display order. */
    public static final List<String> ALL = List.of(ADMIN, "calls", "campaigns", "messaging", "flows", "routing", Scopes.AGENT);
    /**
     * An agent signed in to the desktop ({@code POST /agent/signin}): only the operations on itself
     * ({@code /api/v2/users/me/...}). Never granted to an API client: its token's subject is the user.
     */
    public static final String AGENT = "agent";
    /** The scopes an API client may be given: all but {@link #AGENT}. */
    public static final List<String> FOR_CLIENTS = ALL.stream().filter(s -> !s.equals(AGENT)).toList();

    private Scopes() {
    }

    /** Parses a space-delimited scope parameter (RFC 6749 section 3.3). */
    public static Set<String> parse(String scope) {
        Set<String> out = new LinkedHashSet<>();
        if (scope != null) {
            for (String s : scope.trim().split(" +")) {
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** True when a token holding {@code granted} may call an operation needing {@code required}. */
    public static boolean satisfies(Set<String> granted, String required) {
        return granted.contains(required) || granted.contains(ADMIN);
    }
}
