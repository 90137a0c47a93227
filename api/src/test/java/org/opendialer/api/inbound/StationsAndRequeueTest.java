package org.opendialer.api.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.inbound.InboundRig.Ear;
import org.opendialer.sip.Baresip;
import org.opendialer.sip.RegisterClient;

/**
 * An agent's station over the API (what its phone registered, auto-answer) and what auto-answer puts on the INVITE
 * the phone receives (our own UA takes it), then a caller an agent sends back to a queue that overflows: the
 * overflow flow runs on the same call. A whole node ({@link InboundRig}), a real baresip for the agent who talks.
 */
class StationsAndRequeueTest {

    static final String BUSY_FLOW = """
            name: back-office-closed
            language: en
            start: sorry
            nodes:
              sorry: { type: say, text: "The back office has closed. Goodbye.", next: bye }
              bye: { type: hangup }
            """;

    @TempDir
    static Path tmp;
    static InboundRig rig;

    @BeforeAll
    static void boot() throws Exception {
        rig = new InboundRig(tmp);
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    /** A published flow that puts every caller in {@code queue}, and a DID routed to it. */
    static String didFor(String queue) throws Exception {
        return rig.route(rig.publish("""
                name: to-%1$s
                language: en
                start: q
                nodes:
                  q: { type: transferToQueue, queue: %1$s, failure: bye }
                  bye: { type: hangup }
                """.formatted(queue)));
    }

    static String status(String agent) throws Exception {
        return rig.ok("GET", "/api/v2/users/" + agent + "/routingstatus", null).getString("status");
    }

    @Test
    void theStationListsWhatThePhoneRegisteredAndAutoAnswerMarksTheOffersInvite() throws Exception {
        String queue = "desk" + System.nanoTime() % 100000;
        String queueId = rig.create("/api/v2/routing/queues", new JsonObject().put("name", queue).put("alertingTimeoutSeconds", 10));
        String did = didFor(queue);
        String sipUser = "kai" + System.nanoTime() % 100000;
        String kai = rig.agent("Kai Desk", sipUser, "kai-sip-secret-1", "kai-desk-pass-1", queueId, List.of());
        JsonObject none = rig.ok("GET", "/api/v2/users/" + kai + "/station", null);
        assertThat(none.getBoolean("registered")).isFalse();
        assertThat(none.getBoolean("autoAnswer")).isFalse();

        try (RegisterClient phone = new RegisterClient("127.0.0.1", rig.server.sipPort()).userAgent("Yealink SIP-T54W 96.86.0.70")) {
            assertThat(phone.register(sipUser, "kai-sip-secret-1").status()).isEqualTo(200);
            InboundRig.awaitApi("the station shows the registration",
                    () -> rig.ok("GET", "/api/v2/users/" + kai + "/station", null).getBoolean("registered"));
            JsonObject station = rig.ok("GET", "/api/v2/users/" + kai + "/station", null);
            assertThat(station.getString("sipUser")).isEqualTo(sipUser);
            assertThat(station.getString("selfUri")).isEqualTo("/api/v2/users/" + kai + "/station");
            JsonArray regs = station.getJsonArray("registrations");
            assertThat(regs).hasSize(1);
            JsonObject reg = regs.getJsonObject(0);
            assertThat(reg.getString("aor")).isEqualTo("sip:" + sipUser + "@dialer.test");
            assertThat(reg.getString("contact")).isEqualTo(phone.contact(sipUser));
            assertThat(reg.getString("userAgent")).isEqualTo("Yealink SIP-T54W 96.86.0.70");
            assertThat(reg.getString("transport")).isEqualTo("udp");
            assertThat(reg.getString("sourceAddress")).isEqualTo(phone.contact(sipUser).substring(("sip:" + sipUser + "@").length()));
            assertThat(reg.getString("expiresAt")).isNotBlank();

            JsonObject on = rig.ok("PATCH", "/api/v2/users/" + kai + "/station", new JsonObject().put("autoAnswer", true));
            assertThat(on.getBoolean("autoAnswer")).isTrue();
            assertThat(rig.send("PATCH", "/api/v2/users/" + kai + "/station", rig.admin, "{}").statusCode()).isEqualTo(400);
            assertThat(rig.send("GET", "/api/v2/users/" + UUID.randomUUID() + "/station", rig.admin, null).statusCode()).isEqualTo(404);
            HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(rig.base + "/api/v2/users/" + kai + "/station")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);

            rig.ok("PUT", "/api/v2/users/" + kai + "/routingstatus", new JsonObject().put("status", "available"));
            Ear caller = rig.call(did, "+15551239901");
            String invite = phone.takeInvite();
            assertThat(invite).containsPattern("(?m)^Call-Info: <[^>]+>;answer-after=0\\r?$")
                    .containsPattern("(?m)^Alert-Info: <http://www.notused.com>;info=alert-autoanswer\\r?$")
                    .containsPattern("(?m)^X-Interaction-Id: [0-9a-f-]{36}\\r?$");
            InboundRig.awaitApi("kai, who refused, is not responding", () -> "notResponding".equals(status(kai)));
            caller.session.hangup(org.opendialer.sip.Q850.NORMAL_CLEARING);
        }
    }

