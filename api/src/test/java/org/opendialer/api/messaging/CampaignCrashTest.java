package org.opendialer.api.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendialer.api.messaging.SmsCampaigns.await;
import static org.opendialer.api.messaging.SmsCampaigns.awaitComplete;
import static org.opendialer.api.messaging.SmsCampaigns.export;
import static org.opendialer.api.messaging.SmsCampaigns.progress;
import static org.opendialer.api.messaging.SmsCampaigns.submitsByDestination;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.ChildServer;
import org.opendialer.api.NodeConnections;
import org.opendialer.messaging.sms.sim.LoopbackSmsc;

/**
 * The proof for issue 11's crash items, with whole nodes in child JVMs against an SMSC in this JVM that counts
 * every submit_sm per destination: {@code kill -9} mid-campaign then a restart sends nobody twice and ends every
 * contact (those the SMSC may have are UNKNOWN, never resent); SIGTERM mid-campaign stops within 10 s and, after
 * a restart, every contact got exactly one message and none is in doubt.
 */
class CampaignCrashTest {

    @TempDir
    Path tmp;

    private LoopbackSmsc smsc;
    private Path data;
    private Map<String, String> env;
    private ChildServer node;

    @BeforeEach
    void start() throws IOException {
        smsc = LoopbackSmsc.start("dialer", "pw");
        Path conf = tmp.resolve("dialer.yaml");
        Files.writeString(conf, SmsCampaigns.config(smsc));
        data = tmp.resolve("data");
        env = Map.of("DIALER_CONFIG", conf.toString());
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        smsc.close();
    }

    @Test
    void killNineMidCampaignThenRestartSendsNobodyTwiceAndEndsEveryContact() throws Exception {
        node = ChildServer.start(data, env);
        Map<String, Integer> idle = NodeConnections.of(data);
        System.out.printf("kill -9: the node's connections at idle: %s%n", idle);
        PoolWatch pool = PoolWatch.start(node);
        String id = SmsCampaigns.start(node, 2_000, 7_100_000, 60_000);
        await("about 1,000 submits", Duration.ofSeconds(60), () -> smsc.acceptedCount() >= 1_000);
        System.out.printf("kill -9: pool during the campaign: %s%n", pool.stop());
        node.kill9();
        long atKill = smsc.acceptedCount();
        // as after a real kill -9: the restart below must take over the PostgreSQL left running
        assertThat(node.postgres()).as("the embedded PostgreSQL outlives its killed node").isPresent();
        node = ChildServer.start(data, env);
        String token = node.adminToken();
        awaitComplete(node, token, id, Duration.ofSeconds(90));

        JsonObject progress = progress(node, token, id);
        Map<String, Long> submits = submitsByDestination(smsc);
        List<CSVRecord> rows = export(node, token, id);
        System.out.printf("kill -9: %d destinations got two or more submits%n", submits.values().stream().filter(n -> n > 1).count());
        Map<String, Integer> seenUnknown = new HashMap<>();
        for (CSVRecord r : rows) {
            String state = r.get("state");
            boolean seen = submits.containsKey(r.get("address"));
            seenUnknown.merge(state + (seen ? " (SMSC has it)" : " (SMSC never saw it)"), 1, Integer::sum);
            assertThat(state).as("contact %s", r.get("address")).isIn("SENT", "UNKNOWN");
            if (!seen) {
                assertThat(state).as("a contact the SMSC never saw is reported in doubt, not lost: " + r.get("address")).isEqualTo("UNKNOWN");
            }
            assertThat(r.get("messageStatus")).as("message of " + r.get("address")).isNotIn("QUEUED", "SUBMITTING");
        }
        System.out.printf("kill -9 at %d submits (%d accepted in all, %d destinations got two or more): contacts %s;"
                + " progress %s%n", atKill, smsc.acceptedCount(), submits.values().stream().filter(n -> n > 1).count(),
                seenUnknown, progress.encode());
        assertThat(submits).as("no destination got two submits").allSatisfy((to, n) -> assertThat(n).as(to).isEqualTo(1L));
        assertThat(rows).hasSize(2_000);
        assertThat(progress.getInteger("pending")).isZero();
        assertThat(progress.getInteger("sent") + progress.getInteger("unknown")).isEqualTo(2_000);
        assertThat(progress.getInteger("sent")).as("sent counts only accepted submits").isLessThanOrEqualTo(submits.size());
        assertThat(progress.getInteger("unknown")).as("at most the window and a group commit in doubt").isLessThanOrEqualTo(200);
    }

    @Test
    void sigtermMidCampaignStopsWithinTenSecondsAndTheRestartReachesEveryContactExactlyOnce() throws Exception {
        node = ChildServer.start(data, env);
        String id = SmsCampaigns.start(node, 3_000, 7_200_000, 60_000);
        await("about 1,000 submits", Duration.ofSeconds(60), () -> smsc.acceptedCount() >= 1_000);
        Duration took = node.sigterm(Duration.ofSeconds(10));
        long atStop = smsc.acceptedCount();
        Thread.sleep(200);
        assertThat(smsc.acceptedCount()).as("nothing is submitted after the process exited").isEqualTo(atStop);
        assertThat(node.postgres()).as("the embedded PostgreSQL stopped with the node").isEmpty();
        String log = String.join("\n", node.output());
        assertThat(log).doesNotContain("Connection is closed").doesNotContain("tick failed");
        assertThat(node.output()).as("no ERROR line in the stopping node's log").noneMatch(l -> l.contains(" ERROR "));

        node = ChildServer.start(data, env);
        String token = node.adminToken();
        awaitComplete(node, token, id, Duration.ofSeconds(90));
        JsonObject progress = progress(node, token, id);
        System.out.printf("SIGTERM at %d submits, exit took %d ms; after restart: %s%n", atStop, took.toMillis(), progress.encode());
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        Map<String, Long> submits = submitsByDestination(smsc);
        assertThat(submits).hasSize(3_000).allSatisfy((to, n) -> assertThat(n).as(to).isEqualTo(1L));
        assertThat(progress.getInteger("sent")).isEqualTo(3_000);
        assertThat(progress.getInteger("unknown")).isZero();
        assertThat(node.send("GET", "/metrics", null, null).body()).contains("dialer_sms_receipts_unknown_total 0.0")
                .contains("dialer_sms_receipts_early_total");
        assertThat(export(node, token, id)).allSatisfy(r -> {
            assertThat(r.get("state")).isEqualTo("SENT");
            assertThat(r.get("messageStatus")).isEqualTo("SENT");
        });
    }
}
