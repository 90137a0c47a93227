package org.opendialer.api.outbound;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.opendialer.api.TestServers;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.server.DialerServer;

/** A whole node (embedded PostgreSQL in {@code dir}) and a token with the campaigns and messaging scopes. */
record OutboundNode(DialerServer server, String base, String token, HttpClient http) implements AutoCloseable {

    static OutboundNode start(Path dir) throws Exception {
        return start(dir, Map.of());
    }

    /** @param env further DIALER_* variables the node's configuration is read with */
    static OutboundNode start(Path dir, Map<String, String> env) throws Exception {
        Map<String, String> vars = new java.util.HashMap<>(env);
        vars.putAll(Map.of("DIALER_API_PORT", "0", "DIALER_SIP_PORT", "0", "DIALER_DATA_DIR", dir.toString()));
        var config = new ConfigLoader().load(null, vars);
        DialerServer server = DialerServer.start(config, Map.of("DIALER_ADMIN_CLIENT_ID", "admin",
                "DIALER_ADMIN_CLIENT_SECRET", "admin-secret-0123456789"));
        String base = "http://127.0.0.1:" + server.apiPort();
        OutboundNode admin = new OutboundNode(server, base, TestServers.token(base, "admin", "admin-secret-0123456789"),
                HttpClient.newHttpClient());
        JsonObject client = new JsonObject(admin.send("POST", "/api/v2/oauth/clients", "application/json",
                "{\"name\":\"outbound\",\"scopes\":[\"campaigns\",\"messaging\"]}").body());
        return new OutboundNode(server, base, TestServers.token(base, client.getString("clientId"), client.getString("clientSecret")),
                admin.http());
    }

    HttpResponse<String> send(String method, String path, String type, String body) throws Exception {
        return send(method, path, token, type, body);
    }

    HttpResponse<String> send(String method, String path, String bearer, String type, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + bearer)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.close();
    }
}
