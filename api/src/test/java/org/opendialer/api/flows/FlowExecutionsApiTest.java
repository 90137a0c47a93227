package org.opendialer.api.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
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
import org.opendialer.sip.Sipp;

/**
 * The whole server: a flow created and routed over the API answers a SIPp carrier's call to the DID, and the
 * execution's trace is read back at /api/v2/flows/executions.
 */
class FlowExecutionsApiTest {

    @TempDir
    static Path tmp;
    static DialerServer server;
    static ApiClient api;

    @BeforeAll
    static void boot() throws Exception {
        Path conf = tmp.resolve("dialer.yaml");
        Files.writeString(conf, """
                sip:
                  port: 0
                  trunks:
                    - { name: carrier, host: 127.0.0.1, port: %d, maxChannels: 5, maxCallsPerSecond: 10, defaultRegion: US }
                flows:
                  recordingDir: %s
                """.formatted(Sipp.freeUdpPort(), tmp.resolve("recordings")));
        server = DialerServer.start(new ConfigLoader().load(conf, Map.of("DIALER_API_PORT", "0",
                "DIALER_DATA_DIR", tmp.resolve("pg").toString())),
                Map.of("DIALER_ADMIN_CLIENT_ID", "exec-admin", "DIALER_ADMIN_CLIENT_SECRET", "exec-admin-secret-0123456789"));
        String base = "http://127.0.0.1:" + server.apiPort();
        api = new ApiClient(base, TestServers.token(base, "exec-admin", "exec-admin-secret-0123456789"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aCallToARoutedDidRunsItsFlowAndItsTraceIsReadByCallIdAndById() throws Exception {
        String flowId = ApiClient.ok(api.send("POST", "/api/v2/flows", new JsonObject().put("document", """
                name: api-trace
                language: en
                start: mark
                nodes:
                  mark: { type: setData, values: { source: "{{callerNumber}}" }, next: welcome }
                  welcome: { type: say, text: "Thank you for calling the trace test line. Please stay on the line.", next: bye }
                  bye: { type: hangup }
                """)), 201).getString("id");
        ApiClient.ok(api.send("POST", "/api/v2/flows/" + flowId + "/publish", null), 200);
        ApiClient.ok(api.send("PUT", "/api/v2/routing/dids/15550100777", new JsonObject().put("flowId", flowId)), 200);

        String callId = "flowapi-" + UUID.randomUUID() + "@carrier";
        try (Sipp carrier = Sipp.uac("uac-call-bye.xml", 1, "127.0.0.1:" + server.sipPort(), "-s", "5550100777",
                "-cid_str", callId)) {
            assertThat(carrier.await(30)).as(carrier.errors()).isZero();
        }

        JsonObject list = null;
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            list = ApiClient.ok(api.send("GET", "/api/v2/flows/executions?callId=" + callId, null), 200);
            if (list.getLong("total") == 1 && !"running".equals(list.getJsonArray("entities").getJsonObject(0).getString("outcome"))) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(list.getLong("total")).isEqualTo(1);
        JsonObject e = list.getJsonArray("entities").getJsonObject(0);
        assertThat(e.getString("outcome")).as("SIPp hangs up after 1 s, in the middle of the welcome").isEqualTo("callerHungUp");
        assertThat(e.getString("callId")).isEqualTo(callId);
        assertThat(e.getString("did")).isEqualTo("+15550100777");
        assertThat(e.getJsonObject("flow").getString("id")).isEqualTo(flowId);
        assertThat(e.getJsonObject("participantData").getString("source")).isEqualTo("+12015550999");
        assertThat(e.getString("dateEnded")).isNotBlank();
        JsonArray steps = e.getJsonArray("steps");
        assertThat(steps.stream().map(s -> ((JsonObject) s).getString("nodeId") + " " + ((JsonObject) s).getString("outcome")))
                .containsExactly("mark next", "welcome callerHungUp");
        assertThat(list.getString("selfUri")).contains("callId=");

        JsonObject one = ApiClient.ok(api.send("GET", e.getString("selfUri"), null), 200);
        assertThat(one).isEqualTo(e);
    }

    @Test
    void unknownExecutionsAndBadParametersAre4xx() throws Exception {
        assertThat(api.send("GET", "/api/v2/flows/executions/" + UUID.randomUUID(), null).statusCode()).isEqualTo(404);
        assertThat(api.send("GET", "/api/v2/flows/executions/not-a-uuid", null).statusCode()).isEqualTo(400);
        assertThat(api.send("GET", "/api/v2/flows/executions", null).statusCode()).as("callId is required").isEqualTo(400);
        JsonObject none = ApiClient.ok(api.send("GET", "/api/v2/flows/executions?callId=nobody", null), 200);
        assertThat(none.getLong("total")).isZero();
        assertThat(none.getJsonArray("entities")).isEmpty();
    }
}
