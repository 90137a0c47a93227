package org.opendialer.api.auth;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.opendialer.api.http.Blocking;
import org.opendialer.api.http.Problem;

/**
 * {@code POST /agent/signin} with {@code {"username", "password"}} (username: the agent's SIP user or email): a
 * token with the single scope {@code agent} whose subject is the user and its session ({@link AgentPrincipal}).
 * Outside /api because it is how a token is obtained. Guessing is bounded as at the token endpoint: failures are
 * throttled per username and per source (429 with Retry-After), and the PBKDF2 runs on the bounded hashing pool.
 */
public final class AgentSignIn implements Handler<RoutingContext> {

    public static final String PATH = "/agent/signin";

    private final AgentAccounts accounts;
    private final TokenService tokens;
    private final Blocking blocking;
    private final TokenThrottle throttle;
    private final Executor hashing;

    public AgentSignIn(AgentAccounts accounts, TokenService tokens, Blocking blocking, TokenThrottle throttle, Executor hashing) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.blocking = blocking;
        this.throttle = throttle;
        this.hashing = hashing;
    }

    @Override
    public void handle(RoutingContext rc) {
        JsonObject body;
        try {
            body = rc.body() == null || rc.body().length() == 0 ? null : rc.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            body = null;
        }
        String username = body == null ? null : body.getValue("username") instanceof String u ? u : null;
        String password = body == null ? null : body.getValue("password") instanceof String p ? p : null;
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            Problem.badRequest("the body must be JSON with a username and a password").send(rc);
            return;
        }
        String source = rc.request().remoteAddress() == null ? "?" : rc.request().remoteAddress().hostAddress();
        String key = "agent:" + username.toLowerCase();
        Duration wait = throttle.retryAfter(key, source);
        if (!wait.isZero()) {
            tooMany(rc, wait, "too many failed sign-ins for this user or from this address");
            return;
        }
        blocking.call(hashing, () -> accounts.authenticate(username, password)).onComplete(ar -> {
            if (ar.failed()) {
                if (ar.cause() instanceof RejectedExecutionException) {
                    tooMany(rc, Duration.ofSeconds(1), "the server is busy checking other sign-ins");
                } else {
                    rc.fail(ar.cause());
                }
                return;
            }
            if (ar.result().isEmpty()) {
                throttle.failed(key, source);
                Problem.of("sign-in-failed", 401, "Unauthorized", "unknown user or wrong password").send(rc);
                return;
            }
            throttle.succeeded(key);
            AgentAccounts.SignedIn a = ar.result().get();
            String token = tokens.issue(new AgentPrincipal(a.userId(), a.session()).subject(), Set.of(Scopes.AGENT));
            rc.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                    .end(new JsonObject().put("access_token", token).put("token_type", "Bearer")
                            .put("expires_in", tokens.ttlSeconds()).put("scope", Scopes.AGENT)
                            .put("userId", a.userId().toString()).put("name", a.name()).encode());
        });
    }

    private static void tooMany(RoutingContext rc, Duration wait, String detail) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        rc.response().putHeader("Retry-After", Long.toString(seconds));
        Problem.of("too-many-requests", 429, "Too Many Requests", detail + "; retry after " + seconds + " s").send(rc);
    }
}
