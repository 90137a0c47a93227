package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opendialer.acd.routing.Agent;
import org.opendialer.acd.routing.AgentState;
import org.opendialer.acd.routing.Queue;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignStatus;
import org.opendialer.media.Playable;

/**
 * Two campaign runners (two nodes) on one database and one ACD queue: the queue's agents are shared through
 * PostgreSQL, not per node. A live answer's agent reservation is seen by the other node and taken in campaign
 * priority order; a node's pacer leaves the agents the other node's calls hold.
 */
class TwoNodeAgentSharingTest {

    final Fixture f = new Fixture();
    final AttemptStore attempts = new AttemptStore(f.ds);

    @Test
    void reservationsAreSharedByTheNodesAndTakenInPriorityOrder() throws Exception {
        try (AgentRig rig = new AgentRig()) {
            Queue q = queue(rig, 1);
            Campaign low = f.progressiveOnQueue(f.list("l1,+12015556501,,"), q.id(), 2, "nowhere");
            Campaign high = f.progressiveOnQueue(f.list("h1,+12015556511,,"), q.id(), 4, "nowhere");
            VoiceCampaignRunner a = runner(rig);
            VoiceCampaignRunner b = runner(rig);
            try {
                assertThat(a.reserveAgent(low, "a-low-1")).as("the queue's one agent, for node A's answer").isTrue();
                assertThat(b.reserveAgent(low, "b-low-1")).as("node B sees node A's reservation").isFalse();
                assertThat(a.reserveAgent(high, "a-high-1"))
                        .as("a higher campaign's answer is not held off by a lower one's (the ACD offers it first)").isTrue();
                assertThat(b.reserveAgent(high, "b-high-1")).as("but by one of its own level").isFalse();

                a.releaseAgent(high, "a-high-1");
                assertThat(b.reserveAgent(high, "b-high-2")).as("released on node A, free for node B").isTrue();
                b.releaseAgent(high, "b-high-2");
                a.releaseAgent(low, "a-low-1");
                assertThat(b.reserveAgent(low, "b-low-2")).isTrue();
                b.releaseAgent(low, "b-low-2");
            } finally {
                a.close();
                b.close();
            }
        }
    }

    @Test
    void aNodesPacerLeavesTheAgentsAnotherNodesCallsHold() throws Exception {
        try (AgentRig rig = new AgentRig()) {
            Queue q = queue(rig, 2);
            Campaign c = f.progressiveOnQueue(f.list("p1,+12015556521,,", "p2,+12015556522,,", "p3,+12015556523,,"),
                    q.id(), 3, "nowhere");
            rig.sessions.prefetch(new Playable.Tts(c.settings().agentMode().safeHarbourMessage())).get(60, TimeUnit.SECONDS);
            f.campaigns.moveTo(c.id(), CampaignStatus.ON);
            // node A (alive: it holds its lease) placed one call that still rings: open attempt, no interaction yet
            VoiceCampaignRunner a = runner(rig);
            VoiceCampaignRunner b = runner(rig);
            try {
                assertThat(new ContactClaims(f.ds).claim(c, new Gates(f.ds, f.ledger, attempts, Clock.systemUTC()).of(c), 1,
                        Clock.systemUTC().instant(), a.node())).hasSize(1);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (total(c) == 1 && System.nanoTime() < deadline) {
                    b.tick();
                }
                assertThat(total(c)).as("node B's first dialing tick: two idle agents, one held by node A's call")
                        .isEqualTo(2);
            } finally {
                a.close();
                b.close();
                stop(c);
            }
        }
    }

    @Test
    void aLiveAnswerEntersTheAcdAtItsCampaignsPriorityAndGivesItsReservationBack() throws Exception {
        try (AgentRig rig = new AgentRig()) {
            Queue q = queue(rig, 0);
            Campaign c = f.progressiveOnQueue(f.list("r1,+12015556531,,"), q.id(), 4, "main");
            f.campaigns.moveTo(c.id(), CampaignStatus.ON);
            try (AgentRig.Staffed ana = rig.agent(q, "ana")) {
                VoiceCampaignRunner runner = runner(rig).start(java.time.Duration.ofMillis(200));
                try {
                    // connected or (a phone slower than the 1.5 s grace) withdrawn: queued either way, which is what counts
                    AgentlessRunnerTest.await("the answer queued and settled", () -> attempts.page(c.id(), 10, 1)
                            .items().stream().anyMatch(a -> a.liveAnswer() && a.result() != null));
                } finally {
                    runner.close();
                    stop(c);
                }
            }
            assertThat(sql("SELECT priority FROM routing_interaction WHERE campaign_id = ?", c.id()))
                    .as("the queue's own priority is 0").containsExactly(4L);
            assertThat(sql("SELECT count(*) FROM agent_reservation WHERE campaign_id = ?", c.id())).containsExactly(0L);
        }
    }

    private List<Long> sql(String query, UUID id) throws Exception {
        try (var conn = f.ds.getConnection(); var st = conn.prepareStatement(query)) {
            st.setObject(1, id);
            List<Long> out = new java.util.ArrayList<>();
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    private VoiceCampaignRunner runner(AgentRig rig) {
        return new VoiceCampaignRunner(f.ds, f.ledger, rig.sessions, LiveAnswerFlows.NONE, rig.queueCalls,
                Clock.systemUTC(), AgentlessRunnerTest.node());
    }

    private static Queue queue(AgentRig rig, int availableAgents) {
        Queue q = rig.acd.queues().create(Queue.Settings.named("twonode" + UUID.randomUUID()).withTimers(0, 10, 1));
        for (int i = 0; i < availableAgents; i++) {
            Agent a = rig.acd.agents().create("agent " + UUID.randomUUID(), null, null, null);
            rig.acd.agents().join(q.id(), List.of(a.id()));
            rig.acd.agents().request(a.id(), AgentState.AVAILABLE, null);
        }
        return q;
    }

    /** Stops a campaign still on (one whose contacts are all dialled completes by itself). */
    private void stop(Campaign c) {
        if (f.campaigns.require(c.id()).status() == CampaignStatus.ON) {
            f.campaigns.moveTo(c.id(), CampaignStatus.STOPPING);
        }
    }

    private long total(Campaign c) {
        return attempts.page(c.id(), 100, 1).total();
    }
}
