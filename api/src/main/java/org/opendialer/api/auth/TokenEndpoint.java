package org.opendialer.api.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.opendialer.api.http.Blocking;
import org.opendialer.api.http.RequestContext;

/**
 * {@code POST /oauth/token}: the client-credentials grant of RFC 6749 section 4.4. The client authenticates with HTTP
 * Basic or with {@code client_id}/{@code client_secret} form parameters (section 2.3.1, never both). Errors carry
 * the RFC's {@code error}/{@code error_description} members and, alongside them, the RFC 9457 members every
 * other error of this API has; the media type stays {@code application/json} as section 5.2 asks.
 *
 * <p>Guessing is bounded three ways: failures are throttled per client id and per source ({@link TokenThrottle},
 * 429 with {@code Retry-After}); every check costs one PBKDF2 whether the client exists or not
 * ({@link ClientAuthenticator}); and checks run on a small bounded pool, so a flood of them queues there (or is
 * refused with 429) instead of taking every core from the rest of the server.
 */
public final class TokenEndpoint implements Handler<RoutingContext> {

    private static final String FORM = "application/x-www-form-urlencoded";
    static final int HASH_QUEUE = 32;
    private final ClientAuthenticator authenticator;
    private final TokenService tokens;
    private final Blocking blocking;
    private final MeterRegistry metrics;
    private final TokenThrottle throttle;
    private final Executor hashing;

    /** @param hashing bounded pool for the secret checks (see {@link #hashingPool}) */
    public TokenEndpoint(ClientStore clients, TokenService tokens, Blocking blocking, MeterRegistry metrics,
                         TokenThrottle throttle, Executor hashing) {
        this.authenticator = new ClientAuthenticator(clients::find, SecretHasher::verify);
        this.tokens = tokens;
        this.blocking = blocking;
        this.metrics = metrics;
        this.throttle = throttle;
        this.hashing = hashing;
    }

    /**
     * Half the cores (at least one) and a short queue: enough for real clients, which ask for a token once an
     * hour, and a flood beyond it is refused at once rather than held in memory.
     */
    public static ThreadPoolExecutor hashingPool() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(HASH_QUEUE),
                Thread.ofPlatform().name("token-hash-", 0).daemon().factory());
    }

    private record Credentials(String id, String secret, boolean basic) {
    }

    @Override
    public void handle(RoutingContext rc) {
        String type = rc.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase().startsWith(FORM)) {
            error(rc, 400, "invalid_request", "the body must be " + FORM, false);
            return;
        }
        MultiMap form = rc.request().formAttributes();
        if (!"client_credentials".equals(form.get("grant_type"))) {
            error(rc, 400, form.get("grant_type") == null ? "invalid_request" : "unsupported_grant_type",
                    "grant_type must be client_credentials", false);
            return;
        }
        Optional<Credentials> creds;
        try {
            creds = credentials(rc, form);
        } catch (IllegalArgumentException e) {
            error(rc, 400, "invalid_request", e.getMessage(), false);
            return;
        }
        if (creds.isEmpty()) {
            error(rc, 401, "invalid_client", "client authentication is required (HTTP Basic or client_id/client_secret)", true);
            return;
        }
        Credentials c = creds.get();
        String source = rc.request().remoteAddress() == null ? "?" : rc.request().remoteAddress().hostAddress();
        Duration wait = throttle.retryAfter(c.id(), source);
        if (!wait.isZero()) {
            tooMany(rc, wait, "too many failed attempts for this client or from this address");
            return;
        }
        Set<String> requested = Scopes.parse(form.get("scope"));
        blocking.call(hashing, () -> authenticator.authenticate(c.id(), c.secret()))
                .onFailure(e -> {
                    if (e instanceof RejectedExecutionException) {
                        tooMany(rc, Duration.ofSeconds(1), "the server is busy checking other clients' secrets");
                    } else {
                        rc.fail(e);
                    }
                })
                .onSuccess(found -> {
                    if (found.isEmpty()) {
                        throttle.failed(c.id(), source);
                        error(rc, 401, "invalid_client", "unknown client or wrong secret", c.basic());
                        return;
                    }
                    throttle.succeeded(c.id());
                    Set<String> allowed = new LinkedHashSet<>(found.get().scopes());
                    Set<String> granted = requested.isEmpty() ? allowed : requested;
                    if (!allowed.containsAll(granted)) {
                        error(rc, 400, "invalid_scope", "this client may request only " + String.join(" ", allowed), false);
                        return;
                    }
                    metrics.counter("dialer.oauth.tokens.issued").increment();
                    rc.response().putHeader("Content-Type", "application/json")
                            .putHeader("Cache-Control", "no-store").putHeader("Pragma", "no-cache")
                            .end(new JsonObject()
                                    .put("access_token", tokens.issue(c.id(), granted))
                                    .put("token_type", "Bearer")
                                    .put("expires_in", tokens.ttlSeconds())
                                    .put("scope", String.join(" ", granted)).encode());
                });
    }

    private static Optional<Credentials> credentials(RoutingContext rc, MultiMap form) {
        String auth = rc.request().getHeader("Authorization");
        boolean inForm = form.contains("client_id") || form.contains("client_secret");
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (inForm) {
                throw new IllegalArgumentException("use one client authentication method, not both");
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the Basic credentials are not valid Base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("the Basic credentials must be client_id:client_secret");
            }
            // Section 2.3.1: both parts are form-urlencoded before Base64.
            return Optional.of(new Credentials(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8), true));
        }
        if (form.get("client_id") != null && form.get("client_secret") != null) {
            return Optional.of(new Credentials(form.get("client_id"), form.get("client_secret"), false));
        }
        return Optional.empty();
    }

    /** 429 with whole seconds to wait (RFC 9110 section 10.2.3), rounded up. */
    private void tooMany(RoutingContext rc, Duration wait, String description) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        rc.response().putHeader("Retry-After", Long.toString(seconds));
        error(rc, 429, "too_many_requests", description + "; retry after " + seconds + " s", false);
    }

    private void error(RoutingContext rc, int status, String error, String description, boolean basicChallenge) {
        metrics.counter("dialer.oauth.token.failures", "error", error).increment();
        if (status == 401 && basicChallenge) {
            rc.response().putHeader("WWW-Authenticate", "Basic realm=\"opendialer\"");
        }
        String code = "oauth-" + error.replace('_', '-');
        RequestContext.answeredWith(rc, code);
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("error", error).put("error_description", description)
                        .put("type", "urn:opendialer:problem:oauth:" + error).put("title", error)
                        .put("status", status).put("detail", description).put("code", code)
                        .put("contextId", RequestContext.id(rc)).encode());
    }
}
