package org.opendialer.api.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.TestServers;
import org.opendialer.api.server.DialerServer;

/** /api/v2/flows and /api/v2/routing/dids on the whole server over a real PostgreSQL, with a plain HTTP client. */
class FlowsApiTest {

    static final String ADMIN_ID = "flows-admin";
    static final String ADMIN_SECRET = "flows-admin-secret-0123456789";

    @TempDir
    static Path tmp;
    static DialerServer server;
    static String base;
    static String token;

    @BeforeAll
    static void boot() throws Exception {
        server = DialerServer.start(new org.opendialer.api.config.ConfigLoader().load(null, Map.of("DIALER_API_PORT", "0",
                "DIALER_SIP_PORT", "0", "DIALER_DATA_DIR", tmp.resolve("pg").toString())),
                Map.of("DIALER_ADMIN_CLIENT_ID", ADMIN_ID, "DIALER_ADMIN_CLIENT_SECRET", ADMIN_SECRET));
        base = "http://127.0.0.1:" + server.apiPort();
        token = TestServers.token(base, ADMIN_ID, ADMIN_SECRET);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<String> send(String method, String path, JsonObject body) throws Exception {
        return new ApiClient(base, token).send(method, path, body);
    }

    static JsonObject ok(HttpResponse<String> r, int status) {
        return ApiClient.ok(r, status);
    }

    static String sample() throws Exception {
        return Files.readString(Path.of("..", "conf", "flows", "crm-inbound.yaml"));
    }

    @Test
    void theSeedFlowIsCreatedPublishedRoutedAndDeleted() throws Exception {
        JsonObject created = ok(send("POST", "/api/v2/flows", new JsonObject().put("document", sample())), 201);
        String id = created.getString("id");
        assertThat(created.getString("name")).isEqualTo("crm-inbound");
        assertThat(created.getInteger("version")).isEqualTo(1);
        assertThat(created.getString("selfUri")).isEqualTo("/api/v2/flows/" + id);
        assertThat(created.getString("dateCreated")).isNotBlank();
        assertThat(created.containsKey("publishedVersion")).isFalse();

        JsonObject v1 = ok(send("POST", "/api/v2/flows/" + id + "/publish", null), 200);
        assertThat(v1.getInteger("number")).isEqualTo(1);
        String changed = sample().replace("thank you for calling.\"", "welcome back.\"");
        assertThat(changed).isNotEqualTo(sample());
        JsonObject saved = ok(send("PUT", "/api/v2/flows/" + id, new JsonObject().put("document", changed).put("version", 2)), 200);
        assertThat(saved.getBoolean("draftPublished")).isFalse();
        assertThat(saved.getJsonObject("publishedVersion").getString("id")).isEqualTo(v1.getString("id"));
        // a stale version is refused
        assertThat(send("PUT", "/api/v2/flows/" + id, new JsonObject().put("document", changed).put("version", 2))
                .statusCode()).isEqualTo(409);
        JsonObject v2 = ok(send("POST", "/api/v2/flows/" + id + "/publish", null), 200);
        assertThat(v2.getInteger("number")).isEqualTo(2);
        JsonObject old = ok(send("GET", "/api/v2/flows/" + id + "/versions/" + v1.getString("id"), null), 200);
        assertThat(old.getString("document")).isEqualTo(sample());
        JsonObject versions = ok(send("GET", "/api/v2/flows/" + id + "/versions", null), 200);
        assertThat(versions.getJsonArray("entities").stream().map(o -> ((JsonObject) o).getInteger("number")))
                .containsExactly(2, 1);

        JsonObject route = ok(send("PUT", "/api/v2/routing/dids/15550100200", new JsonObject().put("flowId", id)), 200);
        assertThat(route.getString("selfUri")).isEqualTo("/api/v2/routing/dids/15550100200");
        JsonObject read = ok(send("GET", "/api/v2/routing/dids/15550100200", null), 200);
        // as written, + included: a plus in a path is a plus (RFC 3986), not the space a form decoder makes of it
        assertThat(ok(send("GET", "/api/v2/routing/dids/+15550100200", null), 200).getString("did")).isEqualTo("+15550100200");
        assertThat(read.getString("flowId")).isEqualTo(id);
        assertThat(read.getString("did")).isEqualTo("+15550100200");
        assertThat(ok(send("GET", "/api/v2/routing/dids", null), 200).getLong("total")).isEqualTo(1);

        HttpResponse<String> refused = send("DELETE", "/api/v2/flows/" + id, null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(send("DELETE", "/api/v2/routing/dids/15550100200", null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/api/v2/flows/" + id, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/v2/flows/" + id, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v2/flows/" + id + "/versions/" + v1.getString("id"), null).statusCode()).isEqualTo(200);
    }

    @Test
    void anInvalidFlowIsA422ListingEachErrorByPointer() throws Exception {
        JsonObject doc = new JsonObject().put("name", "broken").put("start", "a").put("nodes", new JsonObject()
                .put("a", new JsonObject().put("type", "say").put("text", "Hi {{customerName}}").put("next", "b"))
                .put("b", new JsonObject().put("type", "setSkills").put("skills", new JsonArray("[1,2,3,4,5,6]")).put("next", "c"))
                .put("c", new JsonObject().put("type", "transferToQueue").put("queue", "q"))
                .put("orphan", new JsonObject().put("type", "dance")));
        HttpResponse<String> r = send("POST", "/api/v2/flows", new JsonObject().put("document", doc));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonObject problem = new JsonObject(r.body());
        assertThat(problem.getString("type")).isEqualTo("urn:opendialer:problem:invalid-flow");
        assertThat(problem.getJsonArray("errors").stream().map(o -> ((JsonObject) o).getString("code") + " "
                + ((JsonObject) o).getString("field"))).containsExactly("unknownNodeType /nodes/orphan/type");

        doc.getJsonObject("nodes").remove("orphan");
        r = send("POST", "/api/v2/flows", new JsonObject().put("document", doc));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(new JsonObject(r.body()).getJsonArray("errors").stream().map(o -> ((JsonObject) o).getString("code")
                + " " + ((JsonObject) o).getString("field"))).containsExactlyInAnyOrder(
                "undefinedVariable /nodes/a/text", "tooManySkills /nodes/b/skills");

        JsonObject checked = ok(send("POST", "/api/v2/flows/validate", new JsonObject().put("document", doc)), 200);
        assertThat(checked.getBoolean("valid")).isFalse();
        // the check also warns of the queue this node does not have
        assertThat(checked.getJsonArray("issues").stream().map(o -> ((JsonObject) o).getString("code") + " "
                + ((JsonObject) o).getString("severity"))).containsExactlyInAnyOrder("undefinedVariable error",
                "tooManySkills error", "unknownQueue warning");
    }

    @Test
    void listsAnswerThePagedEnvelope() throws Exception {
        for (int i = 0; i < 3; i++) {
            String doc = "name: paged-" + i + "\nstart: h\nnodes:\n  h: { type: hangup }\n";
            ok(send("POST", "/api/v2/flows", new JsonObject().put("document", doc)), 201);
        }
        JsonObject page = ok(send("GET", "/api/v2/flows?pageSize=2&pageNumber=1", null), 200);
        assertThat(page.fieldNames()).contains("entities", "pageSize", "pageNumber", "total", "pageCount", "selfUri", "nextUri");
        assertThat(page.getJsonArray("entities")).hasSize(2);
        assertThat(page.getInteger("pageSize")).isEqualTo(2);
        assertThat(page.getString("nextUri")).isEqualTo("/api/v2/flows?pageSize=2&pageNumber=2");
        JsonObject last = ok(send("GET", page.getString("nextUri"), null), 200);
        assertThat(last.getString("previousUri")).isEqualTo("/api/v2/flows?pageSize=2&pageNumber=1");
        assertThat(last.getLong("total")).isEqualTo(page.getLong("total"));
        assertThat(send("GET", "/api/v2/flows?pageSize=501", null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/v2/flows?pageNumber=0", null).statusCode()).isEqualTo(400);
        assertThat(ok(send("GET", "/api/v2/flows", null), 200).getInteger("pageSize")).isEqualTo(25);
    }

    @Test
    void badDidsAndUnknownFlowsAre4xx() throws Exception {
        assertThat(send("PUT", "/api/v2/routing/dids/0550100", new JsonObject().put("flowId",
                "0b9f4c1e-5a7d-4e8b-9c3a-2f6d1e0a7b45")).statusCode()).isEqualTo(400);
        HttpResponse<String> r = send("PUT", "/api/v2/routing/dids/15550100999", new JsonObject().put("flowId",
                "0b9f4c1e-5a7d-4e8b-9c3a-2f6d1e0a7b45"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(send("GET", "/api/v2/routing/dids/15550100999", null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/v2/flows/0b9f4c1e-5a7d-4e8b-9c3a-2f6d1e0a7b45/publish", null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/v2/flows", new JsonObject().put("document", "name: [")).statusCode()).isEqualTo(422);
    }
}
