package org.opendialer.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.server.DialerServer;

/** The whole server on a random port over a real (embedded) PostgreSQL, driven by a plain HTTP client. */
class ApiServerTest {

    static final String ADMIN_ID = "test-admin";
    static final String ADMIN_SECRET = "test-admin-secret-0123456789";

    @TempDir
    static Path tmp;
    static DialerServer server;
    static String base;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void boot() {
        server = TestServers.start(tmp.resolve("pg"), Map.of("DIALER_ADMIN_CLIENT_ID", ADMIN_ID,
                "DIALER_ADMIN_CLIENT_SECRET", ADMIN_SECRET));
        base = "http://127.0.0.1:" + server.apiPort();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<String> send(HttpRequest.Builder req) throws Exception {
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> tokenRequest(String basicUser, String basicSecret, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (basicUser != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (basicUser + ":" + basicSecret).getBytes(StandardCharsets.UTF_8)));
        }
        return send(b);
    }

    static String token(String id, String secret, String scope) throws Exception {
        HttpResponse<String> r = tokenRequest(id, secret, "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + scope));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getString("access_token");
    }

    static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    static HttpResponse<String> postJson(String path, String token, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void healthReportsTheDatabase() throws Exception {
        HttpResponse<String> r = get("/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject body = new JsonObject(r.body());
        assertThat(body.getString("status")).isEqualTo("UP");
        assertThat(body.getJsonObject("checks").getString("database")).isEqualTo("UP");
    }

    @Test
    void tokenByBasicAuthAndByFormParameters() throws Exception {
        HttpResponse<String> basic = tokenRequest(ADMIN_ID, ADMIN_SECRET, "grant_type=client_credentials");
        assertThat(basic.statusCode()).isEqualTo(200);
        JsonObject t = new JsonObject(basic.body());
        assertThat(t.getString("token_type")).isEqualTo("Bearer");
        assertThat(t.getInteger("expires_in")).isEqualTo(3600);
        assertThat(t.getString("scope")).isEqualTo("admin");
        assertThat(basic.headers().firstValue("Cache-Control")).contains("no-store");

        HttpResponse<String> form = tokenRequest(null, null, "grant_type=client_credentials&client_id=" + ADMIN_ID
                + "&client_secret=" + ADMIN_SECRET);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(get("/api/v2/oauth/clients", new JsonObject(form.body()).getString("access_token")).statusCode()).isEqualTo(200);
    }

    @Test
    void tokenErrorsFollowRfc6749() throws Exception {
        HttpResponse<String> wrong = tokenRequest(ADMIN_ID, "not-the-secret", "grant_type=client_credentials");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(wrong.body()).getString("error")).isEqualTo("invalid_client");
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));

        HttpResponse<String> grant = tokenRequest(ADMIN_ID, ADMIN_SECRET, "grant_type=password");
        assertThat(grant.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(grant.body()).getString("error")).isEqualTo("unsupported_grant_type");

        HttpResponse<String> both = tokenRequest(ADMIN_ID, ADMIN_SECRET, "grant_type=client_credentials&client_id=x&client_secret=y");
        assertThat(new JsonObject(both.body()).getString("error")).isEqualTo("invalid_request");
    }

