package org.opendialer.api.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.server.DialerServer;
import org.opendialer.store.testing.Await;

/** Contact lists through the REST API of a whole node: streamed CSV upload, import job, inserts, export. */
class ContactListsApiScenarioTest {

    @TempDir
    static Path tmp;
    static OutboundNode node;
    static DialerServer server;
    static String base;
    static String token;
    static HttpClient http;

    @BeforeAll
    static void boot() throws Exception {
        node = OutboundNode.start(tmp.resolve("pg"));
        server = node.server();
        base = node.base();
        token = node.token();
        http = node.http();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    static HttpResponse<String> send(String method, String path, String bearer, String type, String body) throws Exception {
        return node.send(method, path, bearer, type, body);
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

    /** An empty list: name, home and cell phones, zone, postal code, and a key column. */
    static String newList(String key) throws Exception {
        JsonObject body = new JsonObject().put("name", "list " + UUID.randomUUID())
                .put("columnNames", List.of("name", "home", "cell", "tz", "zip", "ref"))
                .put("phoneColumns", new JsonArray().add(new JsonObject().put("columnName", "home").put("type", "home"))
                        .add(new JsonObject().put("columnName", "cell").put("type", "cell")))
                .put("timeZoneColumn", "tz").put("postalCodeColumn", "zip");
        if (key != null) {
            body.put("keyColumn", key);
        }
        JsonObject list = ok(send("POST", "/api/v2/outbound/contactlists", token, "application/json", body.encode()), 201);
        assertThat(list.getJsonArray("phoneColumns").getJsonObject(1)).isEqualTo(new JsonObject().put("columnName", "cell").put("type", "cell"));
        return list.getString("id");
    }

    static long size(String list) throws Exception {
        return ok(send("GET", "/api/v2/outbound/contactlists/" + list, token, null, null), 200).getLong("size");
    }

    @Test
    void aBomCrlfFileIsUploadedWithItsBadRowsReportedByLineInBothModes() throws Exception {
        String id = newList("ref");
        String upload = "/api/v2/outbound/contactlists/" + id + "/upload";
        String file = "\uFEFFName,Home,Cell,TZ,Zip,Ref\r\nAnn,(555) 301-0001,,America/Chicago,60601,A\r\nBob,12,,,,B\r\n"
                + "Cy,,+44 20 7946 0958,Mars/Base,,C\r\nAnn again,5553010011,,,,A\r\n";
        JsonObject rejected = problem(send("POST", upload, token, "text/csv", file), 400);
        assertThat(rejected.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field"))).containsExactly("line 3", "line 4");
        assertThat(size(id)).isZero();
        JsonObject failed = ok(send("GET", "/api/v2/outbound/contactlists/" + id + "/importstatus", token, null, null), 200);
        assertThat(failed.getString("state")).isEqualTo("failed");
        assertThat(failed.getString("failureReason")).contains("2 bad row(s)");

        JsonObject done = ok(send("POST", upload + "?mode=skipBadRows", token, "text/csv; charset=utf-8", file), 200);
        assertThat(done.getString("state")).isEqualTo("completed");
        assertThat(done.getLong("totalRecords")).isEqualTo(4);
        assertThat(done.getLong("completedRecords")).as("Ann deduped by ref").isEqualTo(1);
        assertThat(done.getLong("duplicateRecords")).isEqualTo(1);
        assertThat(done.getJsonArray("badRows").getJsonObject(0).getLong("line")).isEqualTo(3);
        assertThat(done.getInteger("percentComplete")).isEqualTo(100);
        assertThat(size(id)).isEqualTo(1);

        problem(send("POST", upload, token, "application/json", "{}"), 415);
        problem(send("POST", upload + "?mode=sometimes", token, "text/csv", "home\n"), 400);
        problem(send("POST", upload + "?map=nocolon", token, "text/csv", "home\n"), 400);
        problem(send("POST", "/api/v2/outbound/contactlists/" + UUID.randomUUID() + "/upload", token, "text/csv", "home\n5553010001\n"), 404);
        problem(send("POST", upload, "not-a-token", "text/csv", "home\n5553010001\n"), 401);
        problem(send("GET", "/api/v2/outbound/contactlists/" + newList(null) + "/importstatus", token, null, null), 404);
    }

    @Test
    void anUploadOverTheOneMebibyteBodyLimitIsStreamedThrough() throws Exception {
        String id = newList(null);
        byte[] bytes = rows(0, 60_000, true);
        assertThat(bytes.length).isGreaterThan(1024 * 1024);
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/api/v2/outbound/contactlists/" + id + "/upload?map=who:name"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build(); // chunked
        JsonObject status = finished(id, http.send(r, HttpResponse.BodyHandlers.ofString()));
        assertThat(status.getLong("completedRecords")).isEqualTo(60_000);
        assertThat(size(id)).isEqualTo(60_000);
    }

    @Test
    void progressShowsWhileAnUploadRunsAndAClientThatLeavesImportsNothing() throws Exception {
        String id = newList(null);
        byte[] head = rows(0, 5_000, true);
        byte[] tail = rows(5_000, 10_000, false);
        try (Socket s = new Socket("127.0.0.1", server.apiPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/v2/outbound/contactlists/" + id + "/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + token + "\r\nContent-Type: text/csv\r\nContent-Length: " + (head.length + tail.length) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(head);
            out.flush();
            Await.until("the job shows rows read", () -> status(id).getLong("totalRecords") > 0
                    && status(id).getInteger("percentComplete") > 0);
            JsonObject running = status(id);
            assertThat(running.getString("state")).isEqualTo("inProgress");
            assertThat(running.getInteger("percentComplete")).isBetween(1, 99);
            assertThat(size(id)).as("nothing visible before the commit").isZero();
            out.write(tail);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isIn("HTTP/1.1 200 OK", "HTTP/1.1 202 Accepted");
        }
        Await.until("the import completed", () -> status(id).getString("state").equals("completed"));
        assertThat(status(id).getLong("completedRecords")).isEqualTo(10_000);
        assertThat(size(id)).isEqualTo(10_000);

        String other = newList(null);
        try (Socket s = new Socket("127.0.0.1", server.apiPort())) {
            s.getOutputStream().write(("POST /api/v2/outbound/contactlists/" + other + "/upload HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: text/csv\r\nContent-Length: 10000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(head);
            s.getOutputStream().flush();
            Await.until("the upload is being read", () -> status(other).getLong("totalRecords") > 0);
        }
        Await.until("the cut-off upload failed", () -> status(other).getString("state").equals("failed"));
        assertThat(status(other).getString("failureReason")).contains("broke off");
        assertThat(size(other)).isZero();
    }

    @Test
    void contactsAreInsertedWithPriorityReadUpdatedDeletedAndExported() throws Exception {
        String id = newList("ref");
        String contacts = "/api/v2/outbound/contactlists/" + id + "/contacts";
        JsonArray first = ok(send("POST", contacts, token, "application/json",
                "[{\"data\":{\"name\":\"Ann\",\"home\":\"5553010001\",\"ref\":\"A\"}},{\"data\":{\"name\":\"Bob\",\"cell\":\"5553010002\",\"ref\":\"B\"}}]"), 200)
                .getJsonArray("contacts");
        assertThat(first).hasSize(2);
        JsonObject ann = first.getJsonObject(0);
        assertThat(ann.getJsonObject("data").getString("home")).isEqualTo("+15553010001");
        assertThat(ann.getBoolean("priority")).isFalse();
        JsonObject urgent = ok(send("POST", contacts + "?priority=true", token, "application/json",
                "[{\"data\":{\"name\":\"Urgent\",\"home\":\"5553010009\",\"ref\":\"U\"}}]"), 200).getJsonArray("contacts").getJsonObject(0);
        assertThat(urgent.getBoolean("priority")).isTrue();
        JsonObject bad = problem(send("POST", contacts, token, "application/json",
                "[{\"data\":{\"home\":\"5553010003\",\"ref\":\"C\"}},{\"data\":{\"home\":\"12\",\"ref\":\"D\"}}]"), 400);
        assertThat(bad.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/1");
        problem(send("POST", contacts, token, "application/json", "[]"), 400);

        String self = ann.getString("selfUri");
        assertThat(ok(send("GET", self, token, null, null), 200)).isEqualTo(ann);
        JsonObject changed = ok(send("PUT", self, token, "application/json",
                "{\"data\":{\"name\":\"Ann B\",\"home\":\"5553010001\",\"ref\":\"A\"},\"callable\":false,\"version\":1}"), 200);
        assertThat(changed.getInteger("version")).isEqualTo(2);
        problem(send("PUT", self, token, "application/json", "{\"data\":{\"ref\":\"A\",\"home\":\"5553010001\"},\"version\":1}"), 409);

        HttpResponse<String> export = send("GET", "/api/v2/outbound/contactlists/" + id + "/export", token, null, null);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<CSVRecord> rows;
        try (CSVParser p = CSVParser.parse(export.body(), CSVFormat.RFC4180.builder().setHeader().get())) {
            rows = p.getRecords();
        }
        assertThat(rows).extracting(r -> r.get("name")).containsExactly("Ann B", "Bob", "Urgent");
        assertThat(rows.get(0).get("outbound-callable")).isEqualTo("false");
        assertThat(rows.get(2).get("outbound-priority")).isEqualTo("true");
        assertThat(rows.get(1).get("outbound-attempts")).isEqualTo("0");

        assertThat(send("DELETE", self, token, null, null).statusCode()).isEqualTo(204);
        problem(send("GET", self, token, null, null), 404);
        problem(send("GET", "/api/v2/outbound/contactlists/" + UUID.randomUUID() + "/export", token, null, null), 404);
    }

    /** The job an upload answered with: at once (200), or once it completes when it was still running (202). */
    static JsonObject finished(String list, HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isIn(200, 202);
        if (answer.statusCode() == 202) {
            assertThat(answer.headers().firstValue("Location")).contains("/api/v2/outbound/contactlists/" + list + "/importstatus");
            Await.until("the import ends", () -> !status(list).getString("state").equals("inProgress"));
            return status(list);
        }
        return new JsonObject(answer.body());
    }

    /** The list's import job; before the first one, state "none". */
    static JsonObject status(String list) {
        try {
            HttpResponse<String> r = send("GET", "/api/v2/outbound/contactlists/" + list + "/importstatus", token, null, null);
            return r.statusCode() == 404 ? new JsonObject().put("state", "none").put("totalRecords", 0L) : ok(r, 200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] rows(int from, int to, boolean header) {
        StringBuilder b = new StringBuilder(header ? "who,home,zip\n" : "");
        for (int i = from; i < to; i++) {
            b.append("contact number ").append(i).append(",+1555").append(String.format("%07d", 3_000_000 + i)).append(",60601\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
