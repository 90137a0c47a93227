package org.opendialer.api.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.ChildServer;

/**
 * Calls across a stop of the whole process (a child JVM): after SIGTERM and after {@code kill -9}, every call the
 * node held ends in a final state, with its timeline event and exactly one webhook for that end. The carrier is a
 * SIPp phone that rings and never answers; a second "trunk" is a UDP socket that never replies (a call DIALING).
 */
class CallRecoveryTest {

    @TempDir
    Path tmp;
    private final List<JsonObject> hooks = new CopyOnWriteArrayList<>();
    private HttpServer hookServer;
    private DatagramSocket silent;
    private int ringPort;

    @BeforeEach
    void receiver() throws Exception {
        hookServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hookServer.createContext("/hook", x -> {
            hooks.add(new JsonObject(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        hookServer.start();
        silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        ringPort = Carrier.freePort();
    }

    @AfterEach
    void stopReceiver() {
        hookServer.stop(0);
        silent.close();
    }

    @Test
    void sigtermEndsRingingDialingAndQueuedCallsBeforeTheProcessExits() throws Exception {
        Path data = tmp.resolve("data");
        String ringing;
        String queued;
        String dialing;
        try (Carrier carrier = Carrier.start("carrier-noanswer.xml", ringPort, 1, Map.of());
             ChildServer node = ChildServer.start(data, config())) {
            String token = node.adminToken();
            ringing = place(node, token, "ring", "2015550141");
            awaitState(node, token, ringing, "ringing");
            queued = place(node, token, "ring", "2015550142"); // one channel: waits behind the ringing call
            dialing = place(node, token, "silent", "2015550143"); // no answer to the INVITE: nothing to CANCEL yet
            awaitState(node, token, dialing, "dialing");
            assertThat(state(node, token, queued)).isEqualTo("queued");

            Duration took = node.sigterm(Duration.ofSeconds(10));
            System.out.println("SIGTERM with 3 calls: the node stopped in " + took.toMillis() + " ms");
            assertThat(carrier.await(10)).as("the carrier got a CANCEL: " + carrier.errors()).isZero();
            assertThat(node.postgres()).as("embedded PostgreSQL stopped with the node").isEmpty();
        }
        try (ChildServer again = ChildServer.start(data, config())) {
            String token = again.adminToken();
            // Each end is in the webhook outbox before the node stops: sent then, or by this start if it was cut.
            awaitFinalHooks(List.of(ringing, queued, dialing));
            assertThat(finalHooks(ringing)).as("ringing call's final webhook").hasSize(1);
            assertThat(finalHooks(queued)).as("queued call's final webhook").hasSize(1);
            assertThat(finalHooks(dialing)).as("dialing call's final webhook").hasSize(1);
            JsonObject r = call(again, token, ringing);
            assertThat(r.getString("state")).as(r.encodePrettily()).isEqualTo("failed");
            assertThat(r.getString("outcome")).isEqualTo("serverStopped");
            assertThat(r.getString("endedAt")).isNotNull();
            assertThat(CallsScenarioTest.types(r)).contains("shutdown", "notConnected").doesNotContain("interrupted");
            JsonObject q = call(again, token, queued);
            assertThat(q.getString("state")).as(q.encodePrettily()).isEqualTo("failed");
            assertThat(q.getString("disposition")).isEqualTo("notDialed");
            assertThat(CallsScenarioTest.types(q)).doesNotContain("dialing", "interrupted");
            JsonObject d = call(again, token, dialing);
            assertThat(d.getString("state")).as(d.encodePrettily()).isEqualTo("failed");
            assertThat(d.getString("outcome")).isEqualTo("serverStopped");
            assertThat(CallsScenarioTest.types(d)).contains("shutdown").doesNotContain("interrupted");
            again.sigterm(Duration.ofSeconds(10));
        }
    }

    @Test
    void callsLeftQueuedDialingOrRingingByKill9AreFinalAfterRestart() throws Exception {
        Path data = tmp.resolve("data");
        String ringing;
        String queued;
        String dialing;
        try (Carrier carrier = Carrier.start("carrier-noanswer.xml", ringPort, 1, Map.of())) {
            ChildServer node = ChildServer.start(data, config());
            try {
                String token = node.adminToken();
                ringing = place(node, token, "ring", "2015550151");
                awaitState(node, token, ringing, "ringing");
                queued = place(node, token, "ring", "2015550152");
                dialing = place(node, token, "silent", "2015550153");
                awaitState(node, token, dialing, "dialing");
                assertThat(state(node, token, queued)).isEqualTo("queued");
                node.kill9();
                // as after a real kill -9: the next start must take over the PostgreSQL left running
                assertThat(node.postgres()).as("the embedded PostgreSQL outlives its killed node").isPresent();
            } catch (Throwable t) {
                node.close();
                throw t;
            }
        }
        for (int restart = 1; restart <= 2; restart++) {
            try (ChildServer again = ChildServer.start(data, config())) {
                String token = again.adminToken();
                for (String id : List.of(ringing, queued, dialing)) {
                    JsonObject c = call(again, token, id);
                    assertThat(c.getString("state")).as("after restart %d: %s", restart, c.encodePrettily())
                            .isEqualTo("failed");
                    assertThat(c.getString("outcome")).isEqualTo("interrupted");
                    assertThat(c.getString("endedAt")).isNotNull();
                    assertThat(CallsScenarioTest.types(c).stream().filter("interrupted"::equals)).hasSize(1);
                }
                awaitHooks(3);
                for (String id : List.of(ringing, queued, dialing)) {
                    assertThat(finalHooks(id)).as("one webhook for the end of " + id).hasSize(1);
                }
                HttpResponse<String> delete = again.send("DELETE", "/api/v2/calls/" + queued, token, null);
                assertThat(delete.statusCode()).as(delete.body()).isEqualTo(409);
                assertThat(delete.body()).contains("has already ended");
                again.sigterm(Duration.ofSeconds(10));
            }
        }
    }

    private Map<String, String> config() throws Exception {
        Path conf = tmp.resolve("dialer.yaml");
        Files.writeString(conf, """
                webhooks:
                  allowPrivateTargets: true   # the test's receiver listens on 127.0.0.1
                sip:
                  trunks:
                    - { name: ring, host: 127.0.0.1, port: %d, maxChannels: 1, maxCallsPerSecond: 10, defaultRegion: US, group: ring }
                    - { name: silent, host: 127.0.0.1, port: %d, maxChannels: 5, maxCallsPerSecond: 10, defaultRegion: US, group: silent }
                """.formatted(ringPort, silent.getLocalPort()));
        return Map.of("DIALER_CONFIG", conf.toString());
    }

    private String place(ChildServer node, String token, String group, String to) throws Exception {
        JsonObject body = CallsScenarioTest.request(to, group, "on").put("ringTimeoutSeconds", 60)
                .put("webhook", new JsonObject().put("url", "http://127.0.0.1:" + hookServer.getAddress().getPort()
                        + "/hook").put("secret", "recovery-secret-0123456789"));
        HttpResponse<String> r = node.send("POST", "/api/v2/calls", token, body.encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body()).getString("id");
    }

    static JsonObject call(ChildServer node, String token, String id) throws Exception {
        HttpResponse<String> r = node.send("GET", "/api/v2/calls/" + id, token, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    static String state(ChildServer node, String token, String id) throws Exception {
        return call(node, token, id).getString("state");
    }

    static void awaitState(ChildServer node, String token, String id, String state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!state(node, token, id).equals(state)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("call " + id + " never reached " + state + ": " + call(node, token, id));
            }
            Thread.sleep(50);
        }
    }

    /** Webhooks announcing the end of a call (the last event a call sends). */
    private List<JsonObject> finalHooks(String id) {
        return hooks.stream().filter(h -> h.getString("callId").equals(id))
                .filter(h -> List.of("notConnected", "completed", "interrupted").contains(h.getString("event")))
                .toList();
    }

    private void awaitFinalHooks(List<String> ids) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ids.stream().anyMatch(id -> finalHooks(id).isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private void awaitHooks(int calls) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (hooks.stream().filter(h -> h.getString("event").equals("interrupted")).count() < calls
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