    @Test
    void noTokenIs401AndBadTokenIs401() throws Exception {
        HttpResponse<String> none = get("/api/v2/oauth/clients", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

        HttpResponse<String> forged = get("/api/v2/oauth/clients", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.AAAA");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(forged.body()).getString("detail")).contains("invalid");
    }

    @Test
    void clientLifecycleAndWrongScopeIs403() throws Exception {
        String admin = token(ADMIN_ID, ADMIN_SECRET, null);
        HttpResponse<String> created = postJson("/api/v2/oauth/clients", admin, "{\"name\":\"crm\",\"scopes\":[\"calls\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject c = new JsonObject(created.body());
        assertThat(c.getJsonArray("scopes")).isEqualTo(new JsonArray().add("calls"));
        String id = c.getString("clientId");
        String secret = c.getString("clientSecret");
        assertThat(secret).hasSizeGreaterThan(30);

        JsonObject list = new JsonObject(get("/api/v2/oauth/clients", admin).body());
        assertThat(list.getJsonArray("entities").stream().map(o -> ((JsonObject) o).getString("clientId"))).contains(id);
        assertThat(list.encode()).doesNotContain(secret).doesNotContain("secret_hash");

        String calls = token(id, secret, "calls");
        HttpResponse<String> forbidden = get("/api/v2/oauth/clients", calls);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(new JsonObject(forbidden.body()).getString("detail")).contains("admin");

        HttpResponse<String> escalate = tokenRequest(id, secret, "grant_type=client_credentials&scope=admin");
        assertThat(escalate.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(escalate.body()).getString("error")).isEqualTo("invalid_scope");
    }

    @Test
    void malformedBodyIs400ProblemNamingTheField() throws Exception {
        String admin = token(ADMIN_ID, ADMIN_SECRET, null);
        HttpResponse<String> badScope = postJson("/api/v2/oauth/clients", admin, "{\"name\":\"x\",\"scopes\":[\"root\"]}");
        assertThat(badScope.statusCode()).isEqualTo(400);
        assertThat(badScope.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonObject p = new JsonObject(badScope.body());
        assertThat(p.getInteger("status")).isEqualTo(400);
        assertThat(fields(p)).containsExactly("/scopes/0");
        assertThat(p.getJsonArray("errors").getJsonObject(0).getString("reason")).contains("calls");

        HttpResponse<String> missing = postJson("/api/v2/oauth/clients", admin, "{\"scopes\":[\"calls\"]}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(fields(new JsonObject(missing.body()))).containsExactly("/name");

        HttpResponse<String> extra = postJson("/api/v2/oauth/clients", admin, "{\"name\":\"x\",\"scopes\":[\"calls\"],\"owner\":1}");
        assertThat(extra.statusCode()).isEqualTo(400);
        assertThat(fields(new JsonObject(extra.body()))).containsExactly("/owner");

        HttpResponse<String> notJson = postJson("/api/v2/oauth/clients", admin, "{name:");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    static java.util.List<String> fields(JsonObject problem) {
        return problem.getJsonArray("errors").stream().map(o -> ((JsonObject) o).getString("field")).toList();
    }

    @Test
    void unknownApiPathNeedsATokenThenIs404Problem() throws Exception {
        assertThat(get("/api/v2/nothing-here", null).statusCode()).isEqualTo(401);
        HttpResponse<String> r = get("/api/v2/nothing-here", token(ADMIN_ID, ADMIN_SECRET, null));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void openApiDocumentIsServedToTokenHolders() throws Exception {
        assertThat(get("/api/v2/openapi.yaml", null).statusCode()).isEqualTo(401);
        HttpResponse<String> r = get("/api/v2/openapi.yaml", token(ADMIN_ID, ADMIN_SECRET, null));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("openapi: 3.1.0").contains("/api/v2/oauth/clients");
    }

    @Test
    void metricsScrapeInPrometheusFormat() throws Exception {
        token(ADMIN_ID, ADMIN_SECRET, null);
        HttpResponse<String> r = get("/metrics", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("# TYPE jvm_memory_used_bytes gauge")
                .contains("dialer_oauth_tokens_issued_total")
                .contains("hikaricp_connections");
    }

    @Test
    void sipRefusalsAreCountedOnMetrics() throws Exception {
        assertThat(get("/metrics", null).body()).contains("dialer_sip_refusals_total{reason=\"untrusted_source\"} 0.0")
                .contains("dialer_sip_legs_active").contains("dialer_sip_registrations");
        // This node has no trunk, so any INVITE is a stranger's: answered 403 and counted, not logged per request.
        try (java.net.DatagramSocket udp = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            udp.setSoTimeout(5_000);
            String local = "127.0.0.1:" + udp.getLocalPort();
            byte[] invite = ("INVITE sip:100@127.0.0.1:" + server.sipPort() + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP " + local + ";branch=z9hG4bK-metrics-1\r\n"
                    + "From: <sip:100@127.0.0.1>;tag=m1\r\nTo: <sip:100@127.0.0.1>\r\n"
                    + "Call-ID: metrics-1@127.0.0.1\r\nCSeq: 1 INVITE\r\nContact: <sip:100@" + local + ">\r\n"
                    + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            udp.send(new java.net.DatagramPacket(invite, invite.length, java.net.InetAddress.getLoopbackAddress(),
                    server.sipPort()));
            java.net.DatagramPacket answer = new java.net.DatagramPacket(new byte[4096], 4096);
            udp.receive(answer);
            assertThat(new String(answer.getData(), 0, answer.getLength(), StandardCharsets.US_ASCII)).startsWith("SIP/2.0 403");
        }
        assertThat(get("/metrics", null).body()).contains("dialer_sip_refusals_total{reason=\"untrusted_source\"} 1.0");
    }
}
