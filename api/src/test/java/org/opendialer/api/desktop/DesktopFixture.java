package org.opendialer.api.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.opendialer.acd.routing.QueueRouter;
import org.opendialer.api.TestServers;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.server.DialerServer;
import org.opendialer.store.Database;

/**
 * A whole node for the desktop tests, plus what a second node would be: its own pool on the same PostgreSQL and a
 * {@link QueueRouter} over it, so changes made "elsewhere" must reach this node's streams through NOTIFY. Data are
 * made through the HTTP API with the admin token.
 */
final class DesktopFixture implements AutoCloseable {

    static final String ADMIN_ID = "desk-admin";
    static final String ADMIN_SECRET = "desk-admin-secret-0123456789";
    static final HttpClient http = HttpClient.newHttpClient();

    /** The call control the desktop uses in tests: records each call, then moves the state as a call layer would. */
    static final class RecordingCallControl implements AgentCallControl {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        private final QueueRouter router;

        RecordingCallControl(QueueRouter router) {
            this.router = router;
        }

        @Override
        public void hangup(UUID agentId) {
            calls.add("hangup " + agentId);
            router.hungUp(agentId);
        }

        @Override
        public void transferToQueue(UUID agentId, UUID queueId) {
            calls.add("transferToQueue " + agentId + " " + queueId);
        }

        @Override
        public void transferToNumber(UUID agentId, String e164) {
            calls.add("transferToNumber " + agentId + " " + e164);
        }
    }

    final DialerServer server;
    final String base;
    final String admin;
    final Database otherNode;
    final QueueRouter otherRouter;
    final RecordingCallControl control;

    DesktopFixture(Path dir) throws Exception {
        server = DialerServer.start(new ConfigLoader().load(null, Map.of("DIALER_API_PORT", "0", "DIALER_SIP_PORT", "0",
                "DIALER_DATA_DIR", dir.toString())), Map.of("DIALER_ADMIN_CLIENT_ID", ADMIN_ID, "DIALER_ADMIN_CLIENT_SECRET", ADMIN_SECRET));
        base = "http://127.0.0.1:" + server.apiPort();
        admin = TestServers.token(base, ADMIN_ID, ADMIN_SECRET);
        otherNode = Database.openForTool(server.config().database());
        otherRouter = new QueueRouter(otherNode.dataSource(), Clock.systemUTC());
        control = new RecordingCallControl(server.acd().router());
        server.desktop().use(control);
    }

    HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonObject ok(String method, String path, String token, String body) throws Exception {
        HttpResponse<String> r = send(method, path, token, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
        return r.body().isEmpty() ? new JsonObject() : new JsonObject(r.body());
    }

    String create(String path, String body) throws Exception {
        return ok("POST", path, admin, body).getString("id");
    }

    /** An agent with SIP credentials, a desktop password, a skill and a queue membership. */
    String agent(String name, String sipUser, String password, String queueId, String skillId) throws Exception {
        String id = create("/api/v2/users", new JsonObject().put("name", name).put("sipUser", sipUser)
                .put("sipPassword", "sip-" + password).encode());
        ok("PUT", "/api/v2/users/" + id + "/desktoppassword", admin, new JsonObject().put("password", password).encode());
        ok("POST", "/api/v2/routing/queues/" + queueId + "/members", admin, "[{\"id\":\"" + id + "\"}]");
        if (skillId != null) {
            ok("POST", "/api/v2/users/" + id + "/routingskills", admin, "{\"id\":\"" + skillId + "\",\"proficiency\":4}");
        }
        return id;
    }

    HttpResponse<String> signIn(String username, String password) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/agent/signin")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", username).put("password", password).encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    String agentToken(String username, String password) throws Exception {
        HttpResponse<String> r = signIn(username, password);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getString("access_token");
    }

    /** Enqueues on the other node and writes what a flow would have learnt (as the ACD's call layer does). */
    UUID enqueueElsewhere(String queueId, Set<UUID> skills, String customer, JsonObject participantData) throws Exception {
        UUID id = otherRouter.enqueue(UUID.fromString(queueId), null, skills);
        try (Connection c = otherNode.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE routing_interaction SET customer_address = ?, dialed_address = ?, call_id = ?, participant_data = ?::jsonb WHERE id = ?")) {
            s.setString(1, customer);
            s.setString(2, "+15550100200");
            s.setString(3, "call-" + id);
            s.setString(4, participantData.encode());
            s.setObject(5, id);
            s.executeUpdate();
        }
        return id;
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    @Override
    public void close() {
        otherNode.close();
        server.close();
    }
}
