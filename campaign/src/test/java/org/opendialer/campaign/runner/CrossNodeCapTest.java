package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.opendialer.acd.routing.Agent;
import org.opendialer.acd.routing.AgentState;
import org.opendialer.acd.routing.Queue;
import org.opendialer.campaign.pacing.AttemptOutcome;
import org.opendialer.campaign.pacing.Pacer;
import org.opendialer.campaign.pacing.PacerState;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignStatus;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.media.Playable;
import org.opendialer.store.Jdbc;
import org.opendialer.store.testing.ShiftedClock;

/**
 * Two campaign runners (two nodes) on one PostgreSQL and one queue: a campaign at its abandon cap on node A holds
 * the queue's campaigns on node B in B's next tick ({@code campaign_cap}, {@link CrossNodeCaps}); the hold ends when
 * A's pacer leaves its cap, and a row its node stopped refreshing holds nobody. Calls go to a trunk group with no
 * trunk (each ends at once): what is checked is each pacer's state, tick by tick. A node's abandon meter also counts
 * the live answers the campaign's other nodes settle ({@link OtherNodesAnswers}), each once, and its cap projection
 * the queue's calls ringing on the other nodes ({@link AgentReservations#ringingElsewhere}).
 */
class CrossNodeCapTest {

    final Fixture f = new Fixture();

    @Test
    void aCapOnOneNodeHoldsTheQueuesCampaignsOnTheOtherUntilItEnds() throws Exception {
        try (AgentRig rig = new AgentRig()) {
            Queue q = queue(rig);
            Campaign capped = campaign(rig, q, "x", 6600);
            Campaign peer = campaign(rig, q, "y", 6700);
            VoiceCampaignRunner a = runner(rig, AgentlessRunnerTest.node());
            VoiceCampaignRunner b = runner(rig, AgentlessRunnerTest.node());
            try {
                answer(a.pacer(capped), true); // node A's pacer: 1 abandon of 1 live answer, over the 3 % cap
                a.tick();
                assertThat(a.pacer(capped).state()).isEqualTo(PacerState.CAPPED);
                assertThat(rows(capped)).as("node A wrote its cap").containsExactly(a.node());

                b.tick();
                assertThat(b.pacer(peer).state()).as("the peer on node B, held in B's next tick")
                        .isEqualTo(PacerState.HELD);
                assertThat(b.pacer(capped).state()).as("and the capped campaign's own pacer on node B (under the cap)")
                        .isEqualTo(PacerState.HELD);
                assertThat(rows(peer)).as("a hold is not a cap: B writes nothing").isEmpty();

                for (int i = 0; i < 40; i++) {
                    answer(a.pacer(capped), false); // 1 of 41: 2.4 %, under the cap
                }
                a.tick();
                assertThat(a.pacer(capped).state()).isEqualTo(PacerState.WARMING_UP);
                assertThat(rows(capped)).as("deleted when A's pacer leaves CAPPED").isEmpty();
                b.tick();
                assertThat(b.pacer(peer).state()).as("released in B's next tick").isEqualTo(PacerState.WARMING_UP);
            } finally {
                a.close();
                b.close();
                stop(capped, peer);
            }
        }
    }

    @Test
    void aRowItsNodeStoppedRefreshingHoldsNobodyAndANodeClearsItsRowsAtStart() throws Exception {
        try (AgentRig rig = new AgentRig()) {
            Queue q = queue(rig);
            Campaign peer = campaign(rig, q, "z", 6800);
            String ghost = "ghost-" + UUID.randomUUID();
            UUID elsewhere = UUID.randomUUID(); // a campaign of the queue that only the ghost node paced
            VoiceCampaignRunner b = runner(rig, AgentlessRunnerTest.node());
            try {
                capRow(elsewhere, ghost, q.id(), Instant.now().minus(CrossNodeCaps.FRESH_FOR).minusSeconds(1));
                b.tick();
                assertThat(b.pacer(peer).state()).as("a stale row").isEqualTo(PacerState.WARMING_UP);

                capRow(elsewhere, ghost, q.id(), Instant.now()); // the same row, fresh: it holds (the test can fail)
                b.tick();
                assertThat(b.pacer(peer).state()).as("a fresh row").isEqualTo(PacerState.HELD);
            } finally {
                b.close();
                stop(peer);
            }
            runner(rig, ghost).close(); // the ghost node starts again: its rows go
            assertThat(rowsOfNode(ghost)).isZero();
        }
    }

