package org.opendialer.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.server.DialerServer;
import org.opendialer.store.testing.Await;

/**
 * The ACD over HTTP on a real server and PostgreSQL, with a token holding only the {@code routing} scope: skills,
 * wrap-up codes, queues, users with skills and memberships, the list envelope, and an agent's routing status
 * through an offer made by the server's own router (alert, no answer, not responding, answer, wrap-up).
 */
class RoutingApiScenarioTest {

    static final String ADMIN_ID = "routing-admin";
    static final String ADMIN_SECRET = "routing-admin-secret-0123456789";

    @TempDir
    static Path tmp;
    static DialerServer server;
    static String base;
    static String token;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void boot() throws Exception {
        server = TestServers.start(tmp.resolve("pg"), Map.of("DIALER_ADMIN_CLIENT_ID", ADMIN_ID,
                "DIALER_ADMIN_CLIENT_SECRET", ADMIN_SECRET));
        base = "http://127.0.0.1:" + server.apiPort();
        String admin = TestServers.token(base, ADMIN_ID, ADMIN_SECRET);
        HttpResponse<String> r = send("POST", "/api/v2/oauth/clients", admin, "{\"name\":\"supervisor\",\"scopes\":[\"routing\"]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonObject c = new JsonObject(r.body());
        token = TestServers.token(base, c.getString("clientId"), c.getString("clientSecret"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void skillsAndWrapupCodesArePagedVersionedAndUnique() throws Exception {
        for (String name : new String[] {"spanish", "billing", "retention"}) {
            assertThat(post("/api/v2/routing/skills", "{\"name\":\"" + name + "\"}").statusCode()).isEqualTo(201);
        }
        HttpResponse<String> dup = post("/api/v2/routing/skills", "{\"name\":\"spanish\"}");
        assertThat(dup.statusCode()).isEqualTo(409);
        assertThat(dup.headers().firstValue("Content-Type")).contains("application/problem+json");

        JsonObject page = get("/api/v2/routing/skills?pageSize=2&pageNumber=2");
        assertThat(page.getInteger("pageSize")).isEqualTo(2);
        assertThat(page.getInteger("pageNumber")).isEqualTo(2);
        assertThat(page.getInteger("total")).isGreaterThanOrEqualTo(3);
        assertThat(page.getInteger("pageCount")).isEqualTo((page.getInteger("total") + 1) / 2);
        assertThat(page.getString("selfUri")).isEqualTo("/api/v2/routing/skills?pageSize=2&pageNumber=2");
        assertThat(page.getString("previousUri")).isEqualTo("/api/v2/routing/skills?pageSize=2&pageNumber=1");
        JsonObject first = get("/api/v2/routing/skills");
        assertThat(first.getInteger("pageSize")).isEqualTo(25);
        assertThat(first.getString("previousUri")).as("null on the first page").isNull();
        assertThat(send("GET", "/api/v2/routing/skills?pageSize=501", token, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/v2/routing/skills?pageNumber=0", token, null).statusCode()).isEqualTo(400);

        JsonObject code = new JsonObject(post("/api/v2/routing/wrapupcodes", "{\"name\":\"Resolved\"}").body());
        assertThat(code.getInteger("version")).isEqualTo(1);
        assertThat(code.getString("selfUri")).isEqualTo("/api/v2/routing/wrapupcodes/" + code.getString("id"));
        String self = code.getString("selfUri");
        HttpResponse<String> renamed = send("PUT", self, token, "{\"name\":\"Resolved - first call\",\"version\":1}");
        assertThat(new JsonObject(renamed.body()).getInteger("version")).isEqualTo(2);
        assertThat(send("PUT", self, token, "{\"name\":\"stale\",\"version\":1}").statusCode()).isEqualTo(409);
        assertThat(send("DELETE", self, token, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", self, token, null).statusCode()).isEqualTo(404);
    }

    @Test
    void queuesKeepTheirSettingsAndRefuseBadOnes() throws Exception {
        String spill = new JsonObject(post("/api/v2/routing/queues", "{\"name\":\"spill\"}").body()).getString("id");
        String skill = new JsonObject(post("/api/v2/routing/skills", "{\"name\":\"gold-" + UUID.randomUUID() + "\"}").body()).getString("id");
        HttpResponse<String> r = post("/api/v2/routing/queues", """
                {"name":"support","priority":3,"alertingTimeoutSeconds":10,"acwSettings":{"timeoutSeconds":45},
                 "skillRelaxation":{"afterSeconds":60,"skillsToRemove":[{"id":"%s"}]},
                 "queueTimeout":{"afterSeconds":300,"overflowQueue":{"id":"%s"}},
                 "announcements":{"musicOnHold":"jazz","positionAnnouncement":true,"intervalSeconds":20}}""".formatted(skill, spill));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonObject q = new JsonObject(r.body());
        assertThat(r.headers().firstValue("Location")).contains("/api/v2/routing/queues/" + q.getString("id"));
        JsonObject read = get("/api/v2/routing/queues/" + q.getString("id"));
        assertThat(read.getInteger("priority")).isEqualTo(3);
        assertThat(read.getJsonObject("acwSettings").getInteger("timeoutSeconds")).isEqualTo(45);
        assertThat(read.getJsonObject("skillRelaxation").getJsonArray("skillsToRemove").getJsonObject(0).getString("id")).isEqualTo(skill);
        assertThat(read.getJsonObject("queueTimeout").getJsonObject("overflowQueue").getString("id")).isEqualTo(spill);
        assertThat(read.getJsonObject("announcements").getBoolean("positionAnnouncement")).isTrue();
        assertThat(read.getString("dateCreated")).isNotNull();

        String self = "/api/v2/routing/queues/" + q.getString("id");
        HttpResponse<String> bad = send("PUT", self, token, "{\"name\":\"support\",\"alertingTimeoutSeconds\":0}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(bad.body()).getString("type")).isNotBlank();
        HttpResponse<String> self2 = send("PUT", self, token, "{\"name\":\"support\",\"queueTimeout\":{\"afterSeconds\":5,\"overflowQueue\":{\"id\":\""
                + q.getString("id") + "\"}}}");
        assertThat(self2.statusCode()).isEqualTo(400);
        assertThat(self2.body()).contains("into itself");
        HttpResponse<String> nowhere = send("PUT", self, token, "{\"name\":\"support\",\"queueTimeout\":{\"afterSeconds\":5,\"overflowQueue\":{\"id\":\""
                + UUID.randomUUID() + "\"}}}");
        assertThat(nowhere.statusCode()).isEqualTo(400);
        assertThat(send("PUT", self, token, "{\"name\":\"spill\"}").statusCode()).isEqualTo(409);
        assertThat(send("GET", "/api/v2/routing/queues/" + UUID.randomUUID(), token, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v2/routing/queues", tokenWith("calls"), null).statusCode()).isEqualTo(403);
    }

    @Test
    void anAgentIsOfferedByTheServersRouterAndItsStatusFollowsTheTable() throws Exception {
        String skill = new JsonObject(post("/api/v2/routing/skills", "{\"name\":\"es-" + UUID.randomUUID() + "\"}").body()).getString("id");
        String queueName = "sales-" + UUID.randomUUID();
        String queue = new JsonObject(post("/api/v2/routing/queues",
                "{\"name\":\"" + queueName + "\",\"alertingTimeoutSeconds\":1}").body()).getString("id");
        HttpResponse<String> created = post("/api/v2/users",
                "{\"name\":\"Ana Ruiz\",\"email\":\"ana@example.com\",\"sipUser\":\"ana\",\"sipPassword\":\"ana-secret-1\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject ana = new JsonObject(created.body());
        assertThat(ana.containsKey("sipPassword")).isFalse();
        assertThat(ana.getJsonObject("routingStatus").getString("status")).isEqualTo("offline");
        String user = "/api/v2/users/" + ana.getString("id");

        assertThat(post(user + "/routingskills", "{\"id\":\"" + skill + "\",\"proficiency\":6}").statusCode()).isEqualTo(400);
        assertThat(post(user + "/routingskills", "{\"id\":\"" + UUID.randomUUID() + "\",\"proficiency\":3}").statusCode()).isEqualTo(400);
        HttpResponse<String> withSkill = post(user + "/routingskills", "{\"id\":\"" + skill + "\",\"proficiency\":4}");
        assertThat(new JsonObject(withSkill.body()).getInteger("proficiency")).isEqualTo(4);
        assertThat(get(user + "/routingskills").getJsonArray("entities")).hasSize(1);
        assertThat(post("/api/v2/routing/queues/" + queue + "/members", "[{\"id\":\"" + ana.getString("id") + "\"}]").statusCode()).isEqualTo(204);
        assertThat(post("/api/v2/routing/queues/" + queue + "/members", "[{\"id\":\"" + UUID.randomUUID() + "\"}]").statusCode()).isEqualTo(404);
        JsonArray members = get("/api/v2/routing/queues/" + queue + "/members").getJsonArray("entities");
        assertThat(members).hasSize(1);
        assertThat(members.getJsonObject(0).getJsonObject("user").getString("id")).isEqualTo(ana.getString("id"));
        assertThat(get(user + "/queues").getJsonArray("entities").getJsonObject(0).getString("id")).isEqualTo(queue);

        assertThat(status(user, "{\"status\":\"onCall\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> avail = status(user, "{\"status\":\"available\"}");
        assertThat(new JsonObject(avail.body()).getString("status")).isEqualTo("available");

        // the server's router offers the interaction; nobody answers within the queue's 1 s alert (awaited by its
        // lasting result: polling could miss a 1 s state on a busy machine)
        UUID interaction = server.acd().router().enqueue(UUID.fromString(queue), null, Set.of(UUID.fromString(skill)));
        Await.value("Ana not responding", WAIT, () -> statusIf(user, "notResponding"));
        assertThat(get("/api/v2/routing/queues/" + queue + "/statistics").getInteger("waiting")).isEqualTo(1);

        // What an alert forbids is checked on an alert that cannot run out meanwhile: a 1 s one would race the
        // requests below. Offers take the queue's alert time when they are made.
        assertThat(send("PUT", "/api/v2/routing/queues/" + queue, token, new JsonObject().put("name", queueName)
                .put("alertingTimeoutSeconds", 300).encode()).statusCode()).isEqualTo(200);
        status(user, "{\"status\":\"available\"}");
        JsonObject alerted = Await.value("Ana alerted again", WAIT, () -> statusIf(user, "alerting"));
        assertThat(alerted.getJsonObject("interaction").getString("id")).isEqualTo(interaction.toString());
        HttpResponse<String> refused = status(user, "{\"status\":\"offline\"}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(send("DELETE", user, token, null).statusCode()).as("an alerted agent is not deleted").isEqualTo(409);

        // answers, hangs up, ends wrap-up early
        UUID anaId = UUID.fromString(ana.getString("id"));
        server.acd().router().answered(anaId);
        assertThat(statusOf(user).getString("status")).isEqualTo("onCall");
        server.acd().router().hungUp(anaId);
        assertThat(statusOf(user).getString("status")).isEqualTo("wrapUp");
        assertThat(statusOf(user).getString("endTime")).isNotNull();
        HttpResponse<String> onBreak = status(user, "{\"status\":\"break\",\"reason\":\"lunch\"}");
        assertThat(new JsonObject(onBreak.body()).getString("reason")).isEqualTo("lunch");

        // a caller who hangs up while waiting is counted
        UUID gone = server.acd().router().enqueue(UUID.fromString(queue), null, Set.of());
        server.acd().router().abandoned(gone);
        JsonObject stats = get("/api/v2/routing/queues/" + queue + "/statistics");
        assertThat(stats.getInteger("abandoned")).isEqualTo(1);
        assertThat(stats.getJsonObject("membersByStatus").getInteger("break")).isEqualTo(1);

        JsonObject patched = new JsonObject(send("PATCH", user, token, "{\"version\":1,\"name\":\"Ana Ruiz Soto\"}").body());
        assertThat(patched.getString("name")).isEqualTo("Ana Ruiz Soto");
        assertThat(patched.getString("email")).isEqualTo("ana@example.com");
        assertThat(send("PATCH", user, token, "{\"version\":1,\"name\":\"again\"}").statusCode()).isEqualTo(409);
        assertThat(send("DELETE", "/api/v2/routing/queues/" + queue + "/members/" + anaId, token, null).statusCode()).isEqualTo(204);
        assertThat(get(user + "/queues").getInteger("total")).isZero();
    }

    /** Failure bound for the server's router (it ticks every 500 ms) to reach a status. */
    static final java.time.Duration WAIT = java.time.Duration.ofSeconds(15);

    /** The agent's routing status when it is {@code status}, else null (for {@link Await#value}). */
    static JsonObject statusIf(String user, String status) {
        JsonObject now = statusOf(user);
        return now.getString("status").equals(status) ? now : null;
    }

    static JsonObject statusOf(String user) {
        try {
            return get(user + "/routingstatus");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> status(String user, String body) throws Exception {
        return send("PUT", user + "/routingstatus", token, body);
    }

    static String tokenWith(String scope) throws Exception {
        String admin = TestServers.token(base, ADMIN_ID, ADMIN_SECRET);
        JsonObject c = new JsonObject(send("POST", "/api/v2/oauth/clients", admin,
                "{\"name\":\"only " + scope + "\",\"scopes\":[\"" + scope + "\"]}").body());
        return TestServers.token(base, c.getString("clientId"), c.getString("clientSecret"));
    }

    static JsonObject get(String path) throws Exception {
        HttpResponse<String> r = send("GET", path, token, null);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return send("POST", path, token, body);
    }

    static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
