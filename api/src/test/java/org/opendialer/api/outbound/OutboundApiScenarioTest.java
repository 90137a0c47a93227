package org.opendialer.api.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.TestServers;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.server.DialerServer;

/** DNC lists and callable time sets through the REST API of a whole node (embedded PostgreSQL, JDK client). */
class OutboundApiScenarioTest {

    static final String INTERNAL = "00000000-0000-0000-0000-000000000001";
    @TempDir
    static Path tmp;
    static DialerServer server;
    static String base;
    static String token;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void boot() throws Exception {
        var config = new ConfigLoader().load(null, Map.of("DIALER_API_PORT", "0", "DIALER_SIP_PORT", "0",
                "DIALER_DATA_DIR", tmp.resolve("pg").toString()));
        server = DialerServer.start(config, Map.of("DIALER_ADMIN_CLIENT_ID", "admin", "DIALER_ADMIN_CLIENT_SECRET", "admin-secret-0123456789"));
        base = "http://127.0.0.1:" + server.apiPort();
        String admin = TestServers.token(base, "admin", "admin-secret-0123456789");
        JsonObject client = new JsonObject(send("POST", "/api/v2/oauth/clients", admin, "application/json",
                "{\"name\":\"outbound\",\"scopes\":[\"campaigns\",\"messaging\"]}").body());
        token = TestServers.token(base, client.getString("clientId"), client.getString("clientSecret"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<String> send(String method, String path, String bearer, String type, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + bearer)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> call(String method, String path, String json) throws Exception {
        return send(method, path, token, json == null ? null : "application/json", json);
    }

    static JsonObject ok(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return new JsonObject(r.body());
    }

    static JsonObject problem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        return new JsonObject(r.body());
    }

    static String newList() throws Exception {
        return ok(call("POST", "/api/v2/outbound/dnclists", "{\"name\":\"list " + UUID.randomUUID() + "\"}"), 201).getString("id");
    }

    @Test
    void dncListsAreCreatedPagedRenamedByVersionAndDeleted() throws Exception {
        HttpResponse<String> created = call("POST", "/api/v2/outbound/dnclists", "{\"name\":\"National " + UUID.randomUUID() + "\"}");
        JsonObject list = ok(created, 201);
        String self = list.getString("selfUri");
        assertThat(created.headers().firstValue("Location")).contains(self);
        assertThat(list.getInteger("version")).isEqualTo(1);
        assertThat(list.getString("dateCreated")).isNotBlank();
        newList();
        newList();

        JsonObject page = ok(call("GET", "/api/v2/outbound/dnclists?pageSize=2", null), 200);
        assertThat(page.getJsonArray("entities")).hasSize(2);
        assertThat(page.getJsonArray("entities").getJsonObject(0).getString("id")).isEqualTo(INTERNAL);
        assertThat(page.getLong("total")).isGreaterThanOrEqualTo(4);
        assertThat(page.getLong("pageCount")).isEqualTo((page.getLong("total") + 1) / 2);
        assertThat(page.getValue("previousUri")).isNull();
        int seen = 0;
        String next = "/api/v2/outbound/dnclists?pageSize=2";
        while (next != null) {
            JsonObject p = ok(call("GET", next, null), 200);
            seen += p.getJsonArray("entities").size();
            next = p.getString("nextUri");
        }
        assertThat((long) seen).isEqualTo(page.getLong("total"));
        assertThat(problem(call("GET", "/api/v2/outbound/dnclists?pageSize=501", null), 400).getString("detail")).isNotBlank();

        JsonObject renamed = ok(call("PUT", self, "{\"name\":\"Renamed " + UUID.randomUUID() + "\",\"version\":1}"), 200);
        assertThat(renamed.getInteger("version")).isEqualTo(2);
        assertThat(problem(call("PUT", self, "{\"name\":\"Stale\",\"version\":1}"), 409).getString("detail")).contains("version 2");
        assertThat(call("DELETE", self, null).statusCode()).isEqualTo(204);
        problem(call("GET", self, null), 404);
        assertThat(problem(call("DELETE", "/api/v2/outbound/dnclists/" + INTERNAL, null), 409).getString("detail")).contains("internal");
    }

    @Test
    void phoneNumbersAreAddedAndRemovedInBatchesAllOrNothing() throws Exception {
        String id = newList();
        String path = "/api/v2/outbound/dnclists/" + id;
        JsonObject bad = problem(call("PATCH", path + "/phonenumbers", "{\"action\":\"add\",\"phoneNumbers\":[\"+15556010001\",\"12\"]}"), 400);
        assertThat(bad.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/phoneNumbers/1");
        assertThat(ok(call("GET", path + "/entries", null), 200).getLong("total")).isZero();

        assertThat(ok(call("PATCH", path + "/phonenumbers", "{\"action\":\"add\",\"phoneNumbers\":[\"(555) 601-0001\",\"+1 555 601 0002\"],"
                + "\"expirationDateTime\":\"2030-01-01T00:00:00Z\"}"), 200).getInteger("count")).isEqualTo(2);
        ok(call("PATCH", path + "/emailaddresses", "{\"action\":\"add\",\"emailAddresses\":[\"Ann@Example.org\"]}"), 200);
        JsonObject phones = ok(call("GET", path + "/entries?contactMethod=phone", null), 200);
        assertThat(phones.getJsonArray("entities").stream().map(e -> ((JsonObject) e).getString("address")))
                .containsExactlyInAnyOrder("+15556010001", "+15556010002");
        assertThat(phones.getJsonArray("entities").getJsonObject(0).getString("expirationDateTime")).isEqualTo("2030-01-01T00:00:00Z");
        assertThat(ok(call("PATCH", path + "/phonenumbers", "{\"action\":\"remove\",\"phoneNumbers\":[\"5556010001\"]}"), 200)
                .getInteger("count")).isEqualTo(1);
        assertThat(ok(call("GET", path + "/entries", null), 200).getLong("total")).isEqualTo(2);
        problem(call("PATCH", "/api/v2/outbound/dnclists/" + UUID.randomUUID() + "/phonenumbers",
                "{\"action\":\"add\",\"phoneNumbers\":[\"+15556010001\"]}"), 404);
    }

    @Test
    void theInternalListShowsTheOptOutsOfTheConsentLedger() throws Exception {
        String number = "+1555602" + String.format("%04d", (int) (Math.random() * 10000));
        assertThat(call("POST", "/api/v2/outbound/dnc/phone", "{\"address\":\"" + number + "\",\"note\":\"pressed 9\"}").statusCode()).isEqualTo(201);
        JsonArray internal = ok(call("GET", "/api/v2/outbound/dnclists/" + INTERNAL + "/entries?pageSize=500", null), 200).getJsonArray("entities");
        assertThat(internal.stream().map(e -> ((JsonObject) e).getString("address"))).contains(number);
        problem(call("PATCH", "/api/v2/outbound/dnclists/" + INTERNAL + "/phonenumbers", "{\"action\":\"add\",\"phoneNumbers\":[\""
                + number + "\"],\"expirationDateTime\":\"2030-01-01T00:00:00Z\"}"), 409);
        ok(call("PATCH", "/api/v2/outbound/dnclists/" + INTERNAL + "/phonenumbers", "{\"action\":\"remove\",\"phoneNumbers\":[\"" + number + "\"]}"), 200);
        assertThat(call("GET", "/api/v2/outbound/dnc/phone/" + number.substring(1), null).statusCode()).isEqualTo(404);
    }

    @Test
    void aCsvUploadIsStreamedWithItsBadRowsReportedByLine() throws Exception {
        String id = newList();
        String upload = "/api/v2/outbound/dnclists/" + id + "/upload";
        JsonObject rejected = problem(send("POST", upload, token, "text/csv", "\uFEFFPhone Number,Expires\r\n+15556030001,\r\n12,\r\n"
                + "+15556030002,soon\r\n"), 400);
        assertThat(rejected.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field"))).containsExactly("line 3", "line 4");
        assertThat(ok(call("GET", "/api/v2/outbound/dnclists/" + id + "/entries", null), 200).getLong("total")).isZero();

        JsonObject skipped = ok(send("POST", upload + "?mode=skipBadRows", token, "text/csv; charset=utf-8",
                "\uFEFFPhone Number,Expires\r\n+15556030001,\r\n12,\r\n+15556030002,2031-01-01\r\n"), 200);
        assertThat(skipped.getLong("stored")).isEqualTo(2);
        assertThat(skipped.getJsonArray("errors").getJsonObject(0).getLong("line")).isEqualTo(3);

        problem(send("POST", upload, token, "application/json", "{}"), 415);
        problem(send("POST", upload + "?mode=sometimes", token, "text/csv", "phone\n"), 400);
        problem(send("POST", "/api/v2/outbound/dnclists/" + UUID.randomUUID() + "/upload", token, "text/csv", "phone\n+15556030001\n"), 404);
        problem(send("POST", upload, "not-a-token", "text/csv", "phone\n+15556030001\n"), 401);
    }

    @Test
    void anUploadOverTheOneMebibyteBodyLimitIsStreamedThrough() throws Exception {
        String id = newList();
        StringBuilder csv = new StringBuilder("phone\n");
        int rows = 90_000; // 13 bytes a row: about 1.2 MB
        for (int i = 0; i < rows; i++) {
            csv.append("+1").append(3_000_000_000L + i).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isGreaterThan(1024 * 1024);
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/api/v2/outbound/dnclists/" + id + "/upload"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build(); // chunked
        JsonObject report = ok(http.send(r, HttpResponse.BodyHandlers.ofString()), 200);
        assertThat(report.getLong("stored")).isEqualTo(rows);
        assertThat(ok(call("GET", "/api/v2/outbound/dnclists/" + id + "/entries?pageSize=1", null), 200).getLong("total")).isEqualTo(rows);
    }

    @Test
    void anUploadCutOffMidwayStoresNothingAndFreesItsConnection() throws Exception {
        String id = newList();
        String rows = "phone\n+15556040001\n+15556040002\n";
        // the node's lease keeps one pooled connection for itself
        double idle = org.opendialer.api.Scrape.of(base).value("hikaricp_connections_active");
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.apiPort())) {
            s.getOutputStream().write(("POST /api/v2/outbound/dnclists/" + id + "/upload HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: text/csv\r\nContent-Length: 100000\r\n\r\n" + rows)
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            Thread.sleep(300); // let the server read the rows it got
        }
        // the aborted import rolled back and gave its database connection back
        long deadline = System.nanoTime() + 20_000_000_000L;
        double active;
        do {
            Thread.sleep(100);
            active = org.opendialer.api.Scrape.of(base).value("hikaricp_connections_active");
        } while (active > idle && System.nanoTime() < deadline);
        assertThat(active).as("pool connections in use").isEqualTo(idle);
        for (int i = 0; i < 12; i++) {
            ok(send("POST", "/api/v2/outbound/dnclists/" + id + "/upload", token, "text/csv", "phone\n+1555605" + String.format("%04d", i) + "\n"), 200);
        }
        JsonArray stored = ok(call("GET", "/api/v2/outbound/dnclists/" + id + "/entries?pageSize=100", null), 200).getJsonArray("entities");
        assertThat(stored).hasSize(12);
        assertThat(stored.stream().map(e -> ((JsonObject) e).getString("address"))).doesNotContain("+15556040001", "+15556040002");
    }

    @Test
    void callableTimeSetsAnswerInTheContactsLocalTime() throws Exception {
        String body = """
                {"name":"Weekdays %s","callableTimes":[{"day":1,"startTime":"09:00","stopTime":"17:00"},
                 {"day":2,"startTime":"09:00","stopTime":"17:00"}],"blockedDates":["2026-01-13"]}""".formatted(UUID.randomUUID());
        JsonObject set = ok(call("POST", "/api/v2/outbound/callabletimesets", body), 201);
        String self = set.getString("selfUri");
        assertThat(set.getJsonArray("callableTimes")).hasSize(2);
        assertThat(ok(call("GET", self, null), 200).getJsonArray("blockedDates")).containsExactly("2026-01-13");

        // Monday 12 January 2026, 15:00Z: 10:00 in New York, 07:00 in Los Angeles
        JsonObject ny = ok(call("POST", self + "/check", "{\"contact\":{\"phoneNumbers\":[\"+12125550100\"]},\"at\":\"2026-01-12T15:00:00Z\"}"), 200);
        assertThat(ny.getBoolean("callable")).isTrue();
        assertThat(ny.getJsonArray("timeZones")).containsExactly("America/New_York");
        JsonObject both = ok(call("POST", self + "/check", "{\"contact\":{\"phoneNumbers\":[\"+12125550100\",\"+13105550100\"]},"
                + "\"at\":\"2026-01-12T15:00:00Z\"}"), 200);
        assertThat(both.getBoolean("callable")).isFalse();
        assertThat(both.getString("nextCallableAt")).isEqualTo("2026-01-12T17:00:00Z");
        // Tuesday the 13th is blocked: the next window is the following Monday
        JsonObject blocked = ok(call("POST", self + "/check", "{\"contact\":{\"postalCode\":\"10001\"},\"at\":\"2026-01-13T15:00:00Z\"}"), 200);
        assertThat(blocked.getString("reason")).contains("blocked date");
        assertThat(blocked.getString("nextCallableAt")).isEqualTo("2026-01-19T14:00:00Z");
        JsonObject unknown = ok(call("POST", self + "/check", "{\"contact\":{},\"at\":\"2026-01-12T15:00:00Z\","
                + "\"unknownZone\":{\"action\":\"useDefault\",\"defaultTimeZone\":\"America/Chicago\"}}"), 200);
        assertThat(unknown.getBoolean("callable")).isTrue();

        problem(call("POST", "/api/v2/outbound/callabletimesets", "{\"name\":\"bad\",\"callableTimes\":[{\"day\":1,\"startTime\":\"17:00\",\"stopTime\":\"09:00\"}]}"), 400);
        problem(call("POST", "/api/v2/outbound/callabletimesets", "{\"name\":\"bad\",\"callableTimes\":[{\"day\":8,\"startTime\":\"09:00\",\"stopTime\":\"17:00\"}]}"), 400);
        problem(call("POST", "/api/v2/outbound/callabletimesets", "{\"name\":\"bad\",\"callableTimes\":[],\"blockedDates\":[\"2026-02-30\"]}"), 400);
        JsonObject put = new JsonObject(body).put("name", "Weekdays only " + UUID.randomUUID()).put("version", 1);
        JsonObject updated = ok(call("PUT", self, put.encode()), 200);
        assertThat(updated.getInteger("version")).isEqualTo(2);
        assertThat(ok(call("GET", "/api/v2/outbound/callabletimesets?pageSize=1", null), 200).getLong("total")).isGreaterThanOrEqualTo(1);
        assertThat(call("DELETE", self, null).statusCode()).isEqualTo(204);
        problem(call("POST", self + "/check", "{\"contact\":{}}"), 404);
    }
}
