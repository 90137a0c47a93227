package org.opendialer.api.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendialer.api.calls.CallRecoveryTest.awaitState;
import static org.opendialer.api.calls.CallRecoveryTest.call;
import static org.opendialer.api.calls.CallRecoveryTest.state;

import io.vertx.core.json.JsonObject;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.ChildServer;
import org.opendialer.api.SharedPostgres;

/**
 * Two server processes on one PostgreSQL; one is killed ({@code kill -9}) while it has a call answered (a SIPp
 * carrier that answers and holds), one queued behind it and one dialling a trunk that never answers. The other
 * node ends every one of the dead node's calls in a final state, dials none of them again, and never touches its
 * own live call; a restart of the dead node finds nothing left to end.
 */
class TwoNodeCallsTest {

    @TempDir
    Path tmp;
    private SharedPostgres pg;
    private DatagramSocket silent;
    private final StringBuffer silentTrace = new StringBuffer();
    private int holdPort;

    @BeforeEach
    void start() throws Exception {
        pg = SharedPostgres.start();
        silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[65_535];
            while (!silent.isClosed()) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    silent.receive(p);
                    silentTrace.append(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8)).append("\n\n");
                } catch (java.io.IOException e) {
                    return; // closed
                }
            }
        });
        holdPort = Carrier.freePort();
    }

    @AfterEach
    void stop() throws Exception {
        silent.close();
        pg.close();
    }

    @Test
    void theSurvivorEndsEveryCallOfTheKilledNodeAndDialsNoneAgain() throws Exception {
        try (Carrier carrier = Carrier.start("carrier-hold.xml", holdPort, 3, Map.of());
             ChildServer a = pg.node(tmp.resolve("data-a"), "node-a", config())) {
            String answered;
            String queued;
            String dialing;
            ChildServer b = pg.node(tmp.resolve("data-b"), "node-b", config());
            String aToken = a.adminToken();
            String own = place(a, aToken, "hold", "2015550160"); // the survivor's own live call
            awaitState(a, aToken, own, "answered");
            try {
                String token = b.adminToken();
                answered = place(b, token, "hold", "2015550161");
                awaitState(b, token, answered, "answered");
                queued = place(b, token, "hold", "2015550162"); // one channel per node: waits behind the answered call
                dialing = place(b, token, "silent", "2015550163");
                awaitState(b, token, dialing, "dialing");
                assertThat(state(b, token, queued)).isEqualTo("queued");
                b.kill9();
            } finally {
                b.close();
            }
            long killed = System.nanoTime();
            List<String> dead = List.of(answered, queued, dialing);
            awaitFinal(a, aToken, dead, Duration.ofSeconds(60));
            System.out.printf("two nodes, kill -9 of one with calls answered/queued/dialing: the survivor ended them in %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
            for (String id : dead) {
                JsonObject c = call(a, aToken, id);
                assertThat(c.getString("state")).as(c.encodePrettily()).isEqualTo("failed");
                assertThat(c.getString("outcome")).isEqualTo("interrupted");
                assertThat(c.getString("endedAt")).isNotNull();
                assertThat(CallsScenarioTest.types(c).stream().filter("interrupted"::equals)).hasSize(1);
            }
            assertThat(call(a, aToken, queued).getString("disposition")).isEqualTo("notDialed");
            JsonObject mine = call(a, aToken, own);
            assertThat(CallsScenarioTest.types(mine)).as("a live node's call is never touched: " + mine.encodePrettily())
                    .doesNotContain("interrupted");

            // the dead node restarts: nothing of its own is left to end, and nothing is dialled again
            try (ChildServer again = pg.node(tmp.resolve("data-b"), "node-b", config())) {
                String token = again.adminToken();
                for (String id : dead) {
                    assertThat(CallsScenarioTest.types(call(again, token, id)).stream().filter("interrupted"::equals)).hasSize(1);
                }
                again.sigterm(Duration.ofSeconds(10));
            }
            System.out.printf("INVITEs (distinct Call-IDs): answered %s, queued %s, dialing %s, survivor's own %s%n",
                    carrier.invitesTo("2015550161").size(), carrier.invitesTo("2015550162").size(),
                    SipTrace.invitesTo(silentTrace.toString(), "2015550163").size(), carrier.invitesTo("2015550160").size());
            assertThat(carrier.invitesTo("2015550161")).as("the answered call was dialled once").hasSize(1);
            assertThat(carrier.invitesTo("2015550162")).as("the queued call was never dialled").isEmpty();
            assertThat(SipTrace.invitesTo(silentTrace.toString(), "2015550163")).as("the dialling call was dialled once").hasSize(1);
            assertThat(carrier.invitesTo("2015550160")).as("the survivor's own call was dialled once").hasSize(1);
        }
    }

    private Map<String, String> config() throws Exception {
        Path conf = tmp.resolve("dialer.yaml");
        Files.writeString(conf, """
                sip:
                  trunks:
                    - { name: hold, host: 127.0.0.1, port: %d, maxChannels: 1, maxCallsPerSecond: 10, defaultRegion: US, group: hold }
                    - { name: silent, host: 127.0.0.1, port: %d, maxChannels: 5, maxCallsPerSecond: 10, defaultRegion: US, group: silent }
                """.formatted(holdPort, silent.getLocalPort()));
        return Map.of("DIALER_CONFIG", conf.toString());
    }

    private static String place(ChildServer node, String token, String group, String to) throws Exception {
        JsonObject body = CallsScenarioTest.request(to, group, "off").put("ringTimeoutSeconds", 60);
        HttpResponse<String> r = node.send("POST", "/api/v2/calls", token, body.encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body()).getString("id");
    }

    private static void awaitFinal(ChildServer node, String token, List<String> ids, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        for (String id : ids) {
            while (!List.of("failed", "completed").contains(state(node, token, id))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not final within " + limit + ": " + call(node, token, id).encodePrettily());
                }
                Thread.sleep(100);
            }
        }
    }
}
