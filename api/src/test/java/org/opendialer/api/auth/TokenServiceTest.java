package org.opendialer.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tokens signed with the real key (as anyone who reads the database could sign them) are still refused when
 * their lifetime is one this server never issues.
 */
class TokenServiceTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    private final Vertx vertx = Vertx.vertx();
    private final TokenService service = new TokenService(vertx, KEY, 3600);
    private final JWTAuth forger = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
            .setAlgorithm("HS256").setBuffer(Base64.getUrlEncoder().withoutPadding().encodeToString(KEY))));

    @AfterEach
    void close() {
        vertx.close().await();
    }

    private String forge(JWTOptions options) {
        return forger.generateToken(new JsonObject().put("sub", "mallory").put("scope", "admin"),
                options.setAlgorithm("HS256").setIssuer(TokenService.ISSUER));
    }

    private boolean accepted(String token) {
        return service.verify(token).map(g -> true).otherwise(false).await();
    }

    @Test
    void anIssuedTokenIsAccepted() {
        TokenService.Grant g = service.verify(service.issue("crm", Set.of("calls"))).await();
        assertThat(g.clientId()).isEqualTo("crm");
        assertThat(g.scopes()).containsExactly("calls");
    }

    @Test
    void aTenYearTokenIsRefused() {
        assertThat(accepted(forge(new JWTOptions().setExpiresInSeconds(10 * 365 * 86_400)))).isFalse();
        assertThat(accepted(forge(new JWTOptions().setExpiresInSeconds(3600)))).isTrue();
        assertThat(accepted(forge(new JWTOptions().setExpiresInSeconds(3601 + 60)))).isFalse();
    }

    @Test
    void aTokenWithoutExpOrIatIsRefused() {
        assertThat(accepted(forge(new JWTOptions()))).isFalse();
        assertThat(accepted(forge(new JWTOptions().setExpiresInSeconds(600).setNoTimestamp(true)))).isFalse();
    }

    @Test
    void aTokenReachingPastTheTtlFromNowIsRefusedOnTheServicesClock() {
        // The library accepts these tokens (valid now by the system clock); on a service clock 2 h behind, their
        // exp lies more than the TTL ahead, which no token this service issued can do.
        java.time.Instant now = java.time.Instant.now();
        TokenService behind = new TokenService(vertx, KEY, 3600,
                java.time.Clock.fixed(now.minusSeconds(7200), java.time.ZoneOffset.UTC));
        String token = forge(new JWTOptions().setExpiresInSeconds(1800));
        assertThat(behind.verify(token).map(g -> true).otherwise(false).await()).isFalse();
        TokenService inStep = new TokenService(vertx, KEY, 3600, java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
        assertThat(inStep.verify(token).map(g -> true).otherwise(false).await()).isTrue();
    }

    @Test
    void anIatInTheFutureDoesNotStretchTheLifetime() {
        long now = System.currentTimeMillis() / 1000;
        String token = forger.generateToken(new JsonObject().put("sub", "mallory").put("scope", "admin")
                        .put("iat", now + 86_400 * 365).put("exp", now + 86_400 * 365 + 3600),
                new JWTOptions().setAlgorithm("HS256").setIssuer(TokenService.ISSUER).setNoTimestamp(true));
        assertThat(accepted(token)).isFalse();
    }
}
