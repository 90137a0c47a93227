package org.opendialer.api.auth;

import java.time.Instant;
import java.util.List;

/**
 * A registered API client of the client-credentials grant. The secret itself is never kept.
 *
 * @param version 1 when created, one more on each change (kept by the database)
 */
public record ApiClient(String clientId, String name, String secretHash, List<String> scopes, Instant createdAt,
                        boolean disabled, Instant updatedAt, int version) {

    public ApiClient {
        scopes = List.copyOf(scopes);
    }
}
