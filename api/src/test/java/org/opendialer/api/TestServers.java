package org.opendialer.api;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.config.DialerConfig;
import org.opendialer.api.server.DialerServer;

/** Boots whole nodes for tests: random API port, embedded PostgreSQL in a temporary directory. */
public final class TestServers {

    private TestServers() {
    }

    static DialerConfig config(Path dataDir) {
        return new ConfigLoader().load(null, Map.of("DIALER_API_PORT", "0", "DIALER_SIP_PORT", "0", "DIALER_DATA_DIR", dataDir.toString()));
    }

    static DialerServer start(Path dataDir, Map<String, String> env) {
        return DialerServer.start(config(dataDir), env);
    }

    /** An access token for this client from the server at {@code base}, with all the client's scopes. */
    public static String token(String base, String id, String secret) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                        + URLEncoder.encode(id, StandardCharsets.UTF_8) + "&client_secret="
                        + URLEncoder.encode(secret, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token for " + id + ": " + r.statusCode() + " " + r.body());
        }
        return new JsonObject(r.body()).getString("access_token");
    }
}