    @Test
    void anotherNodesLiveAnswersCountInThisNodesMeterEachOnce() throws Exception {
        try (AgentRig rig = new AgentRig()) {
            Queue q = queue(rig);
            Campaign c = campaign(rig, q, "w", 6900);
            String other = "other-" + UUID.randomUUID();
            settledElsewhere(c, other, true, Instant.now()); // before this node's pacer: its restore counts it
            ShiftedClock clock = new ShiftedClock();
            VoiceCampaignRunner b = new VoiceCampaignRunner(f.ds, f.ledger, rig.sessions, LiveAnswerFlows.NONE,
                    rig.queueCalls, clock, AgentlessRunnerTest.node());
            try {
                b.tick();
                assertThat(b.pacer(c).abandonRate()).as("1 abandon of 1 live answer, from the history").isEqualTo(1.0);
                for (int i = 0; i < 3; i++) {
                    settledElsewhere(c, other, false, clock.instant());
                }
                clock.advance(OtherNodesAnswers.EVERY.plusSeconds(1));
                b.tick();
                assertThat(b.pacer(c).abandonRate()).as("1 of 4: the other node's three new answers, and the first"
                        + " not counted again").isEqualTo(0.25);
                clock.advance(OtherNodesAnswers.EVERY.plusSeconds(1));
                b.tick();
                assertThat(b.pacer(c).abandonRate()).as("no answer counted twice by a later poll").isEqualTo(0.25);
            } finally {
                b.close();
                stop(c);
            }
        }
    }

    @Test
    void theCallsRingingOnTheQueueOnAnotherNodeCountInThisNodesCapProjection() throws Exception {
        try (AgentRig rig = new AgentRig()) {
            Queue q = queue(rig); // two idle agents
            Campaign c = campaign(rig, q, "v", 7000);
            VoiceCampaignRunner a = runner(rig, AgentlessRunnerTest.node());
            VoiceCampaignRunner b = runner(rig, AgentlessRunnerTest.node());
            try {
                // node A (alive) has eight calls of the queue not yet in the ACD: open attempts, no interaction
                assertThat(new ContactClaims(f.ds).claim(c, new Gates(f.ds, f.ledger, new AttemptStore(f.ds),
                        Clock.systemUTC()).of(c), 8, Clock.systemUTC().instant(), a.node())).hasSize(8);
                Pacer p = b.pacer(c);
                synchronized (p) { // node B's pacer, warm: every call a person within 5-20 s; 0 abandons of 40
                    for (int i = 0; i < 50; i++) {
                        p.callEnded(AttemptOutcome.LIVE, Duration.ofSeconds(5 + i % 16));
                    }
                    for (int i = 0; i < 10; i++) {
                        p.handled(Duration.ofSeconds(120), Duration.ofSeconds(10));
                    }
                    for (int i = 0; i < 40; i++) {
                        p.liveAnswer(false);
                    }
                }
                b.tick();
                // alone on node B with nothing ringing there, its projection was 1 / 41 (2.4 %); A's eight calls
                // against two agents bring about six answers with no agent: well over the 3 % cap
                assertThat(p.state()).as("node B's pacer, projected with node A's calls ringing").isEqualTo(PacerState.CAPPED);
                assertThat(p.abandonRate()).as("measured: still none abandoned").isZero();
                assertThat(rows(c)).as("node B wrote the cap, which holds node A").containsExactly(b.node());
                a.tick();
                assertThat(a.pacer(c).state()).isEqualTo(PacerState.HELD);
            } finally {
                a.close();
                b.close();
                stop(c);
            }
        }
    }

