package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignStatus;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.sip.Sipp;
import org.opendialer.store.AdvisoryLock;
import org.opendialer.store.testing.ManualClock;

/**
 * Node safety: a node that dies between the attempt's commit and the call's end leaves an open attempt that a live
 * node ends {@code interrupted} (never touching a live node's), the contact is dialled again only as a new attempt
 * after its delay; and two nodes running one campaign against one carrier dial every contact exactly once.
 */
class CrashAndTwoNodesTest {

    final Fixture f = new Fixture();
    final AttemptStore attempts = new AttemptStore(f.ds);

    @Test
    void aDeadNodesOpenAttemptsEndInterruptedAndAreRedialledOnlyAsANewAttempt() throws Exception {
        try (Sipp busy = Sipp.uas("uas-busy.xml", 1);
             Rig rig = new Rig(Rig.trunk("busy", busy.port, "busy"))) {
            ManualClock clock = new ManualClock(Instant.now());
            ContactList list = f.list("k1,+12015550111,,", "k2,+12015550112,,");
            Campaign c = f.campaign(list, s -> Fixture.with(s, n -> n.put("trunkGroup", "busy")));
            String k1 = f.idOf(list, "k1"), k2 = f.idOf(list, "k2");

            // node "dead": claimed k1 (attempt committed, INVITE maybe sent), then killed: its lease connection is gone
            VoiceCampaignRunner dead = new VoiceCampaignRunner(f.ds, f.ledger, rig.sessions, LiveAnswerFlows.NONE, clock, AgentlessRunnerTest.node());
            Gates gates = new Gates(f.ds, f.ledger, attempts, clock);
            String deadNode = claimOne(c, gates, clock, dead, k1);
            killBackendOf(deadNode);
            // node "alive": claimed k2 and still runs
            VoiceCampaignRunner alive = new VoiceCampaignRunner(f.ds, f.ledger, rig.sessions, LiveAnswerFlows.NONE, clock, AgentlessRunnerTest.node());
            String aliveNode = claimOne(c, gates, clock, alive, k2);

            f.campaigns.moveTo(c.id(), CampaignStatus.ON);
            VoiceCampaignRunner survivor = new VoiceCampaignRunner(f.ds, f.ledger, rig.sessions, LiveAnswerFlows.NONE, clock, AgentlessRunnerTest.node());
            try {
                survivor.tick(); // first tick sweeps: the dead node's attempt ends, the live one's stays open
                List<Attempt> all = attempts.page(c.id(), 10, 1).items();
                assertThat(all).filteredOn(a -> a.node().equals(deadNode)).singleElement()
                        .satisfies(a -> assertThat(a.result()).isEqualTo("interrupted"));
                assertThat(all).filteredOn(a -> a.node().equals(aliveNode)).singleElement()
                        .satisfies(a -> assertThat(a.result()).isNull());
                assertThat(all).as("k1 waits the failed delay, k2 is in flight: no call").hasSize(2);
                assertThat(survivor.inFlight()).isZero();

                clock.advance(Duration.ofSeconds(1801)); // interrupted waits like failed (30 min by default)
                survivor.tick();
                AgentlessRunnerTest.await("k1's second attempt settles", () -> attempts.page(c.id(), 10, 1).items().stream()
                        .filter(a -> a.contactId().equals(k1) && "busy".equals(a.result())).count() == 1);
                List<Attempt> k1s = attempts.page(c.id(), 10, 1).items().stream().filter(a -> a.contactId().equals(k1)).toList();
                assertThat(k1s).extracting(Attempt::result).containsExactlyInAnyOrder("interrupted", "busy");
                assertThat(busy.await(20)).as("exactly one call reached the carrier: " + busy.errors()).isZero();

                alive.close(); // a clean stop ends its own open attempt too
                assertThat(attempts.page(c.id(), 10, 1).items()).filteredOn(a -> a.node().equals(aliveNode))
                        .singleElement().satisfies(a -> assertThat(a.result()).isEqualTo("interrupted"));
            } finally {
                survivor.close();
            }
        }
    }

