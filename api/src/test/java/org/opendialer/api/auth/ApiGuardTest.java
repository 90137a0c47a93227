package org.opendialer.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deny by default: a router with an /api route no guard covers does not start. */
class ApiGuardTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void anUnguardedApiRouteAddedByHandStopsTheStart() {
        Router router = Router.router(vertx);
        router.get("/health").handler(rc -> rc.end());
        router.get("/api/v2/backdoor").handler(rc -> rc.end("open"));
        assertThatThrownBy(() -> ApiGuard.requireGuarded(router))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("/api/v2/backdoor");
    }

    @Test
    void aProtectedRoutePasses() {
        Router router = Router.router(vertx);
        ApiGuard guard = new ApiGuard(new TokenService(vertx, new byte[32], 3600));
        guard.protect(router.get("/api/v2/openapi.yaml")).handler(rc -> rc.end());
        guard.protect(router.route("/api/*")).handler(rc -> rc.end());
        router.get("/*").handler(rc -> rc.end());
        ApiGuard.requireGuarded(router);
        assertThat(router.getRoutes()).hasSize(3);
    }

    @Test
    void anOperationThatDeclaresNoScopeStopsTheStart() {
        JsonObject contract = new JsonObject("""
                {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                 "components": {"securitySchemes": {"oauth": {"type": "oauth2", "flows": {"clientCredentials":
                     {"tokenUrl": "http://127.0.0.1/oauth/token", "scopes": {"calls": "calls"}}}}}},
                 "paths": {
                   "/api/v2/guarded": {"get": {"operationId": "guarded", "security": [{"oauth": ["calls"]}],
                       "responses": {"200": {"description": "ok"}}}},
                   "/api/v2/open": {"get": {"operationId": "open",
                       "responses": {"200": {"description": "ok"}}}}}}
                """);
        RouterBuilder rb = RouterBuilder.create(vertx, OpenAPIContract.from(vertx, contract).await());
        ApiGuard guard = new ApiGuard(new TokenService(vertx, new byte[32], 3600));
        assertThatThrownBy(() -> guard.install(rb, op -> rc -> rc.next()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("open").hasMessageContaining("no scope");
    }
}
