package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendialer.campaign.pacing.DialingMode;
import org.opendialer.campaign.pacing.PacingConfig;
import org.opendialer.campaign.pacing.sim.PacingSimulator;
import org.opendialer.campaign.pacing.sim.SimCampaign;
import org.opendialer.campaign.pacing.sim.SimParams;
import org.opendialer.campaign.pacing.sim.SimResult;

/**
 * Two predictive campaigns sharing 20 agents (the benchmark floor: 30 % live, 180 s handling) in the pacing
 * simulator with the runner's priority split ({@link PrioritySplit} over {@link AgentShares}), in virtual time: the
 * higher priority takes the agents while it dials, the lower gets them once it stops, equal ones share, and each
 * keeps its own abandon rate under the 3 % cap.
 */
class SharedQueueSimulationTest {

    static final PacingConfig PREDICTIVE = PacingConfig.defaults(DialingMode.PREDICTIVE);
    static final SimParams FOUR_HOURS = SimParams.defaults().withLength(Duration.ofHours(4));

    @Test
    void theHigherPriorityTalksMostAndTheAbandonCapHoldsForBoth() {
        for (long seed = 1; seed <= 3; seed++) {
            List<SimResult> r = PacingSimulator.run(FOUR_HOURS.withSeed(seed),
                    List.of(SimCampaign.of(PREDICTIVE), SimCampaign.of(PREDICTIVE)), PrioritySplit.of(List.of(5, 2)));
            SimResult h = r.get(0);
            SimResult l = r.get(1);
            System.out.printf("seed %d: high %d dials %d live %.2f %% abandoned %.0f talk-min; low %d dials %d live %.2f %% abandoned %.0f talk-min%n",
                    seed, h.dials(), h.liveAnswers(), 100 * h.abandonRate(), h.talkSeconds() / 60, l.dials(), l.liveAnswers(),
                    100 * l.abandonRate(), l.talkSeconds() / 60);
            assertThat(h.talkSeconds()).as("seed " + seed).isGreaterThan(3 * l.talkSeconds());
            assertThat(h.abandonRate()).as("seed " + seed + " high").isLessThanOrEqualTo(0.03);
            assertThat(l.abandonRate()).as("seed " + seed + " low").isLessThanOrEqualTo(0.03);
        }
    }

    @Test
    void theLowerDialsOnceTheHigherStopsAndTheAbandonCapHoldsForBoth() {
        for (long seed = 1; seed <= 3; seed++) {
            List<SimResult> r = PacingSimulator.run(FOUR_HOURS.withSeed(seed),
                    List.of(new SimCampaign(PREDICTIVE, Duration.ofHours(2)), SimCampaign.of(PREDICTIVE)),
                    PrioritySplit.of(List.of(5, 2)));
            SimResult h = r.get(0);
            SimResult l = r.get(1);
            System.out.printf("seed %d, high dials 2 h of 4: high %d dials %d live %.2f %% abandoned; low %d dials %d live %.2f %% abandoned%n",
                    seed, h.dials(), h.liveAnswers(), 100 * h.abandonRate(), l.dials(), l.liveAnswers(), 100 * l.abandonRate());
            assertThat(l.liveAnswers()).as("seed " + seed + ": the lower one got the agents back").isGreaterThan(200);
            assertThat(h.abandonRate()).as("seed " + seed + " high").isLessThanOrEqualTo(0.03);
            assertThat(l.abandonRate()).as("seed " + seed + " low").isLessThanOrEqualTo(0.03);
        }
    }

    /**
     * Over several shifts, not one: within a shift the split between equal campaigns drifts (one governor's alpha
     * falls after early abandons and the other takes the agents), to 0.57 at seed 7 and 0.42 before the shared-queue
     * cap at seed 3; a single seed's ratio said more about that seed than about the split.
     */
    @Test
    void equalPrioritiesTalkAboutAsMuchAndBothStayUnderTheCap() {
        double ta = 0;
        double tb = 0;
        for (long seed = 1; seed <= 4; seed++) {
            List<SimResult> r = PacingSimulator.run(FOUR_HOURS.withSeed(seed),
                    List.of(SimCampaign.of(PREDICTIVE), SimCampaign.of(PREDICTIVE)), PrioritySplit.of(List.of(3, 3)));
            ta += r.get(0).talkSeconds();
            tb += r.get(1).talkSeconds();
            System.out.printf("equal, seed %d: a %.0f talk-min %.2f %% abandoned; b %.0f talk-min %.2f %% abandoned%n",
                    seed, r.get(0).talkSeconds() / 60, 100 * r.get(0).abandonRate(), r.get(1).talkSeconds() / 60,
                    100 * r.get(1).abandonRate());
            assertThat(r).allSatisfy(x -> assertThat(x.abandonRate()).isLessThanOrEqualTo(0.03));
        }
        assertThat(Math.min(ta, tb) / Math.max(ta, tb)).isGreaterThan(0.7);
    }

    /**
     * The shared-queue cap (peer hold, queue-wide projection, busy agents dealt in turn) leaves a campaign alone as
     * it was: these are the counts of this seeded shift before that change.
     */
    @Test
    void aCampaignAloneDialsExactlyAsBeforeTheSharedQueueCap() {
        SimResult r = PacingSimulator.run(SimParams.defaults().withLength(Duration.ofHours(2)).withSeed(4), PREDICTIVE);
        assertThat(List.of(r.dials(), r.liveAnswers(), r.abandons(), r.cappedSeconds()))
                .containsExactly(2333L, 702L, 12L, 2169L);
        assertThat(r.talkSeconds()).isCloseTo(103204.242, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void oneCampaignAloneIsTheSingleCampaignSimulation() {
        SimParams p = SimParams.defaults().withLength(Duration.ofHours(2)).withSeed(4);
        assertThat(PacingSimulator.run(p, List.of(SimCampaign.of(PREDICTIVE)), PrioritySplit.of(List.of(3))))
                .containsExactly(PacingSimulator.run(p, PREDICTIVE));
    }
}
