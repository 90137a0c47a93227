package org.opendialer.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.config.ApiConfig;
import org.opendialer.api.config.DialerConfig;
import org.opendialer.api.server.DialerServer;

/**
 * Bad input is a 400 problem, never a 500; failed token requests are throttled per client and per source with 429
 * and Retry-After; a half-sent request does not hold its connection open. One server, idle timeout 2 s.
 */
class ApiHardeningTest {

    static final String ADMIN_ID = "hardening-admin";
    static final String ADMIN_SECRET = "hardening-admin-secret-0123456789";
    static final int IDLE_TIMEOUT_S = 2;

    @TempDir
    static Path tmp;
    static DialerServer server;
    static String base;
    static String admin;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void boot() throws Exception {
        DialerConfig c = TestServers.config(tmp.resolve("pg"));
        ApiConfig api = new ApiConfig(c.api().bindAddress(), c.api().port(), c.api().tokenTtlSeconds(), IDLE_TIMEOUT_S, c.api().tls());
        server = DialerServer.start(new DialerConfig(api, c.database(), c.sip(), c.media(), c.logging(), c.messaging(), c.calls(), c.webhooks(), c.flows(),
                        c.secrets(), c.externalDnc()),
                Map.of("DIALER_ADMIN_CLIENT_ID", ADMIN_ID, "DIALER_ADMIN_CLIENT_SECRET", ADMIN_SECRET));
        base = "http://127.0.0.1:" + server.apiPort();
        admin = TestServers.token(base, ADMIN_ID, ADMIN_SECRET);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + admin).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void assertProblem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void listParametersAreOptionalAndBounded() throws Exception {
        assertThat(get("/api/v2/calls?state=completed&pageSize=20").statusCode()).isEqualTo(200);
        assertThat(get("/api/v2/calls").statusCode()).isEqualTo(200);
        assertThat(get("/api/v2/calls?pageNumber=5").statusCode()).isEqualTo(200);
        assertProblem(get("/api/v2/calls?pageNumber=2147483648"), 400);
        assertProblem(get("/api/v2/calls?pageSize=99999999999999999999"), 400);
        assertProblem(get("/api/v2/outbound/dnc/phone?pageNumber=2147483648"), 400);
        HttpResponse<String> max = get("/api/v2/outbound/dnc/phone?pageNumber=2147483647");
        assertThat(max.statusCode()).as(max.body()).isEqualTo(200);
    }

    @Test
    void malformedPercentEncodingInTheQueryIs400() throws Exception {
        assertThat(raw("GET /api/v2/calls?to=%zz")).startsWith("HTTP/1.1 400").contains("application/problem+json");
        assertThat(raw("GET /api/v2/outbound/dnc/phone?pageNumber=%")).startsWith("HTTP/1.1 400");
    }

    /** The validator used to read a string parameter that looks like JSON (E.164, 1.5, true) as a number or boolean. */
    @Test
    void stringParametersStayStrings() throws Exception {
        assertThat(get("/api/v2/calls?to=%2B15555550100").statusCode()).isEqualTo(200);
        assertThat(get("/api/v2/calls?to=15555550100").statusCode()).isEqualTo(200);
        assertThat(get("/api/v2/conversations/messages?address=%2B15555550100").statusCode()).isEqualTo(200);
        HttpResponse<String> added = post("/api/v2/outbound/dnc/phone", "{\"address\":\"+15555550123\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(get("/api/v2/outbound/dnc/phone/%2B15555550123").statusCode()).isEqualTo(200);
        // as written, the way an E.164 number is copied into a path: a plus in a path is a plus (RFC 3986)
        HttpResponse<String> literal = get("/api/v2/outbound/dnc/phone/+15555550123");
        assertThat(literal.statusCode()).as(literal.body()).isEqualTo(200);
        assertThat(new JsonObject(literal.body()).getString("address")).isEqualTo("+15555550123");
    }

    /** One request written by hand (java.net.http refuses to send malformed URIs); the answer's head and body. */
    static String raw(String requestLine) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.apiPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write((requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + admin
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void nulInAnyJsonStringIs400NamingTheField() throws Exception {
        String nul = "\\u0000";
        Map<String, String> bodies = Map.of(
                "/api/v2/oauth/clients", "{\"name\":\"x" + nul + "\",\"scopes\":[\"calls\"]}",
                "/api/v2/conversations/messages/templates", "{\"name\":\"t\",\"messengerType\":\"sms\",\"body\":\"hi" + nul + "\"}",
                "/api/v2/outbound/dnc/phone", "{\"address\":\"+15555550100\",\"note\":\"n" + nul + "\"}",
                "/api/v2/outbound/contactlists", "{\"name\":\"l\",\"csv\":\"phone\\n+15555550100" + nul + "\\n\",\"phoneColumns\":[\"phone\"]}",
                "/api/v2/conversations/messages/agentless", "{\"toAddress\":\"+15555550100\",\"toAddressMessengerType\":\"sms\","
                        + "\"textBody\":\"hi" + nul + "\"}");
        for (Map.Entry<String, String> e : bodies.entrySet()) {
            HttpResponse<String> r = post(e.getKey(), e.getValue());
            assertProblem(r, 400);
            assertThat(r.body()).as(e.getKey()).contains("NUL");
        }
        HttpResponse<String> r = post("/api/v2/oauth/clients", "{\"name\":\"x" + nul + "\",\"scopes\":[\"calls\"]}");
        assertThat(new JsonObject(r.body()).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/name");
        // an escaped backslash before u0000 is six ordinary characters, not a NUL
        assertThat(post("/api/v2/oauth/clients", "{\"name\":\"x\\\\u0000\",\"scopes\":[\"calls\"]}").statusCode()).isEqualTo(201);
    }

    static HttpResponse<String> tokenRequest(String id, String secret) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Ten failures for one client id lock that id (the right secret too) but not others; thirty from one source
     * lock the source. Runs last in effect: it locks 127.0.0.1 out of the token endpoint for a minute, and the
     * other tests of this class hold their token already.
     */
    @Test
    void failedTokenRequestsAreThrottledPerClientThenPerSource() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(tokenRequest(ADMIN_ID, "wrong-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = tokenRequest(ADMIN_ID, ADMIN_SECRET);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                assertThat(Integer.parseInt(v)).isBetween(1, 60));
        assertThat(new JsonObject(locked.body()).getString("error")).isEqualTo("too_many_requests");

        for (int i = 0; i < 20; i++) {
            assertThat(tokenRequest("cl_guess" + i, "wrong").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> source = tokenRequest("cl_never_tried", "wrong");
        assertThat(source.statusCode()).isEqualTo(429);
        assertThat(source.headers().firstValue("Retry-After")).isPresent();
        // the API itself stays open to token holders
        assertThat(get("/api/v2/oauth/clients").statusCode()).isEqualTo(200);
    }

    @Test
    void aHalfSentRequestIsClosedAfterTheIdleTimeout() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.apiPort())) {
            s.setSoTimeout((IDLE_TIMEOUT_S + 8) * 1000);
            OutputStream out = s.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            int read;
            try {
                read = in.read();
            } catch (SocketTimeoutException e) {
                read = -2;
            } catch (java.net.SocketException reset) {
                read = -1;
            }
            assertThat(read).as("-1 = closed by the server, -2 = still open after the deadline").isEqualTo(-1);
        }
    }
}
