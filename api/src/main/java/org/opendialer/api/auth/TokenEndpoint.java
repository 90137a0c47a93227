package org.opendialer.api.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.opendialer.api.http.Blocking;

/**
 * {@code POST /oauth/token}: the client-credentials grant of RFC 6749 section 4.4. The client authenticates with HTTP
 * Basic or with {@code client_id}/{@code client_secret} form parameters (section 2.3.1, never both). Errors carry
 * the RFC's {@code error}/{@code error_description} members and, alongside them, the RFC 9457 members every
 * other error of this API has; the media type stays {@code application/json} as section 5.2 asks.
 */
public final class TokenEndpoint implements Handler<RoutingContext> {

    private static final String FORM = "application/x-www-form-urlencoded";
    private final ClientStore clients;
    private final TokenService tokens;
    private final Blocking blocking;
    private final MeterRegistry metrics;

    public TokenEndpoint(ClientStore clients, TokenService tokens, Blocking blocking, MeterRegistry metrics) {
        this.clients = clients;
        this.tokens = tokens;
        this.blocking = blocking;
        this.metrics = metrics;
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
        Set<String> requested = Scopes.parse(form.get("scope"));
        blocking.call(() -> clients.find(c.id())
                        .filter(client -> !client.disabled() && SecretHasher.verify(c.secret(), client.secretHash())))
                .onFailure(rc::fail)
                .onSuccess(found -> {
                    if (found.isEmpty()) {
                        error(rc, 401, "invalid_client", "unknown client or wrong secret", c.basic());
                        return;
                    }
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

    private void error(RoutingContext rc, int status, String error, String description, boolean basicChallenge) {
        metrics.counter("dialer.oauth.token.failures", "error", error).increment();
        if (status == 401 && basicChallenge) {
            rc.response().putHeader("WWW-Authenticate", "Basic realm=\"opendialer\"");
        }
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("error", error).put("error_description", description)
                        .put("type", "urn:opendialer:problem:oauth:" + error).put("title", error)
                        .put("status", status).put("detail", description).encode());
    }
}
