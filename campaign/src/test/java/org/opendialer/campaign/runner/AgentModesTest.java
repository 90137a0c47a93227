package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opendialer.acd.routing.AgentState;
import org.opendialer.acd.routing.Queue;
import org.opendialer.campaign.pacing.AgentView;
import org.opendialer.campaign.pacing.PacerState;
import org.opendialer.campaign.pacing.PacingSnapshot;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignStatus;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.media.Playable;

/**
 * The agent modes on real calls: the runner dials a carrier whose numbers answer as people (AMD off: the greeting
 * ends at the answer), live answers go through the ACD's {@link org.opendialer.acd.calls.QueueCalls} to registered
 * baresip agents, and an answer no agent takes hears the safe-harbour message within 2 s at the carrier.
 */
class AgentModesTest {

    final Fixture f = new Fixture();
    final AttemptStore attempts = new AttemptStore(f.ds);

    @Test
    void progressiveWithOneAgentDialsOneAtATimeAndConnectsEachAnswerToTheAgent() throws Exception {
        try (AgentRig rig = new AgentRig()) {
            Queue q = rig.acd.queues().create(Queue.Settings.named("prog" + UUID.randomUUID()).withTimers(0, 10, 1));
            ContactList list = f.list("a1,+12015550301,,", "a2,+12015550302,,");
            Campaign c = agentCampaign(list, q, "progressive", 2.0);
            try (AgentRig.Staffed ana = rig.agent(q, "ana")) {
                VoiceCampaignRunner runner = runner(rig);
                try {
                    runner.start(Duration.ofMillis(200));
                    AgentlessRunnerTest.await("both settled", () -> settled(c) == 2);
                    List<Attempt> all = attempts.page(c.id(), 10, 1).items();
                    assertThat(all).as(all.toString()).extracting(Attempt::result).containsOnly("agent");
                    assertThat(rig.maxConcurrent.get()).as("one call at a time for one agent").isEqualTo(1);
                    for (Attempt a : all) {
                        assertThat(a.agent().agentId()).isEqualTo(ana.agent().id());
                        assertThat(a.abandoned()).isFalse();
                        assertThat(a.liveAnswer()).isTrue();
                        // answered within the 1.5 s grace, bridged (audio both ways) within the 2 s
                        assertThat(a.agent().timeToAgentMs()).isNotNull().isLessThan(2000L);
                        assertThat(a.agent().agentTalkMs()).as("bridged until the customer hung up").isGreaterThan(1000);
                    }
                    // the agent's voice (its phone's sine) reached each customer: the bridge carried audio
                    assertThat(rig.heard.values()).allSatisfy(h -> assertThat(h.loudFrames.get()).isGreaterThan(25));
                    AgentlessRunnerTest.await("the first call's wrap-up is measured",
                            () -> attempts.page(c.id(), 10, 1).items().stream().anyMatch(a -> a.agent().wrapUpMs() != null));
                    assertThat(interactionDirections(c)).containsOnly("outbound");
                } finally {
                    runner.close();
                    stop(c);
                }
            }
        }
    }

    @Test
    void powerTwoToOneAbandonsTheSecondAnswerWithTheSafeHarbourMessageWithinTwoSeconds() throws Exception {
        try (AgentRig rig = new AgentRig()) {
            rig.talk = Duration.ofSeconds(6);
            Queue q = rig.acd.queues().create(Queue.Settings.named("power" + UUID.randomUUID()).withTimers(0, 10, 1));
            ContactList list = f.list("p1,+12015550311,,", "p2,+12015550312,,");
            Campaign c = agentCampaign(list, q, "power", 2.0);
            seed(c, 60, 0); // a warm history under the cap: power may dial ahead
            try (AgentRig.Staffed ana = rig.agent(q, "bea")) {
                VoiceCampaignRunner runner = runner(rig);
                try {
                    AgentlessRunnerTest.await("the safe-harbour message rendered and 2 lines dialled", () -> {
                        runner.tick();
                        return runner.inFlight() > 0;
                    });
                    assertThat(runner.inFlight()).as("2 lines for the one idle agent").isEqualTo(2);
                    AgentlessRunnerTest.await("both settled", () -> settled(c) == 2);
                    List<Attempt> mine = attempts.page(c.id(), 100, 1).items().stream()
                            .filter(a -> a.number().startsWith("+1201555031")).toList();
                    assertThat(mine).as(mine.toString()).extracting(Attempt::result)
                            .containsExactlyInAnyOrder("agent", "abandoned");
                    Attempt abandoned = mine.stream().filter(a -> a.result().equals("abandoned")).findFirst().orElseThrow();
                    assertThat(abandoned.abandoned()).isTrue();
                    assertThat(abandoned.liveAnswer()).isTrue();
                    assertThat(abandoned.agent().agentId()).isNull();
                    AgentRig.Heard h = rig.heard.get(abandoned.number());
                    assertThat(h.msToFirstLoud()).as("safe-harbour speech at the carrier after its answer " + mine)
                            .isBetween(0L, 1999L);
                    assertThat(h.loudFrames.get()).as("the message, seconds of speech").isGreaterThan(50);
                    System.out.printf("power 2:1: safe-harbour speech at the carrier %d ms after its answer; time to agent %s ms%n",
                            h.msToFirstLoud(), mine.stream().filter(a -> a.result().equals("agent")).findFirst().orElseThrow()
                                    .agent().timeToAgentMs());
                    assertThat(runner.pacer(c).abandonRate()).isEqualTo(1.0 / 62);
                } finally {
                    runner.close();
                    stop(c);
                }
            }
        }
    }