    @Test
    void aNodeRestartedWithItsIdEndsWhatItsCrashLeftOpenBeforeItDialsAgain() throws Exception {
        try (Rig rig = new Rig()) {
            ManualClock clock = new ManualClock(Instant.now());
            ContactList list = f.list("r1,+12015550141,,");
            Campaign c = f.campaign(list, s -> s);
            String node = AgentlessRunnerTest.node();
            VoiceCampaignRunner before = new VoiceCampaignRunner(f.ds, f.ledger, rig.sessions, LiveAnswerFlows.NONE, clock, node);
            claimOne(c, new Gates(f.ds, f.ledger, attempts, clock), clock, before, f.idOf(list, "r1"));
            killBackendOf(node);

            VoiceCampaignRunner after = new VoiceCampaignRunner(f.ds, f.ledger, rig.sessions, LiveAnswerFlows.NONE, clock, node);
            try {
                assertThat(attempts.page(c.id(), 10, 1).items()).singleElement().satisfies(a -> {
                    assertThat(a.result()).isEqualTo("interrupted");
                    assertThat(a.endedAt()).isNotNull();
                });
                assertThat(new ContactClaims(f.ds).pending(c)).as("still to dial: the interrupted attempt used 1 of its 3").isEqualTo(1);
            } finally {
                after.close();
            }
        }
    }

    @Test
    void twoNodesOnOneDatabaseDialEveryContactOnce() throws Exception {
        int n = 16;
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add("t" + i + ",+1201556" + String.format("%04d", i) + ",,");
        }
        try (Sipp carrier = Sipp.uas("uas-busy.xml", n);
             Rig a = new Rig(Rig.trunk("busy", carrier.port, "busy"));
             Rig b = new Rig(Rig.trunk("busy", carrier.port, "busy"))) {
            Campaign c = f.campaign(f.list(rows.toArray(String[]::new)), s -> Fixture.with(s, x -> {
                x.put("trunkGroup", "busy");
                x.put("maxAttemptsPerContact", 1);
                return x.put("callsPerSecond", 4);
            }));
            f.campaigns.moveTo(c.id(), CampaignStatus.ON);
            VoiceCampaignRunner ra = new VoiceCampaignRunner(f.ds, f.ledger, a.sessions, LiveAnswerFlows.NONE, Clock.systemUTC(), AgentlessRunnerTest.node())
                    .start(Duration.ofMillis(50));
            VoiceCampaignRunner rb = new VoiceCampaignRunner(f.ds, f.ledger, b.sessions, LiveAnswerFlows.NONE, Clock.systemUTC(), AgentlessRunnerTest.node())
                    .start(Duration.ofMillis(50));
            try {
                AgentlessRunnerTest.await("every contact settled", () -> attempts.page(c.id(), 100, 1).items().stream()
                        .filter(x -> x.result() != null).count() == n);
                AgentlessRunnerTest.await("the campaign completes", () -> f.campaigns.require(c.id()).status() == CampaignStatus.COMPLETE);
            } finally {
                ra.close();
                rb.close();
            }
            List<Attempt> all = attempts.page(c.id(), 100, 1).items();
            assertThat(all).hasSize(n).allSatisfy(x -> assertThat(x.result()).isEqualTo("busy"));
            assertThat(new HashSet<>(all.stream().map(Attempt::contactId).toList())).hasSize(n);
            assertThat(new HashSet<>(all.stream().map(Attempt::number).toList())).hasSize(n);
            assertThat(carrier.await(20)).as(carrier.errors()).isZero();
        }
    }

    private String claimOne(Campaign c, Gates gates, Clock clock, VoiceCampaignRunner owner, String contactId) {
        String node = nodeOf(owner);
        List<ContactClaims.Claim> got;
        do { // claim in list order until the wanted contact is this node's
            got = new ContactClaims(f.ds).claim(c, gates.of(c), 1, clock.instant(), node);
        } while (!got.isEmpty() && !got.getFirst().contact().contactId().equals(contactId));
        assertThat(got).isNotEmpty();
        return node;
    }

    /** What {@code kill -9} of a node does to the database: its sessions end, and their advisory locks with them. */
    private void killBackendOf(String node) throws java.sql.SQLException, InterruptedException {
        try (var con = f.ds.getConnection(); var st = con.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_locks"
                + " WHERE locktype = 'advisory' AND classid = ? AND objid = (hashtext(?)::bigint & 4294967295)::oid")) {
            st.setLong(1, AdvisoryLock.RUNNER_LEASE.space());
            st.setString(2, node);
            var rs = st.executeQuery();
            assertThat(rs.next()).as("the node's lease was found").isTrue();
        }
        // pg_terminate_backend only signals: wait until the session and its lock are gone
        AgentlessRunnerTest.await("the killed session's lock is released", () -> new org.opendialer.store.Jdbc(f.ds).count("lock",
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = ? AND objid = (hashtext(?)::bigint & 4294967295)::oid",
                (long) AdvisoryLock.RUNNER_LEASE.space(), node) == 0);
    }

    private static String nodeOf(VoiceCampaignRunner r) {
        return r.node();
    }
}
