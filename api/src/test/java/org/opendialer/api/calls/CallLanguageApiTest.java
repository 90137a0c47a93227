package org.opendialer.api.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.TestServers;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.server.DialerServer;

/**
 * {@code language} on POST /api/v2/calls is checked against the real espeak-ng before anything is stored: a
 * language it does not speak is a 400 naming it; one it speaks (or whose base language it speaks) passes on to the
 * next check, here the 422 of a node without trunks, so nothing is dialled either way.
 */
class CallLanguageApiTest {

    @TempDir
    static Path tmp;
    static DialerServer server;
    static String base;
    static String token;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = DialerServer.start(new ConfigLoader().load(null, Map.of("DIALER_API_PORT", "0", "DIALER_SIP_PORT",
                "0", "DIALER_DATA_DIR", tmp.resolve("pg").toString())), Map.of("DIALER_ADMIN_CLIENT_ID", "admin",
                "DIALER_ADMIN_CLIENT_SECRET", "admin-secret-0123456789"));
        base = "http://127.0.0.1:" + server.apiPort();
        token = TestServers.token(base, "admin", "admin-secret-0123456789");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> place(String language) throws Exception {
        JsonObject body = new JsonObject().put("to", "+12015550123").put("language", language)
                .put("human", new JsonObject().put("text", "안녕하세요"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/calls"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUnknownLanguageIsA400NamingItAndAKnownOneIsAccepted() throws Exception {
        HttpResponse<String> unknown = place("xx-YY");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new JsonObject(unknown.body()).getString("detail"))
                .startsWith("espeak-ng has no voice for language 'xx-YY' (it has: ").contains(" ko,");

        HttpResponse<String> malformed = place("-v");
        assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(400);
        assertThat(new JsonObject(malformed.body()).getString("detail")).startsWith("language: ");

        for (String known : new String[] {"ko", "fr-CA", "en"}) {
            HttpResponse<String> r = place(known);
            assertThat(r.statusCode()).as(known + ": " + r.body()).isEqualTo(422);
            assertThat(r.body()).as(known).contains("trunk");
        }
    }
}
