package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendialer.campaign.pacing.DialingMode;
import org.opendialer.campaign.pacing.PacingConfig;
import org.opendialer.campaign.pacing.sim.SimParams;
import org.opendialer.campaign.settings.Campaign;

/**
 * Two predictive campaigns sharing 20 agents (the benchmark floor: 30 % live, 180 s handling), in virtual
 * time (wall-clock pacing would make this flaky): the higher priority takes the agents while it dials, the lower
 * gets them once it stops, equal ones share, and each keeps its own abandon rate under the 3 % cap.
 */
class SharedQueueSimulationTest {

    static final PacingConfig PREDICTIVE = PacingConfig.defaults(DialingMode.PREDICTIVE);

    @Test
    void theHigherPriorityTalksMostAndTheAbandonCapHoldsForBoth() {
        Campaign high = AgentSharesTest.campaign(5, 0);
        Campaign low = AgentSharesTest.campaign(2, 1);
        for (long seed = 1; seed <= 3; seed++) {
            List<SharedQueueSimulation.Result> r = new SharedQueueSimulation(
                    SimParams.defaults().withLength(Duration.ofHours(4)).withSeed(seed), List.of(high, low), PREDICTIVE).run();
            SharedQueueSimulation.Result h = r.get(0);
            SharedQueueSimulation.Result l = r.get(1);
            System.out.printf("seed %d: high %d dials %d live %.2f %% abandoned %.0f talk-min; low %d dials %d live %.2f %% abandoned %.0f talk-min%n",
                    seed, h.dials(), h.live(), 100 * h.abandonRate(), h.talkSeconds() / 60, l.dials(), l.live(),
                    100 * l.abandonRate(), l.talkSeconds() / 60);
            assertThat(h.talkSeconds()).as("seed " + seed).isGreaterThan(3 * l.talkSeconds());
            assertThat(h.abandonRate()).as("seed " + seed + " high").isLessThanOrEqualTo(0.03);
            assertThat(l.abandonRate()).as("seed " + seed + " low").isLessThanOrEqualTo(0.03);
        }
    }

    @Test
    void theLowerDialsOnceTheHigherStopsAndTheAbandonCapHoldsForBoth() {
        Campaign high = AgentSharesTest.campaign(5, 0);
        Campaign low = AgentSharesTest.campaign(2, 1);
        for (long seed = 1; seed <= 3; seed++) {
            List<SharedQueueSimulation.Result> r = new SharedQueueSimulation(
                    SimParams.defaults().withLength(Duration.ofHours(4)).withSeed(seed), List.of(high, low), PREDICTIVE)
                    .dialsFor(high, Duration.ofHours(2)).run();
            SharedQueueSimulation.Result h = r.get(0);
            SharedQueueSimulation.Result l = r.get(1);
            System.out.printf("seed %d, high dials 2 h of 4: high %d dials %d live %.2f %% abandoned; low %d dials %d live %.2f %% abandoned%n",
                    seed, h.dials(), h.live(), 100 * h.abandonRate(), l.dials(), l.live(), 100 * l.abandonRate());
            assertThat(l.live()).as("seed " + seed + ": the lower one got the agents back").isGreaterThan(200);
            assertThat(h.abandonRate()).as("seed " + seed + " high").isLessThanOrEqualTo(0.03);
            assertThat(l.abandonRate()).as("seed " + seed + " low").isLessThanOrEqualTo(0.03);
        }
    }

    @Test
    void equalPrioritiesTalkAboutAsMuchAndBothStayUnderTheCap() {
        Campaign a = AgentSharesTest.campaign(3, 0);
        Campaign b = AgentSharesTest.campaign(3, 1);
        List<SharedQueueSimulation.Result> r = new SharedQueueSimulation(
                SimParams.defaults().withLength(Duration.ofHours(4)).withSeed(7), List.of(a, b), PREDICTIVE).run();
        double ta = r.get(0).talkSeconds();
        double tb = r.get(1).talkSeconds();
        System.out.printf("equal: a %.0f talk-min %.2f %% abandoned; b %.0f talk-min %.2f %% abandoned%n",
                ta / 60, 100 * r.get(0).abandonRate(), tb / 60, 100 * r.get(1).abandonRate());
        assertThat(Math.min(ta, tb) / Math.max(ta, tb)).isGreaterThan(0.7);
        assertThat(r).allSatisfy(x -> assertThat(x.abandonRate()).isLessThanOrEqualTo(0.03));
    }
}
