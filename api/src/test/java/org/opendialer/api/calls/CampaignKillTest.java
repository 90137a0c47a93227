package org.opendialer.api.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.ChildServer;

/**
 * A real node process running a voice campaign is killed with {@code kill -9} while its two calls ring; the node
 * restarted on the same data ends both attempts {@code interrupted} and dials nobody again at once (an interrupted
 * attempt counts and waits the failed retry delay): no contact is dialled twice for one attempt, no attempt is lost.
 */
class CampaignKillTest {

    @TempDir
    Path tmp;

    @Test
    void afterKill9TheRingingAttemptsEndInterruptedAndNobodyIsRedialledAtOnce() throws Exception {
        Path data = tmp.resolve("data");
        int ringPort = Carrier.freePort();
        String campaign;
        try (Carrier carrier = Carrier.start("carrier-noanswer.xml", ringPort, 2, Map.of())) {
            ChildServer node = ChildServer.start(data, config(ringPort));
            try {
                String token = node.adminToken();
                String list = body(node.send("POST", "/api/v2/outbound/contactlists", token, new JsonObject().put("name", "kill")
                        .put("csv", "name,phone\nAnn,+12015550811\nBob,+12015550812\n").put("phoneColumns", new JsonArray().add("phone"))
                        .encode()), 201).getString("id");
                campaign = body(node.send("POST", "/api/v2/outbound/campaigns", token, new JsonObject().put("name", "kill")
                        .put("contactListId", list).put("message", "Hello").put("trunkGroup", "ring")
                        .put("noAnswerTimeoutSeconds", 120).encode()), 201).getString("id");
                body(node.send("POST", "/api/v2/outbound/campaigns/" + campaign + "/start", token, null), 200);
                await(() -> attempts(node, token, campaign).size() == 2
                        && attempts(node, token, campaign).stream().allMatch(a -> ((JsonObject) a).getString("callId") != null));
                Thread.sleep(500); // both INVITEs out and ringing
                node.kill9();
            } catch (Throwable t) {
                node.close();
                throw t;
            }
        }
        try (ChildServer again = ChildServer.start(data, config(ringPort))) {
            String token = again.adminToken();
            JsonArray after = attempts(again, token, campaign);
            assertThat(after).hasSize(2).allSatisfy(a -> {
                JsonObject o = (JsonObject) a;
                assertThat(o.getString("result")).as(o.encodePrettily()).isEqualTo("interrupted");
                assertThat(o.getString("endedAt")).isNotNull();
            });
            Thread.sleep(2000); // several runner ticks: nobody is dialled again inside the failed delay
            assertThat(attempts(again, token, campaign)).hasSize(2);
            assertThat(body(again.send("GET", "/api/v2/outbound/campaigns/" + campaign, token, null), 200)
                    .getString("campaignStatus")).isEqualTo("on");
            again.sigterm(Duration.ofSeconds(10));
        }
    }

    private Map<String, String> config(int ringPort) throws Exception {
        Path conf = tmp.resolve("dialer.yaml");
        Files.writeString(conf, """
                sip:
                  trunks:
                    - { name: ring, host: 127.0.0.1, port: %d, maxChannels: 5, maxCallsPerSecond: 10, defaultRegion: US, group: ring }
                """.formatted(ringPort));
        return Map.of("DIALER_CONFIG", conf.toString());
    }

    private static JsonArray attempts(ChildServer node, String token, String campaign) {
        try {
            return body(node.send("GET", "/api/v2/outbound/campaigns/" + campaign + "/attempts", token, null), 200).getJsonArray("entities");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject body(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return new JsonObject(r.body());
    }

    private static void await(java.util.function.BooleanSupplier ok) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!ok.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
