package org.opendialer.api.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.SecurityRequirement;
import java.util.LinkedHashSet;
import java.util.Set;
import org.opendialer.api.http.Problem;

/**
 * Guards every {@code /api/v2/**} request before routing or validation: a missing or invalid bearer token is
 * 401 (RFC 6750 section 3), a token without the scope the OpenAPI operation declares is 403. The contract is the one
 * place that says which operation needs which scope; paths outside it (the document itself, unknown paths) need
 * a valid token only.
 */
public final class ApiGuard implements Handler<RoutingContext> {

    /** Routing-context key of the verified {@link TokenService.Grant}. */
    public static final String GRANT = "grant";
    private static final String PREFIX = "/api/v2/";
    private static final String REALM = "Bearer realm=\"opendialer\"";

    private final TokenService tokens;
    private final OpenAPIContract contract;

    public ApiGuard(TokenService tokens, OpenAPIContract contract) {
        this.tokens = tokens;
        this.contract = contract;
    }

    @Override
    public void handle(RoutingContext rc) {
        String path = rc.request().path();
        if (!path.startsWith(PREFIX)) {
            rc.next();
            return;
        }
        String auth = rc.request().getHeader("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            unauthorized(rc, REALM, "an access token is required: POST /oauth/token, then send Authorization: Bearer TOKEN");
            return;
        }
        tokens.verify(auth.substring(7).trim()).onComplete(ar -> {
            if (ar.failed()) {
                unauthorized(rc, REALM + ", error=\"invalid_token\"", "the access token is invalid or expired");
                return;
            }
            TokenService.Grant grant = ar.result();
            Set<String> required = requiredScopes(path, rc);
            for (String scope : required) {
                if (!Scopes.satisfies(grant.scopes(), scope)) {
                    rc.response().putHeader("WWW-Authenticate", REALM + ", error=\"insufficient_scope\", scope=\"" + scope + "\"");
                    Problem.of("forbidden", 403, "Forbidden", "this operation needs the '" + scope
                            + "' scope; the token has " + grant.scopes()).send(rc);
                    return;
                }
            }
            rc.put(GRANT, grant);
            rc.next();
        });
    }

    private Set<String> requiredScopes(String path, RoutingContext rc) {
        Operation op = contract.findOperation(path, rc.request().method());
        Set<String> out = new LinkedHashSet<>();
        if (op != null) {
            for (SecurityRequirement req : op.getSecurityRequirements()) {
                for (String name : req.getNames()) {
                    out.addAll(req.getScopes(name));
                }
            }
        }
        return out;
    }

    private static void unauthorized(RoutingContext rc, String challenge, String detail) {
        rc.response().putHeader("WWW-Authenticate", challenge);
        Problem.of("unauthorized", 401, "Unauthorized", detail).send(rc);
    }
}