    /** A live answer of campaign {@code c} that node {@code node} placed and settled (ended at {@code at}). */
    private void settledElsewhere(Campaign c, String node, boolean abandoned, Instant at) throws Exception {
        try (var conn = f.ds.getConnection(); var st = conn.prepareStatement("""
                INSERT INTO dial_attempt (id, campaign_id, list_id, contact_id, number, phone_column, node, created_at,
                    result, live_answer, abandoned, answered_at, ended_at)
                VALUES (?, ?, ?, ?, '+12015550000', 'phone', ?, ?, ?, true, ?, ?, ?)""")) {
            st.setObject(1, UUID.randomUUID());
            st.setObject(2, c.id());
            st.setObject(3, c.settings().contactListId());
            st.setString(4, "elsewhere-" + UUID.randomUUID());
            st.setString(5, node);
            st.setTimestamp(6, Timestamp.from(at.minusSeconds(40)));
            st.setString(7, abandoned ? "abandoned" : "agent");
            st.setBoolean(8, abandoned);
            st.setTimestamp(9, Timestamp.from(at.minusSeconds(30)));
            st.setTimestamp(10, Timestamp.from(at));
            st.executeUpdate();
        }
    }

    private VoiceCampaignRunner runner(AgentRig rig, String node) {
        return new VoiceCampaignRunner(f.ds, f.ledger, rig.sessions, LiveAnswerFlows.NONE, rig.queueCalls,
                Clock.systemUTC(), node);
    }

    private static void answer(Pacer p, boolean abandoned) {
        synchronized (p) {
            p.liveAnswer(abandoned);
        }
    }

    /** A progressive campaign on {@code q}, on, with 20 contacts of numbers only this test uses (the DNC is global). */
    private Campaign campaign(AgentRig rig, Queue q, String prefix, int numbers) throws Exception {
        ContactList list = f.list(IntStream.range(0, 20).mapToObj(i -> prefix + i + ",+1201555" + (numbers + i) + ",,")
                .toArray(String[]::new));
        Campaign c = f.progressiveOnQueue(list, q.id(), 3, "nowhere");
        rig.sessions.prefetch(new Playable.Tts(c.settings().agentMode().safeHarbourMessage())).get(60, TimeUnit.SECONDS);
        f.campaigns.moveTo(c.id(), CampaignStatus.ON);
        return c;
    }

    private static Queue queue(AgentRig rig) {
        Queue q = rig.acd.queues().create(Queue.Settings.named("xcap" + UUID.randomUUID()).withTimers(0, 10, 1));
        for (int i = 0; i < 2; i++) {
            Agent a = rig.acd.agents().create("agent " + UUID.randomUUID(), null, null, null);
            rig.acd.agents().join(q.id(), List.of(a.id()));
            rig.acd.agents().request(a.id(), AgentState.AVAILABLE, null);
        }
        return q;
    }

    private void capRow(UUID campaignId, String node, UUID queueId, Instant at) throws Exception {
        try (var conn = f.ds.getConnection(); var st = conn.prepareStatement("""
                INSERT INTO campaign_cap (campaign_id, node, queue_id, capped_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (campaign_id, node) DO UPDATE SET capped_at = EXCLUDED.capped_at""")) {
            st.setObject(1, campaignId);
            st.setString(2, node);
            st.setObject(3, queueId);
            st.setTimestamp(4, Timestamp.from(at));
            st.executeUpdate();
        }
    }

    private List<String> rows(Campaign c) throws Exception {
        try (var conn = f.ds.getConnection();
             var st = conn.prepareStatement("SELECT node FROM campaign_cap WHERE campaign_id = ?")) {
            st.setObject(1, c.id());
            List<String> out = new java.util.ArrayList<>();
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private long rowsOfNode(String node) {
        return new Jdbc(f.ds).count("rows of a node", "SELECT count(*) FROM campaign_cap WHERE node = ?", node);
    }

    private void stop(Campaign... cs) {
        for (Campaign c : cs) {
            if (f.campaigns.require(c.id()).status() == CampaignStatus.ON) {
                f.campaigns.moveTo(c.id(), CampaignStatus.STOPPING);
            }
        }
    }
}
