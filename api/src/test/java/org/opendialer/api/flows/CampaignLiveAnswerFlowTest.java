package org.opendialer.api.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.TestServers;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.demo.DemoNode;
import org.opendialer.store.testing.Await;

/**
 * A campaign's live answer "to a flow" ({@code InboundGlue.liveAnswerFlows}), every part real: the demo carrier
 * holds a person who answers and presses 1 after hearing a prompt, an agentless campaign created over the API hands
 * the answered call to a published flow, which greets the contact by the list's {@code name} column, takes the key
 * and says goodbye; the execution and its trace are read back by the attempt's call id.
 */
class CampaignLiveAnswerFlowTest {

    static final String ADMIN_ID = "live-flow-admin";
    static final String ADMIN_SECRET = "live-flow-admin-secret-0123456789";

    @TempDir
    static Path tmp;
    static DemoNode node;
    static ApiClient api;

    @BeforeAll
    static void boot() throws Exception {
        Path conf = tmp.resolve("dialer.yaml");
        Files.writeString(conf, "sip:\n  port: 0\n");
        Map<String, String> env = Map.of("DIALER_API_PORT", "0", "DIALER_DATA_DIR", tmp.resolve("data/postgres").toString(),
                "DIALER_ADMIN_CLIENT_ID", ADMIN_ID, "DIALER_ADMIN_CLIENT_SECRET", ADMIN_SECRET);
        // every number: a person who answers after a second's ring and presses 1 once a prompt has played
        node = DemoNode.start(new ConfigLoader().load(conf, env), env, ".* person key=1 ring=1");
        String base = node.server().apiBaseUrl().replaceFirst("/api/v2$", "");
        ApiClient admin = new ApiClient(base, TestServers.token(base, ADMIN_ID, ADMIN_SECRET));
        JsonObject client = ApiClient.ok(admin.send("POST", "/api/v2/oauth/clients", new JsonObject()
                .put("name", "live answer flows").put("scopes", new JsonArray().add("campaigns").add("messaging").add("flows"))), 201);
        api = new ApiClient(base, TestServers.token(base, client.getString("clientId"), client.getString("clientSecret")));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aPersonAnsweringAnAgentlessCampaignRunsThePublishedFlowAndItsTraceIsKeptForTheAttempt() throws Exception {
        String flowId = ApiClient.ok(api.send("POST", "/api/v2/flows", new JsonObject().put("document", """
                name: live-answer
                language: en
                inputs: [name]
                start: ask
                nodes:
                  ask:
                    type: menu
                    prompt: "Hello {{name}}, this is a reminder of your appointment. Press 1 to confirm."
                    choices: { "1": confirmed }
                    variable: key
                    timeoutMs: 8000
                    retries: 0
                    noInput: bye
                    invalid: bye
                  confirmed: { type: setData, values: { answer: "{{key}}", contact: "{{name}}" }, next: thanks }
                  thanks: { type: say, text: "Thank you, it is confirmed.", next: bye }
                  bye: { type: hangup }
                """)), 201).getString("id");
        ApiClient.ok(api.send("POST", "/api/v2/flows/" + flowId + "/publish", null), 200);
        String list = ApiClient.ok(api.send("POST", "/api/v2/outbound/contactlists", new JsonObject().put("name", "live flow")
                .put("csv", "name,phone\nAna,+12015550142\n").put("phoneColumns", new JsonArray().add("phone"))), 201).getString("id");
        JsonObject sets = ApiClient.ok(api.send("GET", "/api/v2/outbound/callabletimesets?pageSize=100", null), 200);
        String anyHour = sets.getJsonArray("entities").stream().map(JsonObject.class::cast)
                .filter(s -> s.getString("name").equals("demo: any hour")).findFirst().orElseThrow().getString("id");
        // AMD off: every answer is a live answer, so the flow's hand-off is what this test depends on (AMD is proven elsewhere)
        String campaign = ApiClient.ok(api.send("POST", "/api/v2/outbound/campaigns", new JsonObject().put("name", "live flow")
                .put("contactListId", list).put("callableTimeSetId", anyHour).put("trunkGroup", DemoNode.TRUNK)
                .put("callerIdAddress", "+12015550199").put("flowId", flowId).put("noAnswerTimeoutSeconds", 15)
                .put("amd", new JsonObject().put("enabled", false).put("humanAction", "flow"))), 201).getString("id");
        ApiClient.ok(api.send("POST", "/api/v2/outbound/campaigns/" + campaign + "/start", null), 200);

        String attempts = "/api/v2/outbound/campaigns/" + campaign + "/attempts";
        JsonObject attempt = Await.value("the attempt's result", Duration.ofSeconds(60), () -> {
            JsonArray page = ApiClient.ok(api.send("GET", attempts, null), 200).getJsonArray("entities");
            return page.isEmpty() || page.getJsonObject(0).getString("result") == null ? null : page.getJsonObject(0);
        });
        assertThat(attempt.getString("result")).as(attempt.encodePrettily()).isEqualTo("human");
        assertThat(attempt.getBoolean("liveAnswer")).isTrue();
        String callId = attempt.getString("callId");

        // the executor closes its execution on its own thread once the flow returns: not ordered with the attempt
        String executions = "/api/v2/flows/executions?callId=" + callId;
        JsonObject ran = Await.value("the flow's execution ends", Duration.ofSeconds(30), () -> {
            JsonObject page = ApiClient.ok(api.send("GET", executions, null), 200);
            JsonArray all = page.getJsonArray("entities");
            return !all.isEmpty() && all.stream().map(JsonObject.class::cast).allMatch(x -> x.getString("dateEnded") != null)
                    ? page : null;
        });
        assertThat(ran.getLong("total")).as(ran.encodePrettily()).isEqualTo(1);
        JsonObject e = ran.getJsonArray("entities").getJsonObject(0);
        assertThat(e.getJsonObject("flow").getString("id")).isEqualTo(flowId);
        assertThat(e.getString("callId")).isEqualTo(callId);
        assertThat(e.getJsonArray("steps").stream().map(s -> ((JsonObject) s).getString("nodeId")))
                .as(e.encodePrettily()).containsExactly("ask", "confirmed", "thanks", "bye");
        assertThat(e.getJsonObject("participantData").getString("answer")).as("the person's key reached the flow").isEqualTo("1");
        assertThat(e.getJsonObject("participantData").getString("contact")).as("the contact's columns are the flow's variables")
                .isEqualTo("Ana");
    }
}
