package org.opendialer.campaign.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendialer.campaign.pacing.sim.PacingSimulator;
import org.opendialer.campaign.pacing.sim.SimParams;
import org.opendialer.campaign.pacing.sim.SimResult;

/** Whole shifts in virtual time: the pacer against simulated agents and contacts, several seeds and floors. */
class PacingSimulationTest {

    private static final PacingConfig PREDICTIVE = PacingConfig.defaults(DialingMode.PREDICTIVE);

    /** Floors unlike each other: agents, live-answer rate, handling. */
    private static final List<SimParams> FLOORS = List.of(
            SimParams.defaults(),
            SimParams.defaults().withAgents(8).withAnswerRate(0.08),
            SimParams.defaults().withAgents(5).withAnswerRate(0.5)
                    .withHandling(Duration.ofSeconds(60), Duration.ofSeconds(10)),
            SimParams.defaults().withAgents(40).withAnswerRate(0.15)
                    .withHandling(Duration.ofSeconds(300), Duration.ofSeconds(60)));

    @Test
    void predictiveStaysUnderTheCapOverWholeShifts() {
        long abandons = 0;
        for (SimParams floor : FLOORS) {
            for (long seed = 11; seed <= 13; seed++) {
                SimResult r = PacingSimulator.run(floor.withSeed(seed), PREDICTIVE);
                assertThat(r.liveAnswers()).isGreaterThan(200);
                assertThat(r.abandonRate()).as("%s seed %d: %s", floor, seed, r).isLessThanOrEqualTo(0.03);
                abandons += r.abandons();
            }
        }
        // it did dial ahead: a pacer that never risks an abandon would pass the line above trivially
        assertThat(abandons).isGreaterThan(50);
    }

    @Test
    void theCapAlsoHoldsAFixedPowerRatioThatDialsTooFast() {
        PacingConfig power = PacingConfig.defaults(DialingMode.POWER).withPowerRatio(3);
        SimParams floor = SimParams.defaults().withAgents(5).withAnswerRate(0.5);
        for (long seed = 1; seed <= 3; seed++) {
            SimResult r = PacingSimulator.run(floor.withSeed(seed), power);
            assertThat(r.abandons()).isGreaterThan(20);
            assertThat(r.cappedShare()).isGreaterThan(0.5);
            assertThat(r.abandonRate()).as("seed %d: %s", seed, r).isLessThanOrEqualTo(0.03);
        }
    }

    @Test
    void predictiveKeepsAgentsBusierThanProgressiveWhenFewAnswer() {
        for (double answerRate : new double[] {0.05, 0.1, 0.2}) {
            for (long seed = 21; seed <= 22; seed++) {
                SimParams floor = SimParams.defaults().withAgents(10).withAnswerRate(answerRate).withSeed(seed);
                SimResult progressive = PacingSimulator.run(floor, PREDICTIVE.withMode(DialingMode.PROGRESSIVE));
                SimResult predictive = PacingSimulator.run(floor, PREDICTIVE);
                assertThat(progressive.abandons()).isZero();
                assertThat(predictive.utilisation()).as("answer rate %s seed %d", answerRate, seed)
                        .isGreaterThan(progressive.utilisation() + 0.10);
                assertThat(predictive.idleShare()).isLessThan(progressive.idleShare());
            }
        }
    }

    @Test
    void aRunIsDeterminedByItsSeed() {
        SimParams floor = SimParams.defaults().withLength(Duration.ofHours(2)).withSeed(5);
        assertThat(PacingSimulator.run(floor, PREDICTIVE)).isEqualTo(PacingSimulator.run(floor, PREDICTIVE));
        assertThat(PacingSimulator.run(floor.withSeed(6), PREDICTIVE)).isNotEqualTo(PacingSimulator.run(floor,
                PREDICTIVE));
    }

    @Test
    void agentlessKeepsItsLinesBusyAndAbandonsNobody() {
        PacingConfig agentless = PacingConfig.defaults(DialingMode.AGENTLESS).withAgentlessLines(30);
        SimResult r = PacingSimulator.run(SimParams.defaults().withLength(Duration.ofHours(1)), agentless);
        assertThat(r.abandons()).isZero();
        // 30 lines, each call about 8-25 s of ringing plus 30 s of message when answered: thousands per hour
        assertThat(r.dialsPerHour()).isGreaterThan(2500);
        SimResult ten = PacingSimulator.run(SimParams.defaults().withLength(Duration.ofHours(1)),
                agentless.withAgentlessLines(10));
        assertThat(ten.dialsPerHour()).isLessThan(r.dialsPerHour() / 2);
    }
}
