package org.opendialer.api.auth;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.SecurityRequirement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.opendialer.api.http.Problem;

/**
 * Access control bound to the route the router resolved, never to a path string: each contract operation's route
 * starts with a check of the scopes that operation declares, so what is checked is exactly what runs. A missing
 * or invalid bearer token is 401 (RFC 6750 section 3), a token without the operation's scope 403. An operation
 * listing several security requirements accepts a token meeting any one of them (OpenAPI's rule), e.g. the wrap-up
 * codes are readable with {@code routing} or {@code agent}.
 *
 * <p>Deny by default: {@link #install} guards every operation of the contract, bound or not, refuses one that
 * declares no scope, and
 * {@link #requireGuarded} refuses to start a router holding an {@code /api} route that is neither a contract
 * operation nor {@link #protect protected} by hand. Handlers read the caller with {@link #grant}, which fails
 * closed when no check ran.
 */
public final class ApiGuard {

    /** Routing-context key of the verified {@link TokenService.Grant}. */
    public static final String GRANT = "grant";
    /** Route metadata set on routes guarded outside the contract. */
    static final String GUARDED = "opendialer.guarded";
    /** Route metadata under which the OpenAPI router keeps a route's {@link Operation}. */
    static final String OPERATION = "openApiOperation";
    private static final String REALM = "Bearer realm=\"opendialer\"";

    private final TokenService tokens;

    public ApiGuard(TokenService tokens) {
        this.tokens = tokens;
    }

    /**
     * Puts the scope check first on every operation of the contract and {@code afterGuard} (validation) right
     * behind it, ahead of the bound handlers; an operation without handlers keeps the router's 501, behind the
     * check. Call after binding the handlers and before {@link RouterBuilder#createRouter()}.
     */
    public void install(RouterBuilder rb, Function<Operation, Handler<RoutingContext>> afterGuard) {
        for (OpenAPIRoute r : rb.getRoutes()) {
            r.setDoSecurity(false).setDoValidation(false);
            List<Handler<RoutingContext>> bound = new ArrayList<>(r.getHandlers());
            if (bound.isEmpty()) {
                bound.add(rc -> Problem.of("not-implemented", 501, "Not Implemented",
                        r.getOperation().getOperationId() + " is not implemented").send(rc));
            }
            List<Set<String>> scopes = requiredScopes(r.getOperation());
            if (scopes.isEmpty() || scopes.stream().anyMatch(Set::isEmpty)) {
                // fail closed: an operation (or one alternative of it) naming no scope would be open to any token holder
                throw new IllegalStateException("operation " + r.getOperation().getOperationId()
                        + " declares no scope in the contract; give it a security requirement");
            }
            r.getHandlers().clear();
            r.addHandler(forScopes(scopes));
            r.addHandler(afterGuard.apply(r.getOperation()));
            bound.forEach(r::addHandler);
        }
    }

    /** Guards a route added by hand: any valid token, or one holding each of {@code scopes}. */
    public Route protect(Route route, String... scopes) {
        return route.putMetadata(GUARDED, true).handler(forScopes(List.of(Set.of(scopes))));
    }

    /**
     * Refuses a router with an {@code /api} route that no guard covers (a route added later by hand and
     * forgotten): the server then does not start, rather than serve it open.
     */
    public static void requireGuarded(Router router) {
        for (Route r : router.getRoutes()) {
            String path = r.getPath();
            boolean api = path != null && (path.equals("/api") || path.startsWith("/api/"));
            if (api && r.getMetadata(OPERATION) == null && r.getMetadata(GUARDED) == null) {
                throw new IllegalStateException("route " + r.methods() + " " + path + " has no access check;"
                        + " declare it in the contract or add it with ApiGuard.protect");
            }
        }
    }

    /** The caller the guard verified for this request; refuses (throws) when no guard ran, so nothing runs open. */
    public static TokenService.Grant grant(RoutingContext rc) {
        TokenService.Grant g = rc.get(GRANT);
        if (g == null) {
            throw new IllegalStateException("no verified token on " + rc.request().method() + " " + rc.request().path());
        }
        return g;
    }

    /** @param alternatives sets of scopes; a token holding every scope of any one set passes */
    private Handler<RoutingContext> forScopes(List<Set<String>> alternatives) {
        return rc -> {
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
                boolean ok = alternatives.stream().anyMatch(set -> set.stream().allMatch(s -> Scopes.satisfies(grant.scopes(), s)));
                if (!ok) {
                    String needed = alternatives.stream().map(set -> String.join(" ", set)).collect(Collectors.joining("' or '"));
                    rc.response().putHeader("WWW-Authenticate", REALM + ", error=\"insufficient_scope\", scope=\""
                            + String.join(" ", alternatives.get(0)) + "\"");
                    Problem.of("forbidden", 403, "Forbidden", "this operation needs the '" + needed
                            + "' scope; the token has " + grant.scopes()).send(rc);
                    return;
                }
                rc.put(GRANT, grant);
                rc.next();
            });
        };
    }

    /**
     * Vert.x's router turns an operation with several security requirements into an empty authentication chain that
     * fails every request, even with security handling off. So the copy of the contract it reads keeps only the first
     * requirement, and all of them under this extension, where {@link #requiredScopes} reads them.
     */
    static final String ALTERNATIVES = "x-opendialer-security-alternatives";

    /** Folds operations' alternative security requirements into {@link #ALTERNATIVES} (see there). */
    public static void foldAlternatives(JsonObject contract) {
        contract.getJsonObject("paths").forEach(path -> {
            if (path.getValue() instanceof JsonObject item) {
                item.forEach(method -> {
                    if (method.getValue() instanceof JsonObject op
                            && op.getValue("security") instanceof JsonArray sec && sec.size() > 1) {
                        op.put(ALTERNATIVES, sec.copy());
                        op.put("security", new JsonArray().add(sec.getValue(0)));
                    }
                });
            }
        });
    }

    /** One set of scopes per security requirement of the operation: any one set suffices. */
    static List<Set<String>> requiredScopes(Operation op) {
        List<Set<String>> out = new ArrayList<>();
        if (op.getExtensions().get(ALTERNATIVES) instanceof JsonArray alternatives) {
            for (Object req : alternatives) {
                Set<String> all = new LinkedHashSet<>();
                ((JsonObject) req).forEach(e -> ((JsonArray) e.getValue())
                        .forEach(scope -> all.add((String) scope)));
                out.add(all);
            }
            return out;
        }
        for (SecurityRequirement req : op.getSecurityRequirements()) {
            Set<String> all = new LinkedHashSet<>();
            for (String name : req.getNames()) {
                all.addAll(req.getScopes(name));
            }
            out.add(all);
        }
        return out;
    }

    private static void unauthorized(RoutingContext rc, String challenge, String detail) {
        rc.response().putHeader("WWW-Authenticate", challenge);
        Problem.of("unauthorized", 401, "Unauthorized", detail).send(rc);
    }
}
