package org.opendialer.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.server.DialerServer;

/**
 * The contract is public outside /api and /docs renders it in a real browser (Debian's headless Chromium, which
 * .ci/run installs) with every host but the server unresolvable, so the page works with nothing from outside.
 */
class DocsPageTest {

    @TempDir
    static Path tmp;
    static DialerServer server;
    static String base;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void boot() {
        server = TestServers.start(tmp.resolve("pg"), Map.of());
        base = "http://127.0.0.1:" + server.apiPort();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void documentIsPublicOutsideApi() throws Exception {
        HttpResponse<String> r = get("/openapi.yaml");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
        assertThat(r.body()).startsWith("openapi: 3.1.0");
        assertThat(get("/api/v2/openapi.yaml").statusCode()).as("the /api copy still needs a token").isEqualTo(401);
    }

    @Test
    void swaggerUiFilesComeFromTheServer() throws Exception {
        assertThat(get("/docs").body()).contains("/docs/ui/swagger-ui-bundle.js").contains("/openapi.yaml");
        HttpResponse<String> bundle = get("/docs/ui/swagger-ui-bundle.js");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.body()).contains("SwaggerUIBundle");
    }

    @Test
    void pageShowsTheOperationsInHeadlessChromium() throws Exception {
        String dom = dumpDom(base + "/docs");
        // Swagger UI renders one block per operation with its operationId-derived anchor and path.
        assertThat(dom).contains("opblock").contains("/api/v2/oauth/clients").contains("/api/v2/calls")
                .contains("opendialer API");
    }

    /** The DOM after scripts ran, from Chromium run as a process; fails (not skips) when Chromium is missing. */
    static String dumpDom(String url) throws Exception {
        String chromium = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream()
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst()
                .orElseThrow(() -> new AssertionError("headless Chromium is needed: apt-get install chromium (.ci/run does)"));
        Path profile = Files.createTempDirectory(tmp, "chromium");
        Path out = tmp.resolve("dom.html");
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile,
                // Anything but the server fails to resolve: a page that needed a CDN would render empty.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                // Swagger UI renders only the operations in the window once there are 150 (ops and tags): a window
                // taller than the whole page keeps every one of them in the DOM.
                "--window-size=1280,40000", "--virtual-time-budget=15000", "--dump-dom", url)
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Chromium did not finish in 90 s");
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
