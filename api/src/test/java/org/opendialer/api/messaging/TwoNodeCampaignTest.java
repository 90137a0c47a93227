package org.opendialer.api.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendialer.api.messaging.SmsCampaigns.await;
import static org.opendialer.api.messaging.SmsCampaigns.awaitComplete;
import static org.opendialer.api.messaging.SmsCampaigns.export;
import static org.opendialer.api.messaging.SmsCampaigns.progress;
import static org.opendialer.api.messaging.SmsCampaigns.submitsByDestination;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.ChildServer;
import org.opendialer.api.SharedPostgres;
import org.opendialer.messaging.sms.sim.LoopbackSmsc;

/**
 * Two server processes (child JVMs) on one external PostgreSQL run the same SMS campaign at once against an SMSC
 * in this JVM that records every submit_sm. Together they send every contact exactly once and the campaign's
 * progress and attempt rows agree with what the SMSC got; when one of them is killed ({@code kill -9}) mid-run,
 * the survivor ends the dead node's in-flight contacts (UNKNOWN, never resent) and finishes the campaign alone.
 */
class TwoNodeCampaignTest {

    private static final int CONTACTS = 2_000;

    @TempDir
    Path tmp;

    private SharedPostgres pg;
    private LoopbackSmsc smsc;
    private Map<String, String> env;
    private ChildServer a;
    private ChildServer b;

    @BeforeEach
    void start() throws Exception {
        pg = SharedPostgres.start(); // the nodes' "external" server: they start none of their own
        smsc = LoopbackSmsc.start("dialer", "pw");
        Path conf = tmp.resolve("dialer.yaml");
        Files.writeString(conf, SmsCampaigns.config(smsc));
        env = Map.of("DIALER_CONFIG", conf.toString());
        a = pg.node(tmp.resolve("data-a"), "a", env);
        b = pg.node(tmp.resolve("data-b"), "b", env);
    }

    @AfterEach
    void stop() throws Exception {
        for (ChildServer n : new ChildServer[] {a, b}) {
            if (n != null) {
                n.close();
            }
        }
        smsc.close();
        pg.close();
    }

    @Test
    void twoProcessesSendEveryContactExactlyOnceAndCountWhatTheSmscGot() throws Exception {
        String id = SmsCampaigns.start(a, CONTACTS, 7_300_000, 12_000);
        String token = a.adminToken();
        awaitComplete(a, token, id, Duration.ofSeconds(90));
        awaitComplete(b, b.adminToken(), id, Duration.ofSeconds(10));

        JsonObject progress = progress(a, token, id);
        Map<String, Long> submits = submitsByDestination(smsc);
        Map<String, Integer> byNode = sentByNode(id);
        Map<String, Integer> attempts = attempts(id);
        long twice = submits.values().stream().filter(n -> n > 1).count();
        System.out.printf("two nodes: %d accepted submits to %d destinations, %d destinations twice, %d never;"
                        + " sent per node %s; attempts %s; progress %s%n", smsc.acceptedCount(), submits.size(), twice,
                CONTACTS - submits.size(), byNode.values(), attempts, progress.encode());
        assertThat(byNode).as("both processes sent part of the campaign").hasSize(2);
        assertThat(submits).as("every destination exactly once").hasSize(CONTACTS)
                .allSatisfy((to, n) -> assertThat(n).as(to).isEqualTo(1L));
        assertThat(progress.getInteger("sent")).isEqualTo(CONTACTS);
        assertThat(progress.getInteger("pending")).isZero();
        assertThat(progress.getInteger("unknown")).isZero();
        assertThat(attempts).as("one ACCEPTED attempt per submit the SMSC accepted")
                .isEqualTo(Map.of("ACCEPTED", (int) smsc.acceptedCount()));
        assertThat(export(a, token, id)).allSatisfy(r -> assertThat(r.get("state")).isEqualTo("SENT"));
    }