    @Test
    void predictiveAtItsCapDialsOneToOneAndTheMeterIsRebuiltAfterARestart() throws Exception {
        try (AgentRig rig = new AgentRig()) {
            Queue q = rig.acd.queues().create(Queue.Settings.named("pred" + UUID.randomUUID()).withTimers(0, 10, 1));
            ContactList list = f.list("d1,+12015550321,,", "d2,+12015550322,,", "d3,+12015550323,,");
            Campaign c = agentCampaign(list, q, "predictive", 2.0);
            seed(c, 97, 3); // 3 abandoned of 100 live answers: at the 3 % cap
            Campaign under = agentCampaign(f.list("u1,+12015550329,,"), q, "predictive", 2.0);
            seed(under, 100, 0);
            try (AgentRig.Staffed ana = rig.agent(q, "cy")) {
                VoiceCampaignRunner runner = runner(rig);
                try {
                    // the same warm statistics without abandons let predictive dial ahead
                    var free = new PacingSnapshot(List.of(AgentView.idle(Duration.ofSeconds(5))), List.of());
                    runner.pacer(under).decide(free);
                    assertThat(runner.pacer(under).state()).isEqualTo(PacerState.PACING);
                    f.campaigns.moveTo(under.id(), CampaignStatus.STOPPING);

                    AgentlessRunnerTest.await("the safe-harbour message rendered and a call placed", () -> {
                        runner.tick();
                        return runner.inFlight() > 0;
                    });
                    assertThat(runner.pacer(c).abandonRate()).isEqualTo(0.03);
                    assertThat(runner.pacer(c).state()).isEqualTo(PacerState.CAPPED);
                    assertThat(runner.inFlight()).as("capped: one call for the one idle agent").isEqualTo(1);
                    AgentlessRunnerTest.await("the call settled", () -> settled(c) == 1);
                    assertThat(attempts.page(c.id(), 200, 1).items().stream().filter(a -> a.number().startsWith("+1201555032"))
                            .map(Attempt::result)).containsExactly("agent");
                } finally {
                    runner.close();
                }
                // a restart forgets nothing: the window comes back from the attempt history, so the cap still holds
                VoiceCampaignRunner again = runner(rig);
                try {
                    assertThat(again.pacer(c).abandonRate()).isEqualTo(3.0 / 101);
                    AgentlessRunnerTest.await("the agent is free again", () -> rig.state(ana) == AgentState.AVAILABLE);
                    AgentlessRunnerTest.await("a call placed after the restart", () -> {
                        again.tick();
                        return again.inFlight() > 0;
                    });
                    assertThat(again.pacer(c).state()).isEqualTo(PacerState.CAPPED);
                    assertThat(again.inFlight()).isEqualTo(1);
                    AgentlessRunnerTest.await("the second call settled", () -> settled(c) == 2);
                } finally {
                    again.close();
                    stop(c);
                }
            }
        }
    }

