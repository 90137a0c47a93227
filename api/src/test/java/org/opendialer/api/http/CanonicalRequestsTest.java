package org.opendialer.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalRequestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/health", "/api/v2/oauth/clients", "/api/v2/outbound/dnc/email/a%40b.example",
            "/api/v2/outbound/dnc/sms/%2B15555550100", "/unsubscribe/abc-DEF_123", "/api/v2/x%20y"})
    void canonicalPathsPass(String path) {
        assertThat(CanonicalRequests.pathProblem(path)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"//api/v2/oauth/clients", "/api//v2/oauth/clients", "/api/v2/oauth/clients/",
            "/api/v2/./oauth/clients", "/api/v2/x/../oauth/clients", "/api/v2/oauth/clients/.", "/api/v2/..",
            "/%61pi/v2/oauth/clients", "/api/v2/oauth/%63lients", "/api/v2/oauth/%63Lients", "/api/v2%2Foauth/clients",
            "/api/v2%2foauth/clients", "/api/v2/%2E/oauth", "/api/v2/%7Euser", "/api/v2/%5Coauth", "/api\\v2/oauth",
            "/api/v2/%00", "/api/v2/%zz", "/api/v2/%4", "/api/v2/%", "api/v2/oauth/clients", ""})
    void nonCanonicalPathsAreRefusedWithAReason(String path) {
        assertThat(CanonicalRequests.pathProblem(path)).isNotBlank();
    }
}
