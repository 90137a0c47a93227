package org.opendialer.api.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Clock;
import java.util.Base64;
import java.util.Set;

/**
 * Issues and verifies access tokens: HS256 JWTs (vertx-auth-jwt) carrying the client id as {@code sub} and the
 * granted scopes as a space-delimited {@code scope} claim. Verification needs no database round trip, and any
 * node sharing the database's signing key accepts tokens any other node issued.
 */
public final class TokenService {

    static final String ISSUER = "opendialer";
    private final JWTAuth jwt;
    private final int ttlSeconds;
    private final Clock clock;

    public TokenService(Vertx vertx, byte[] signingKey, int ttlSeconds) {
        this(vertx, signingKey, ttlSeconds, Clock.systemUTC());
    }

    /** @param clock for the lifetime check (the JWT library checks {@code exp} against the system clock itself) */
    public TokenService(Vertx vertx, byte[] signingKey, int ttlSeconds, Clock clock) {
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(signingKey);
        this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(key))
                .setJWTOptions(new JWTOptions().setIssuer(ISSUER)));
        this.ttlSeconds = ttlSeconds;
        this.clock = clock;
    }

    /** A signed token for {@code clientId} holding {@code scopes}, valid for the configured lifetime. */
    public String issue(String clientId, Set<String> scopes) {
        return jwt.generateToken(new JsonObject().put("sub", clientId).put("scope", String.join(" ", scopes)),
                new JWTOptions().setAlgorithm("HS256").setIssuer(ISSUER).setExpiresInSeconds(ttlSeconds));
    }

    public int ttlSeconds() {
        return ttlSeconds;
    }

    /**
     * The verified claims, or a failed future when the token is malformed, forged or expired, or claims a
     * lifetime this server would not have issued: without {@code exp} or {@code iat}, or {@code exp - iat}
     * (or {@code exp - now}) beyond the configured TTL. A signing key that leaked (it is in the database) then mints at most tokens
     * as short-lived as real ones.
     */
    public Future<Grant> verify(String token) {
        return jwt.authenticate(new TokenCredentials(token)).compose(user -> {
            JsonObject p = user.principal();
            // The provider moves exp and iat from the principal into the user's attributes; get() looks in both.
            String refused = lifetimeProblem(user.get("iat"), user.get("exp"));
            return refused != null ? Future.failedFuture(refused)
                    : Future.succeededFuture(new Grant(p.getString("sub"), Scopes.parse(p.getString("scope")),
                    java.time.Instant.ofEpochSecond(((Number) user.get("exp")).longValue())));
        });
    }

    private String lifetimeProblem(Object iat, Object exp) {
        if (!(exp instanceof Number e)) {
            return "the token has no exp claim";
        }
        if (!(iat instanceof Number i)) {
            return "the token has no iat claim";
        }
        long now = clock.instant().getEpochSecond();
        // The second test also catches an iat set in the future to stretch the token's life.
        return e.longValue() - i.longValue() > ttlSeconds || e.longValue() - now > ttlSeconds
                ? "the token's lifetime exceeds " + ttlSeconds + " s" : null;
    }

    /** What a verified token allows: who, which scopes, and until when (an event stream closes then). */
    public record Grant(String clientId, Set<String> scopes, java.time.Instant expiresAt) {
    }
}