    @Test
    void aCampaignAtItsCapHoldsItsPeerOnTheQueueToOneToOneInTheSameTick() throws Exception {
        try (AgentRig rig = new AgentRig()) {
            Queue q = rig.acd.queues().create(Queue.Settings.named("held" + UUID.randomUUID()).withTimers(0, 10, 1));
            // the peer is asked first (higher priority) and has the idle agent; the capped one is asked after it
            Campaign peer = agentCampaign(f.list("p1,+12015550341,,", "p2,+12015550342,,", "p3,+12015550343,,"), q,
                    "predictive", 2.0, 4);
            seed(peer, 100, 0);
            Campaign capped = agentCampaign(f.list("c1,+12015550346,,"), q, "predictive", 2.0, 3);
            seed(capped, 97, 3); // at the 3 % cap
            // rendered before the first tick: a campaign whose message is not ready returns before its pacer decides,
            // so the capped one could take the agent in a tick the peer sat out (its state then still WARMING_UP)
            rig.sessions.prefetch(new Playable.Tts(peer.settings().agentMode().safeHarbourMessage()))
                    .get(60, TimeUnit.SECONDS);
            try (AgentRig.Staffed ana = rig.agent(q, "held")) {
                VoiceCampaignRunner runner = runner(rig);
                try {
                    AgentlessRunnerTest.await("the safe-harbour message rendered and a call placed", () -> {
                        runner.tick();
                        return runner.inFlight() > 0;
                    });
                    assertThat(runner.pacer(capped).state()).isEqualTo(PacerState.CAPPED);
                    assertThat(runner.pacer(peer).state()).as("held by its capped peer, not pacing ahead")
                            .isEqualTo(PacerState.HELD);
                    assertThat(runner.inFlight()).as("one call for the one idle agent").isEqualTo(1);
                    AgentlessRunnerTest.await("the call settled", () -> settled(peer) + settled(capped) == 1);
                } finally {
                    runner.close();
                    stop(peer);
                    stop(capped);
                }
            }
        }
    }

    /** The shared database outlives the test: other tests' runners must not find this campaign on. */
    private void stop(Campaign c) {
        if (f.campaigns.require(c.id()).status() == CampaignStatus.ON) {
            f.campaigns.moveTo(c.id(), CampaignStatus.STOPPING);
        }
    }

    private VoiceCampaignRunner runner(AgentRig rig) {
        return new VoiceCampaignRunner(f.ds, f.ledger, rig.sessions, LiveAnswerFlows.NONE, rig.queueCalls,
                Clock.systemUTC(), AgentlessRunnerTest.node());
    }

    private Campaign agentCampaign(ContactList list, Queue q, String mode, double ratio) {
        return agentCampaign(list, q, mode, ratio, 3);
    }

    private Campaign agentCampaign(ContactList list, Queue q, String mode, double ratio, int priority) {
        Campaign c = f.campaign(list, s -> Fixture.with(s, n -> {
            n.put("trunkGroup", "main").put("dialingMode", mode).put("queueId", q.id().toString())
                    .put("priority", priority).remove("message");
            n.putObject("amd").put("enabled", false);
            n.putObject("agentMode").put("powerRatio", ratio).put("safeHarbourCompany", "Acme Energy")
                    .put("safeHarbourNumber", "555 0100");
            return n;
        }));
        f.campaigns.moveTo(c.id(), CampaignStatus.ON);
        return c;
    }

    /** Settled attempts of the last hour: {@code connected} with an agent and {@code abandoned}, plus as many no-answers. */
    private void seed(Campaign c, int connected, int abandoned) throws Exception {
        Instant at = Instant.now().minus(Duration.ofHours(1));
        try (Connection conn = f.ds.getConnection(); PreparedStatement s = conn.prepareStatement("""
                INSERT INTO dial_attempt (id, campaign_id, list_id, contact_id, number, phone_column, node, created_at,
                    result, live_answer, abandoned, answered_at, ended_at, time_to_answer_ms, duration_ms, agent_talk_ms,
                    wrap_up_ms) VALUES (?, ?, ?, ?, ?, 'phone', 'seed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            int n = connected + abandoned;
            for (int i = 0; i < 2 * n; i++) {
                boolean live = i < n;
                boolean ab = i >= connected && live;
                Timestamp t = Timestamp.from(at.plusSeconds(i));
                s.setObject(1, UUID.randomUUID());
                s.setObject(2, c.id());
                s.setObject(3, c.settings().contactListId());
                s.setString(4, "seed-" + i);
                s.setString(5, "+1999555" + String.format("%04d", i));
                s.setTimestamp(6, t);
                s.setString(7, live ? (ab ? "abandoned" : "agent") : "noAnswer");
                s.setBoolean(8, live);
                s.setBoolean(9, ab);
                s.setTimestamp(10, live ? t : null);
                s.setTimestamp(11, t);
                s.setObject(12, live ? 6000L : null);
                s.setLong(13, live ? 60_000L : 25_000L);
                s.setObject(14, live && !ab ? 60_000L : null);
                s.setObject(15, live && !ab ? 5_000L : null);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private List<String> interactionDirections(Campaign c) throws Exception {
        try (Connection conn = f.ds.getConnection();
             PreparedStatement s = conn.prepareStatement("SELECT direction FROM routing_interaction WHERE campaign_id = ?")) {
            s.setObject(1, c.id());
            var out = new java.util.ArrayList<String>();
            try (var r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        }
    }

    private long settled(Campaign c) {
        return attempts.page(c.id(), 500, 1).items().stream()
                .filter(a -> a.result() != null && !a.node().equals("seed")).count();
    }
}
