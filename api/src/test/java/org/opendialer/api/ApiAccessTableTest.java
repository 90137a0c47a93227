package org.opendialer.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.auth.Scopes;
import org.opendialer.api.server.DialerServer;

/**
 * Every operation of the contract (read from openapi.yaml, so new ones are covered without editing this test),
 * under every spelling of its path, without a token and with a token of each scope: only the canonical spelling
 * with a token holding the operation's scope gets past the guard; every other spelling is refused before routing.
 */
class ApiAccessTableTest {

    static final String ADMIN_ID = "table-admin";
    static final String ADMIN_SECRET = "table-admin-secret-0123456789";

    @TempDir
    static Path tmp;
    static DialerServer server;
    static String base;
    static final HttpClient http = HttpClient.newHttpClient();
    /** Token per scope; the key null stands for "no token". */
    static final Map<String, String> tokens = new LinkedHashMap<>();

    /** @param scopes one set per security requirement: a token holding every scope of any one set may call it */
    record Op(String id, String method, String path, List<Set<String>> scopes) {
    }

    @BeforeAll
    static void boot() throws Exception {
        server = TestServers.start(tmp.resolve("pg"), Map.of("DIALER_ADMIN_CLIENT_ID", ADMIN_ID,
                "DIALER_ADMIN_CLIENT_SECRET", ADMIN_SECRET));
        base = "http://127.0.0.1:" + server.apiPort();
        String admin = TestServers.token(base, ADMIN_ID, ADMIN_SECRET);
        tokens.put(null, null);
        tokens.put(Scopes.ADMIN, admin);
        for (String scope : Scopes.FOR_CLIENTS.subList(1, Scopes.FOR_CLIENTS.size())) {
            HttpResponse<String> r = send("POST", "/api/v2/oauth/clients", admin,
                    "{\"name\":\"only " + scope + "\",\"scopes\":[\"" + scope + "\"]}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonObject c = new JsonObject(r.body());
            tokens.put(scope, TestServers.token(base, c.getString("clientId"), c.getString("clientSecret")));
        }
        // the agent scope belongs to a signed-in user, not to a client
        HttpResponse<String> user = send("POST", "/api/v2/users", admin, "{\"name\":\"Table agent\",\"sipUser\":\"table\"}");
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        String userId = new JsonObject(user.body()).getString("id");
        assertThat(send("PUT", "/api/v2/users/" + userId + "/desktoppassword", admin, "{\"password\":\"" + AGENT_PASSWORD + "\"}")
                .statusCode()).isEqualTo(204);
        tokens.put(Scopes.AGENT, agentToken());
    }

    static final String AGENT_PASSWORD = "table-agent-password";

    static String agentToken() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/agent/signin"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"table\",\"password\":\"" + AGENT_PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getString("access_token");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The /api operations of the contract, with the scopes each declares (or the document's default). */
    static List<Op> operations() throws Exception {
        JsonNode doc;
        try (InputStream in = ApiAccessTableTest.class.getClassLoader().getResourceAsStream("openapi/openapi.yaml")) {
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        List<Op> out = new ArrayList<>();
        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(m -> {
            if (!path.getKey().startsWith("/api/") || !Set.of("get", "post", "put", "patch", "delete").contains(m.getKey())) {
                return;
            }
            JsonNode security = m.getValue().has("security") ? m.getValue().get("security") : doc.get("security");
            List<Set<String>> scopes = new ArrayList<>();
            security.forEach(req -> {
                Set<String> all = new LinkedHashSet<>();
                req.properties().forEach(s -> s.getValue().forEach(v -> all.add(v.asText())));
                scopes.add(all);
            });
            out.add(new Op(m.getValue().get("operationId").asText(), m.getKey().toUpperCase(), concrete(path.getKey()), scopes));
        }));
        return out;
    }

    /** Fills path parameters with values of the right shape (nothing by these ids exists). */
    static String concrete(String template) {
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "channel" -> "phone";
                case "address" -> "15555550100";
                default -> "0b9f4c1e-5a7d-4e8b-9c3a-2f6d1e0a7b45";
            };
            m.appendReplacement(sb, value);
        }
        return m.appendTail(sb).toString();
    }

