package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opendialer.campaign.pacing.AgentView;
import org.opendialer.campaign.pacing.DialingMode;
import org.opendialer.campaign.pacing.Pacer;
import org.opendialer.campaign.pacing.PacerState;
import org.opendialer.campaign.pacing.PacingConfig;
import org.opendialer.campaign.pacing.PacingDecision;
import org.opendialer.campaign.pacing.PacingSnapshot;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignSettings;
import org.opendialer.campaign.settings.CampaignStatus;

/** Agents of one queue shared by agent-mode campaigns: the higher priority first, equals evenly, lower on the rest. */
class AgentSharesTest {

    static final UUID QUEUE = UUID.randomUUID();

    @Test
    void theHigherCampaignGetsEveryIdleAgentAndTheLowerOnlyWhatItLeaves() {
        Campaign high = campaign(5, 0);
        Campaign low = campaign(2, 1);
        List<AgentView> agents = agents(4, 2);

        AgentShares busy = tick(List.of(low, high), 0);
        List<AgentView> seenByHigh = busy.of(high, agents);
        assertThat(idle(seenByHigh)).isEqualTo(4);
        assertThat(seenByHigh).as("the agents talking are the higher one's to wait for").hasSize(6);
        busy.placed(QUEUE, 4);
        List<AgentView> seenByLow = busy.of(low, agents);
        assertThat(seenByLow).as("nothing idle left, and no talking agent to dial ahead on").isEmpty();

        AgentShares starved = tick(List.of(low, high), 0);
        starved.of(high, agents);
        starved.placed(QUEUE, 1); // the higher one found one contact to dial only
        assertThat(idle(starved.of(low, agents))).isEqualTo(3);
    }

    @Test
    void callsStillRingingHoldTheirAgentsFromTheLowerCampaign() {
        Campaign high = campaign(4, 0);
        Campaign low = campaign(3, 1);
        AgentShares shares = tick(List.of(high, low), 0);
        shares.of(high, agents(2, 0));
        shares.placed(QUEUE, 0 + 2); // nothing new, two of its calls still ringing for those two agents
        assertThat(idle(shares.of(low, agents(2, 0)))).isZero();
    }

    @Test
    void equalPrioritiesShareEvenlyAndTakeTurnsForTheOddAgent() {
        Campaign a = campaign(3, 0);
        Campaign b = campaign(3, 1);
        List<AgentView> five = agents(5, 0);
        int aTotal = 0;
        int bTotal = 0;
        for (long t = 0; t < 2; t++) {
            AgentShares shares = tick(List.of(a, b), t);
            List<Campaign> order = AgentShares.rotated(List.of(a, b), t);
            for (Campaign c : order) {
                int n = idle(shares.of(c, five));
                shares.placed(QUEUE, n);
                if (c == a) {
                    aTotal += n;
                } else {
                    bTotal += n;
                }
            }
        }
        assertThat(aTotal).isEqualTo(5);
        assertThat(bTotal).isEqualTo(5);
    }

    @Test
    void theTickOrderIsHigherFirstAndRotatesEqualOnes() {
        Campaign a = campaign(3, 0);
        Campaign b = campaign(3, 1);
        Campaign top = campaign(5, 2);
        Campaign bottom = campaign(1, 3);
        assertThat(AgentShares.rotated(List.of(bottom, b, a, top), 0)).containsExactly(top, a, b, bottom);
        assertThat(AgentShares.rotated(List.of(bottom, b, a, top), 1)).containsExactly(top, b, a, bottom);
    }

    @Test
    void equalCampaignsAreDealtTheBusyAgentsInTurnSoNoneIsCountedTwice() {
        Campaign a = campaign(3, 0);
        Campaign b = campaign(3, 1);
        Campaign c = campaign(3, 2);
        Campaign low = campaign(1, 3);
        List<AgentView> floor = agents(0, 7);
        AgentShares shares = tick(List.of(a, b, c, low), 0);
        int seen = 0;
        for (Campaign x : AgentShares.rotated(List.of(a, b, c, low), 0)) {
            int busy = shares.of(x, floor).size();
            assertThat(busy).as("a lower campaign dials ahead on no busy agent").isEqualTo(x == low ? 0 : busy);
            assertThat(busy).isLessThanOrEqualTo(3);
            seen += busy;
        }
        assertThat(seen).as("7 busy agents, each counted by one pacer").isEqualTo(7);
    }

    @Test
    void aCampaignAloneOnItsQueueSeesEveryAgent() {
        Campaign solo = campaign(1, 0);
        assertThat(new AgentShares().of(solo, agents(3, 2))).hasSize(5);
    }

    @Test
    void callsRingingOnOtherNodesHoldTheirAgentsAndAFailedReadHoldsTheQueue() {
        Campaign c = campaign(3, 0);
        List<AgentView> agents = agents(3, 0);
        Pacer pacer = new Pacer(PacingConfig.defaults(DialingMode.PROGRESSIVE), Clock.systemUTC());

        AgentShares read = tick(List.of(c), 0);
        read.join(c, pacer, List.of());
        read.ringingElsewhere(q -> Optional.of(List.of(Duration.ofSeconds(4))));
        assertThat(idle(read.of(c, agents))).as("one of three idle agents held by the other node's call").isEqualTo(2);
        assertThat(read.queue(c, agents).ringing()).as("which the cap projection counts").hasSize(1);
        assertThat(read.queue(c, agents).peerCapped()).isFalse();

        AgentShares failed = tick(List.of(c), 1);
        failed.join(c, pacer, List.of());
        failed.ringingElsewhere(q -> Optional.empty());
        List<AgentView> seen = failed.of(c, agents);
        assertThat(idle(seen)).as("not known what the other nodes hold: every idle agent").isZero();
        PacingDecision d = pacer.decide(new PacingSnapshot(seen, List.of(), 0, failed.queue(c, agents)));
        assertThat(d.state()).isEqualTo(PacerState.HELD);
        assertThat(d.calls()).isZero();
    }

    static AgentShares tick(List<Campaign> running, long tick) {
        AgentShares shares = new AgentShares();
        for (Campaign c : AgentShares.rotated(running, tick)) {
            shares.expect(c.settings().queueId(), c.settings().priority());
        }
        return shares;
    }

    static int idle(List<AgentView> agents) {
        return (int) agents.stream().filter(x -> x.phase() == AgentView.Phase.IDLE).count();
    }

    static List<AgentView> agents(int idle, int talking) {
        List<AgentView> out = new ArrayList<>();
        for (int i = 0; i < idle; i++) {
            out.add(AgentView.idle(Duration.ofSeconds(i)));
        }
        for (int i = 0; i < talking; i++) {
            out.add(new AgentView(AgentView.Phase.TALKING, Duration.ofSeconds(30)));
        }
        return out;
    }

    static Campaign campaign(int priority, int createdSecond) {
        CampaignSettings s = new CampaignSettings("c" + UUID.randomUUID(), UUID.randomUUID(), null, null,
                DialingMode.PROGRESSIVE, null, null, null, null, null, QUEUE, null, null, null, null, null, null, null,
                null, priority, null, null, null, null, null, null,
                new CampaignSettings.AgentMode(null, "Acme", "555 0100", null, null, null, null, null, null));
        return new Campaign(UUID.randomUUID(), s, CampaignStatus.ON, Instant.EPOCH.plusSeconds(createdSecond),
                Instant.EPOCH, 1);
    }
}