    @Test
    void aCallerTheAgentSendsBackToAQueueThatOverflowsHearsTheOverflowFlowOnTheSameCall() throws Exception {
        String front = "front" + System.nanoTime() % 100000;
        String frontId = rig.create("/api/v2/routing/queues", new JsonObject().put("name", front).put("alertingTimeoutSeconds", 20));
        String closedFlow = rig.publish(BUSY_FLOW);
        // nobody is a member of the back office; its callers overflow after a second
        String backId = rig.create("/api/v2/routing/queues", new JsonObject().put("name", "back" + System.nanoTime() % 100000)
                .put("queueTimeout", new JsonObject().put("afterSeconds", 1).put("overflowFlowId", closedFlow)));
        String did = didFor(front);
        String sipUser = "lea" + System.nanoTime() % 100000;
        String lea = rig.agent("Lea Front", sipUser, "lea-sip-secret-1", "lea-desk-pass-1", frontId, List.of());
        try (Baresip phone = Baresip.register(sipUser, "lea-sip-secret-1", rig.server.sipPort())) {
            InboundRig.await("lea's phone registered", () -> rig.registered(sipUser), phone::log);
            rig.ok("PUT", "/api/v2/users/" + lea + "/routingstatus", new JsonObject().put("status", "available"));
            Ear caller = rig.call(did, "+15551239902");
            String callId = caller.session.callId();
            InboundRig.await("lea's phone answers", () -> phone.log().contains("Call established"), phone::log);
            InboundRig.awaitApi("lea on the call", () -> "onCall".equals(status(lea)));

            String token = agentToken(sipUser, "lea-desk-pass-1");
            HttpResponse<String> transfer = rig.send("POST", "/api/v2/users/me/interaction/transfer", token,
                    new JsonObject().put("queueId", backId).encode());
            assertThat(transfer.statusCode()).as(transfer.body()).isBetween(200, 299);

            InboundRig.awaitApi("the overflow flow ran and hung up", () -> {
                List<JsonObject> all = rig.executions(callId);
                return all.size() == 2 && "hungUp".equals(all.get(1).getString("outcome"));
            });
            JsonObject overflow = rig.executions(callId).get(1);
            assertThat(overflow.getJsonObject("flow").getString("id")).isEqualTo(closedFlow);
            assertThat(overflow.getJsonArray("steps").stream().map(s -> ((JsonObject) s).getString("nodeId")))
                    .containsExactly("sorry", "bye");
            InboundRig.await("the caller's call ended by the flow", () -> caller.session.ended().isDone(), caller::summary);
            assertThat(caller.count(Ear.SPEECH)).as(caller.summary()).isGreaterThan(25);
            InboundRig.awaitApi("lea wraps up", () -> "wrapUp".equals(status(lea)));
            JsonObject interaction = rig.interaction(callId);
            assertThat(interaction.getJsonArray("flowTrace").stream().map(s -> ((JsonObject) s).getString("flowId")))
                    .contains(closedFlow);
        }
    }

    static String agentToken(String username, String password) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(rig.base + "/agent/signin"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", username).put("password", password).encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getString("access_token");
    }
}
