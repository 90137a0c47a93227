package org.opendialer.api.auth;

import java.time.Instant;
import java.util.List;

/** A registered API client of the client-credentials grant. The secret itself is never kept. */
public record ApiClient(String clientId, String name, String secretHash, List<String> scopes, Instant createdAt,
                        boolean disabled) {

    public ApiClient {
        scopes = List.copyOf(scopes);
    }
}