    /** Other spellings of {@code p} that a lenient router might take for it. */
    static Map<String, String> variants(String p) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("leading //", "/" + p);
        v.put("inner //", p.replaceFirst("^/api/", "/api//"));
        v.put("trailing /", p + "/");
        v.put("dot segment", p.replaceFirst("^/api/v2/", "/api/v2/./"));
        v.put("dot-dot segment", p.replaceFirst("^/api/v2/", "/api/v2/x/../"));
        v.put("encoded letter in /api", "/%61pi" + p.substring(4));
        int last = p.lastIndexOf('/') + 1;
        v.put("encoded first char of last segment", p.substring(0, last) + "%" + Integer.toHexString(p.charAt(last)).toUpperCase()
                + p.substring(last + 1));
        v.put("encoded slash", p.replaceFirst("^/api/v2/", "/api/v2%2F"));
        v.put("upper case", p.replaceFirst("^/api/v2", "/API/V2"));
        return v;
    }

    @Test
    void everyOperationIsGuardedUnderEverySpellingForEveryScope() throws Exception {
        List<Op> ops = operations();
        assertThat(ops).hasSizeGreaterThan(20);
        List<String> failures = new ArrayList<>();
        for (Op op : ops) {
            for (Map.Entry<String, String> t : tokens.entrySet()) {
                String who = t.getKey() == null ? "no token" : "token with " + t.getKey();
                boolean allowed = t.getKey() != null && op.scopes().stream()
                        .anyMatch(set -> set.stream().allMatch(s -> Scopes.satisfies(Set.of(t.getKey()), s)));
                int status = send(op.method(), op.path(), t.getValue(), "{}").statusCode();
                int expected = t.getKey() == null ? 401 : allowed ? -1 : 403;
                if (expected > 0 ? status != expected : status == 401 || status == 403 || status >= 500) {
                    failures.add(op.id() + " " + op.method() + " " + op.path() + " " + who + " -> " + status
                            + (expected > 0 ? ", expected " + expected : ", expected past the guard, no 5xx"));
                }
                if (op.id().equals("signOutMe") && Scopes.AGENT.equals(t.getKey())) {
                    t.setValue(agentToken()); // that request ended the session; the spellings below are refused before the guard
                }
                for (Map.Entry<String, String> v : variants(op.path()).entrySet()) {
                    int s = send(op.method(), v.getValue(), t.getValue(), "{}").statusCode();
                    if (s != 400 && s != 404 && s != 405 && !(s == 401 && t.getKey() == null)) {
                        failures.add(op.id() + " " + op.method() + " " + v.getValue() + " (" + v.getKey() + ") "
                                + who + " -> " + s + ", expected a 400/404 refusal");
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theIssuesExactRequestsAreRefused() throws Exception {
        String body = "{\"name\":\"x\",\"scopes\":[\"admin\"]}";
        assertThat(send("POST", "//api/v2/oauth/clients", null, body).statusCode()).isEqualTo(400);
        assertThat(send("GET", "//api/v2/conversations/messages", null, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api//v2/oauth/clients", null, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/%61pi/v2/oauth/clients", null, null).statusCode()).isEqualTo(400);
        String calls = tokens.get("calls");
        assertThat(send("POST", "/api/v2/oauth/clients/", calls, body).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/v2/./oauth/clients", calls, null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/v2/oauth/%63lients", calls, null).statusCode()).isEqualTo(400);
        HttpResponse<String> r = send("GET", "/api/v2/oauth/%63lients", calls, null);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(new JsonObject(r.body()).getString("detail")).contains("percent-encode");
    }

    @Test
    void nonCanonicalPathsOutsideTheApiAreRefusedToo() throws Exception {
        assertThat(send("GET", "//health", null, null).statusCode()).isEqualTo(400);
        assertThat(send("POST", "/oauth/token/", null, "").statusCode()).isEqualTo(400);
        assertThat(send("GET", "/health", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/", null, null).statusCode()).isEqualTo(200);
    }

    static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        boolean hasBody = body != null && !method.equals("GET") && !method.equals("DELETE");
        b.method(method, hasBody ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
        if (hasBody) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
