package org.opendialer.api.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The contract without a token and a reference page for it. The document only describes the API (every operation
 * still needs its token), so it is public; it lives outside /api, where {@code ApiGuard} requires a token on every
 * route. Swagger UI is served from its WebJar, so the page needs nothing from outside the server.
 */
final class DocsPage {

    static final String DOCUMENT_PATH = "/openapi.yaml";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private DocsPage() {
    }

    static void install(Router router, String document) {
        String page = HttpApi.resource("docs/index.html");
        router.get(DOCUMENT_PATH).handler(serveDocument(document));
        router.get("/docs").handler(rc -> rc.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page));
        router.get("/docs/ui/*").handler(StaticHandler.create(WEBJAR + swaggerUiVersion()));
    }

    /** The WebJar keeps its files under its version; read it from the jar so a version bump is the pom alone. */
    private static String swaggerUiVersion() {
        Properties p = new Properties();
        try (InputStream in = DocsPage.class.getClassLoader().getResourceAsStream(WEBJAR_POM)) {
            if (in == null) {
                throw new IllegalStateException("Swagger UI WebJar missing from the classpath (" + WEBJAR_POM + ")");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    static Handler<RoutingContext> serveDocument(String document) {
        return rc -> rc.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(document);
    }
}
