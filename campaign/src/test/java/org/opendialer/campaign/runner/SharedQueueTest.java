package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opendialer.acd.routing.Agent;
import org.opendialer.acd.routing.AgentState;
import org.opendialer.acd.routing.Queue;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignStatus;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.media.Playable;

/**
 * Two progressive campaigns on one queue through the real runner, ACD rows and PostgreSQL: the higher priority
 * takes the idle agents, the lower dials only once the higher has nobody left. Their calls go to a trunk group with
 * no trunk, so each ends at once (no carrier needed: what is checked is who claims how many, tick by tick).
 */
class SharedQueueTest {

    static final String HARBOUR = "Acme Energy";

    final Fixture f = new Fixture();
    final AttemptStore attempts = new AttemptStore(f.ds);

    @Test
    void theHigherPriorityGetsTheAgentsAndTheLowerWhatItLeaves() throws Exception {
        try (AgentRig rig = new AgentRig()) {
            Queue q = rig.acd.queues().create(Queue.Settings.named("shared" + UUID.randomUUID()).withTimers(0, 10, 1));
            for (int i = 0; i < 2; i++) {
                Agent a = rig.acd.agents().create("agent " + UUID.randomUUID(), null, null, null);
                rig.acd.agents().join(q.id(), java.util.List.of(a.id()));
                rig.acd.agents().request(a.id(), AgentState.AVAILABLE, null);
            }
            // numbers of this test only: the module's tests share one database, whose consent ledger (DNC) is global
            Campaign low = campaign(f.list("l1,+12015556401,,", "l2,+12015556402,,", "l3,+12015556403,,"), q, 2);
            Campaign high = campaign(f.list("h1,+12015556411,,", "h2,+12015556412,,"), q, 4);
            // the safe-harbour message rendered first, so neither campaign waits for it on a different tick
            Campaign any = high;
            rig.sessions.prefetch(new Playable.Tts(any.settings().agentMode().safeHarbourMessage())).get(60, TimeUnit.SECONDS);
            f.campaigns.moveTo(low.id(), CampaignStatus.ON);
            f.campaigns.moveTo(high.id(), CampaignStatus.ON);
            VoiceCampaignRunner runner = new VoiceCampaignRunner(f.ds, f.ledger, rig.sessions, LiveAnswerFlows.NONE,
                    rig.queueCalls, Clock.systemUTC(), AgentlessRunnerTest.node());
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (total(high) + total(low) == 0 && System.nanoTime() < deadline) {
                    runner.tick();
                }
                assertThat(total(high)).as("the first tick that dials: the higher campaign takes both idle agents").isEqualTo(2);
                assertThat(total(low)).as("and leaves none to the lower one").isZero();

                AgentlessRunnerTest.await("the lower campaign dials once the higher has nobody left", () -> {
                    runner.tick();
                    return total(low) == 3;
                });
                assertThat(total(high)).isEqualTo(2);
            } finally {
                runner.close();
                for (Campaign c : java.util.List.of(low, high)) {
                    if (f.campaigns.require(c.id()).status() == CampaignStatus.ON) {
                        f.campaigns.moveTo(c.id(), CampaignStatus.STOPPING);
                    }
                }
            }
        }
    }

    private long total(Campaign c) {
        return attempts.page(c.id(), 100, 1).total();
    }

    private Campaign campaign(ContactList list, Queue q, int priority) {
        return f.campaign(list, s -> Fixture.with(s, n -> {
            n.put("trunkGroup", "nowhere").put("dialingMode", "progressive").put("queueId", q.id().toString())
                    .put("priority", priority).put("maxAttemptsPerContact", 1).put("callsPerSecond", 100).remove("message");
            n.putObject("amd").put("enabled", false);
            n.putObject("agentMode").put("safeHarbourCompany", HARBOUR).put("safeHarbourNumber", "555 0100");
            return n;
        }));
    }
}