    @Test
    void whenOneProcessIsKilledTheSurvivorEndsItsInFlightContactsAndFinishes() throws Exception {
        String id = SmsCampaigns.start(a, CONTACTS, 7_400_000, 12_000);
        await("600 submits, both nodes sending", Duration.ofSeconds(60), () -> smsc.acceptedCount() >= 600 && bothClaimed(id));
        b.kill9();
        long atKill = smsc.acceptedCount();
        String token = a.adminToken();
        awaitComplete(a, token, id, Duration.ofSeconds(90));

        JsonObject progress = progress(a, token, id);
        Map<String, Long> submits = submitsByDestination(smsc);
        Map<String, Integer> attempts = attempts(id);
        Map<String, Integer> contacts = new TreeMap<>();
        for (CSVRecord r : export(a, token, id)) {
            boolean seen = submits.containsKey(r.get("address"));
            contacts.merge(r.get("state") + (seen ? " (SMSC has it)" : " (SMSC never saw it)"), 1, Integer::sum);
            assertThat(r.get("state")).as("contact %s", r.get("address")).isIn("SENT", "UNKNOWN");
            if (!seen) {
                assertThat(r.get("state")).as("a contact the SMSC never saw is in doubt, not lost: " + r.get("address"))
                        .isEqualTo("UNKNOWN");
            }
            assertThat(r.get("messageStatus")).as("message of " + r.get("address")).isNotIn("QUEUED", "SUBMITTING");
        }
        long twice = submits.values().stream().filter(n -> n > 1).count();
        System.out.printf("two nodes, kill -9 of one at %d submits: %d accepted to %d destinations, %d destinations twice;"
                        + " contacts %s; claimed per node %s; attempts %s; progress %s%n", atKill, smsc.acceptedCount(),
                submits.size(), twice, contacts, claimsByNode(id).values(), attempts, progress.encode());
        assertThat(submits).as("no destination got two submits").allSatisfy((to, n) -> assertThat(n).as(to).isEqualTo(1L));
        assertThat(claimsByNode(id)).as("both processes claimed part of the campaign").hasSize(2);
        assertThat(progress.getInteger("pending")).isZero();
        assertThat(progress.getInteger("sent") + progress.getInteger("unknown")).isEqualTo(CONTACTS);
        assertThat(contacts.getOrDefault("SENT (SMSC has it)", 0)).isEqualTo(progress.getInteger("sent"));
        assertThat(progress.getInteger("sent") + contacts.getOrDefault("UNKNOWN (SMSC has it)", 0))
                .as("sent plus in doubt but received is what the SMSC accepted").isEqualTo(submits.size());
        assertThat(attempts.get("ACCEPTED")).isEqualTo(progress.getInteger("sent"));
        assertThat(attempts.getOrDefault("UNKNOWN", 0)).isEqualTo(progress.getInteger("unknown"));
        assertThat(progress.getInteger("unknown")).as("at most the dead node's window and a group commit in doubt")
                .isLessThanOrEqualTo(200);
        assertThat(unknownOwners(id)).as("only the dead node's contacts are in doubt").hasSizeLessThanOrEqualTo(1)
                .doesNotContainKey(lastSender(id));
    }

    /** Messages the SMSC accepted, per node number (the sending node's lease). */
    private Map<String, Integer> sentByNode(String campaign) throws SQLException {
        return pg.counts("SELECT owner_node::text, count(*) FROM message WHERE campaign_id = ? AND status IN ('SENT', 'DELIVERED')"
                + " GROUP BY owner_node", UUID.fromString(campaign));
    }

    /** Messages claimed (any status), per node number. */
    private Map<String, Integer> claimsByNode(String campaign) throws SQLException {
        return pg.counts("SELECT owner_node::text, count(*) FROM message WHERE campaign_id = ? GROUP BY owner_node",
                UUID.fromString(campaign));
    }

    private boolean bothClaimed(String campaign) {
        try {
            return claimsByNode(campaign).size() == 2;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Integer> attempts(String campaign) throws SQLException {
        return pg.counts("SELECT outcome, count(*) FROM campaign_attempt WHERE campaign_id = ? GROUP BY outcome", UUID.fromString(campaign));
    }

    private Map<String, Integer> unknownOwners(String campaign) throws SQLException {
        return pg.counts("SELECT owner_node::text, count(*) FROM message WHERE campaign_id = ? AND status = 'UNKNOWN'"
                + " GROUP BY owner_node", UUID.fromString(campaign));
    }

    /** The node that claimed the campaign's last message: after the kill, only the survivor claims. */
    private String lastSender(String campaign) throws SQLException {
        return pg.counts("SELECT owner_node::text, 1 FROM message WHERE campaign_id = ? ORDER BY seq DESC LIMIT 1", UUID.fromString(campaign))
                .keySet().iterator().next();
    }
}
