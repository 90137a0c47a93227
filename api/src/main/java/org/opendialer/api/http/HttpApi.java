package org.opendialer.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.opendialer.acd.Acd;
import org.opendialer.api.auth.ApiGuard;
import org.opendialer.api.auth.ClientStore;
import org.opendialer.api.auth.ClientsApi;
import org.opendialer.api.auth.TokenEndpoint;
import org.opendialer.api.auth.TokenService;
import org.opendialer.api.auth.TokenThrottle;
import org.opendialer.api.calls.CallsApi;
import org.opendialer.api.config.ApiConfig;
import org.opendialer.api.flows.DidRoutesApi;
import org.opendialer.api.flows.FlowsApi;
import org.opendialer.api.messaging.MessagingRoutes;
import org.opendialer.api.outbound.OutboundRoutes;
import org.opendialer.ivr.flow.DidRoutes;
import org.opendialer.ivr.flow.FlowStore;
import org.opendialer.api.routing.RoutingRoutes;
import org.opendialer.notifications.messaging.Messaging;
import org.opendialer.notifications.voice.VoiceNotifications;
import org.opendialer.store.Database;

/**
 * The HTTP server, assembled in one place. Order of the router: canonical-path check, body limit, then the
 * operations of {@code openapi.yaml} (each: scope check, contract validation, handler), then health, metrics, the
 * token endpoint, the document, its /docs page and the web pages; failures of all of them end as problem+json.
 */
public final class HttpApi {

