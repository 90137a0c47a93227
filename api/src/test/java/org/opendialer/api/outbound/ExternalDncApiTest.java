package org.opendialer.api.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose secrets key comes from DIALER_SECRETS_KEY (the typed configuration) creates dncCom lists, and refuses
 * entries for them through every way in (phone and email batches, the CSV upload) with a 409 problem: their entries
 * live at the provider.
 */
class ExternalDncApiTest {

    @TempDir
    static Path tmp;
    static OutboundNode node;

    @BeforeAll
    static void boot() throws Exception {
        node = OutboundNode.start(tmp.resolve("pg"), Map.of("DIALER_SECRETS_KEY",
                Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)), "DIALER_DNCCOM_URL", "http://127.0.0.1:1"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    static JsonObject problem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonObject p = new JsonObject(r.body());
        assertThat(p.getString("code")).isNotBlank();
        return p;
    }

    @Test
    void aDncComListTakesNoEntriesThroughTheBatchesNorTheUpload() throws Exception {
        HttpResponse<String> created = node.send("POST", "/api/v2/outbound/dnclists", "application/json",
                new JsonObject().put("name", "scrub " + UUID.randomUUID()).put("dncSourceType", "dncCom").put("loginId", "key-1").encode());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonObject list = new JsonObject(created.body());
        assertThat(list.getString("dncSourceType")).isEqualTo("dncCom");
        assertThat(list.containsKey("loginId")).isFalse();
        String self = "/api/v2/outbound/dnclists/" + list.getString("id");

        JsonObject add = problem(node.send("PATCH", self + "/phonenumbers", "application/json",
                "{\"action\":\"add\",\"phoneNumbers\":[\"+15035550100\"]}"), 409);
        assertThat(add.getString("detail")).contains("dncCom list").contains("entries live at the provider");
        problem(node.send("PATCH", self + "/phonenumbers", "application/json",
                "{\"action\":\"remove\",\"phoneNumbers\":[\"+15035550100\"]}"), 409);
        problem(node.send("PATCH", self + "/emailaddresses", "application/json",
                "{\"action\":\"add\",\"emailAddresses\":[\"a@example.org\"]}"), 409);
        JsonObject upload = problem(node.send("POST", self + "/upload", "text/csv", "phone\n+15035550100\n"), 409);
        assertThat(upload.getString("detail")).contains("entries live at the provider");

        HttpResponse<String> entries = node.send("GET", self + "/entries", null, null);
        assertThat(entries.statusCode()).as(entries.body()).isEqualTo(200);
        assertThat(new JsonObject(entries.body()).getLong("total")).isZero();
    }
}