    static final String CONTRACT = "openapi/openapi.yaml";
    private static final long BODY_LIMIT = 1024 * 1024;
    /** Failed token requests allowed per client id, and per source address, in each window (README: API). */
    static final int FAILURES_PER_CLIENT = 10;
    static final int FAILURES_PER_SOURCE = 30;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);

    private final HttpServer server;
    private final ExecutorService hashing;

    private HttpApi(HttpServer server, ExecutorService hashing) {
        this.server = server;
        this.hashing = hashing;
    }

    /**
     * What the server needs from the rest of the node.
     *
     * @param readiness what {@code /health/ready} checks besides the database
     */
    public record Deps(Database database, ClientStore clients, TokenService tokens, Blocking blocking,
                       PrometheusMeterRegistry metrics, Messaging messaging, VoiceNotifications calls,
                       java.util.List<HealthApi.Check> readiness, FlowStore flows, DidRoutes dids,
                       Acd acd, org.opendialer.ivr.run.FlowExecutions flowExecutions,
                       org.opendialer.api.desktop.Desktop desktop,
                       org.opendialer.contacts.dnc.external.ExternalDncLists externalDnc) {
    }

    public static Future<HttpApi> start(Vertx vertx, ApiConfig config, Deps deps) {
        String document = readContract();
        ThreadPoolExecutor hashing = TokenEndpoint.hashingPool();
        return OpenAPIContract.from(vertx, forValidator(yamlToJson(document))).compose(contract -> {
            Router router = buildRouter(vertx, contract, document, deps, hashing);
            HttpServerOptions options = new HttpServerOptions().setHost(config.bindAddress()).setPort(config.port())
                    .setIdleTimeout(config.idleTimeoutSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS)
                    // No cleartext HTTP/2 upgrade: a JDK client's h2c upgrade of a GET was seen to hang until the
                    // idle timeout; the API is served over HTTP/1.1.
                    .setHttp2ClearTextEnabled(false);
            if (config.tls().enabled()) {
                options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                        .setCertPath(config.tls().certFile()).setKeyPath(config.tls().keyFile()));
            }
            return vertx.createHttpServer(options).requestHandler(router).listen();
        }).map(server -> new HttpApi(server, hashing)).onFailure(e -> hashing.shutdownNow());
    }

    private static Router buildRouter(Vertx vertx, OpenAPIContract contract, String document, Deps deps, Executor hashing) {
        RouterBuilder rb = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
        rb.rootHandler(new RequestContext());
        rb.rootHandler(new CanonicalRequests());
        // No operation takes file uploads yet; without this Vert.x creates ./file-uploads at start.
        // except the DNC and contact list CSV uploads, streamed by their handlers whatever their size
        rb.rootHandler(OutboundRoutes.unlessStreamed(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)));
        ClientsApi clients = new ClientsApi(deps.clients(), deps.blocking());
        route(rb, "listOAuthClients").addHandler(clients::list);
        route(rb, "createOAuthClient").addHandler(clients::create);
        route(rb, "getOAuthClient").addHandler(clients::get);
        MessagingRoutes.operations(rb, deps.messaging(), deps.blocking());
        CallsApi.operations(rb, deps.calls(), deps.blocking());
        OutboundRoutes outbound = new OutboundRoutes(deps.database().dataSource(), deps.messaging().ledger(), deps.blocking(),
                Clock.systemUTC(), deps.externalDnc());
        outbound.operations(rb);
        FlowsApi.operations(rb, deps.flows(), deps.flows().directory(), deps.blocking());
        DidRoutesApi.operations(rb, deps.dids(), deps.blocking());
        org.opendialer.api.flows.FlowExecutionsApi.operations(rb, deps.flowExecutions(), deps.blocking());
        RoutingRoutes.operations(rb, deps.acd(), deps.blocking());
        org.opendialer.api.desktop.DesktopRoutes.operations(rb, deps.desktop(), deps.blocking());
        // Every operation, bound or not: scope check first, then validation, then the handlers.
        ApiGuard guard = new ApiGuard(deps.tokens());
        guard.install(rb, new ContractValidation(vertx, contract)::forOperation);
        Router router = rb.createRouter();

        HealthApi health = new HealthApi(deps.database(), deps.blocking(), deps.readiness());
        router.get("/health").handler(health::health);
        router.get("/health/ready").handler(health::ready);
        router.get("/health/live").handler(health::live);
        router.get("/metrics").handler(PrometheusScrapingHandler.create(deps.metrics()));
        router.post("/oauth/token").handler(new TokenEndpoint(deps.clients(), deps.tokens(), deps.blocking(), deps.metrics(),
                new TokenThrottle(FAILURES_PER_CLIENT, FAILURES_PER_SOURCE, FAILURE_WINDOW, Clock.systemUTC()), hashing));
        MessagingRoutes.publicRoutes(router, deps.messaging(), deps.blocking());
        org.opendialer.api.desktop.DesktopRoutes.publicRoutes(router, deps.desktop(), deps.tokens(), deps.blocking(), hashing);
        outbound.streamedRoutes(router, guard);
        // The same document for token holders at its old place, and public (with its reference page) outside /api.
        guard.protect(router.get("/api/v2/openapi.yaml")).handler(DocsPage.serveDocument(document));
        DocsPage.install(router, document);
        // Anything else under /api: a token first, then 404, so unknown paths say no more than known ones.
        guard.protect(router.route("/api/*")).handler(rc -> Problem.of("not-found", 404, "Not Found",
                "no resource at " + rc.request().method() + " " + rc.request().path()).send(rc));
        router.get("/*").handler(StaticHandler.create("webroot"));
        ErrorHandlers.install(router);
        ApiGuard.requireGuarded(router);
        return router;
    }

    /**
     * The validator (vertx-openapi) accepts only JSON-like and multipart media types. The served document keeps
     * the whole truth; the copy it validates against drops the form-encoded token endpoint (routed by hand) and
     * the problem+json error bodies (written by {@link Problem}, never validated); alternative security
     * requirements are folded for the guard ({@link ApiGuard#foldAlternatives}).
     */
    static JsonObject forValidator(JsonObject contract) {
        contract.getJsonObject("paths").remove("/oauth/token");
        contract.getJsonObject("paths").remove(MessagingRoutes.UNSUBSCRIBE_PATH);
        contract.getJsonObject("paths").remove(OutboundRoutes.UPLOAD_PATH);
        contract.getJsonObject("paths").remove(OutboundRoutes.CONTACTS_UPLOAD_PATH);
        dropProblemContent(contract);
        ApiGuard.foldAlternatives(contract);
        return contract;
    }

    /** Media types only ever written by handlers (problems, downloads), which the validator cannot read. */
    private static final java.util.Set<String> UNVALIDATED = java.util.Set.of(Problem.CONTENT_TYPE, "text/csv", "application/pdf");

    private static void dropProblemContent(Object node) {
        if (node instanceof JsonObject o) {
            UNVALIDATED.forEach(o::remove);
            o.forEach(e -> dropProblemContent(e.getValue()));
        } else if (node instanceof io.vertx.core.json.JsonArray a) {
            a.forEach(HttpApi::dropProblemContent);
        }
    }

    private static OpenAPIRoute route(RouterBuilder rb, String operationId) {
        OpenAPIRoute r = rb.getRoute(operationId);
        if (r == null) {
            throw new IllegalStateException("operation " + operationId + " missing from " + CONTRACT);
        }
        return r;
    }

    static String readContract() {
        return resource(CONTRACT);
    }

    static String resource(String name) {
        try (InputStream in = HttpApi.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject yamlToJson(String yaml) {
        try {
            return new JsonObject(new ObjectMapper().writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(yaml)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port actually bound (useful when the configuration says 0). */
    public int port() {
        return server.actualPort();
    }

    public Future<Void> close() {
        return server.close().andThen(ar -> hashing.shutdown());
    }
}
