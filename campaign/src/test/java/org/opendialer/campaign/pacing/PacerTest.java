package org.opendialer.campaign.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendialer.campaign.pacing.sim.VirtualClock;

/** The pacer fed by hand in virtual time: warm statistics, then the cap reached and left. */
class PacerTest {

    private final VirtualClock clock = new VirtualClock(1_700_000_000_000L);

    /** 300 calls (30 % live after 8 s, 20 % machines, the rest ringing out at 25 s) and 60 calls of 150 + 30 s. */
    private Pacer warmPacer(PacingConfig config) {
        return warm(config, clock);
    }

    /** A pacer of these warm statistics: the floor of {@link #warmPacer}, for the other pacing tests too. */
    static Pacer warm(PacingConfig config, java.time.Clock clock) {
        Pacer pacer = new Pacer(config, clock);
        for (int i = 0; i < 300; i++) {
            AttemptOutcome o = i % 10 < 3 ? AttemptOutcome.LIVE : i % 10 < 5 ? AttemptOutcome.MACHINE
                    : AttemptOutcome.NO_ANSWER;
            pacer.callEnded(o, Duration.ofSeconds(o == AttemptOutcome.NO_ANSWER ? 25 : 6 + i % 5));
        }
        for (int i = 0; i < 60; i++) {
            pacer.handled(Duration.ofSeconds(120 + i), Duration.ofSeconds(30));
        }
        return pacer;
    }

    /** Two idle agents, four 28 s into their 30 s wrap-up, four talking for a minute; calls ringing for 2 s. */
    private static PacingSnapshot busyFloor(int ringing) {
        List<AgentView> agents = new ArrayList<>();
        agents.add(AgentView.idle(Duration.ofSeconds(3)));
        agents.add(AgentView.idle(Duration.ofSeconds(1)));
        for (int i = 0; i < 4; i++) {
            agents.add(new AgentView(AgentView.Phase.WRAPPING, Duration.ofSeconds(28)));
            agents.add(new AgentView(AgentView.Phase.TALKING, Duration.ofSeconds(60)));
        }
        List<Duration> rings = new ArrayList<>();
        for (int i = 0; i < ringing; i++) {
            rings.add(Duration.ofSeconds(2));
        }
        return new PacingSnapshot(agents, rings);
    }

    private static void answers(Pacer pacer, int live, int abandoned) {
        for (int i = 0; i < live; i++) {
            pacer.liveAnswer(i < abandoned);
        }
    }

    @Test
    void predictiveDialsAheadOfTheIdleAgentsOnceWarm() {
        Pacer cold = new Pacer(PacingConfig.defaults(DialingMode.PREDICTIVE), clock);
        PacingDecision first = cold.decide(busyFloor(0));
        assertThat(first.state()).isEqualTo(PacerState.WARMING_UP);
        assertThat(first.calls()).isEqualTo(2);

        Pacer pacer = warmPacer(PacingConfig.defaults(DialingMode.PREDICTIVE));
        answers(pacer, 200, 0);
        PacingDecision d = pacer.decide(busyFloor(0));
        assertThat(d.state()).isEqualTo(PacerState.PACING);
        assertThat(d.calls()).as(d.reason()).isGreaterThan(2);
        // calls already ringing count against the next ones
        assertThat(pacer.decide(busyFloor(d.calls())).calls()).isLessThan(d.calls());
    }

    @Test
    void predictiveFallsBackToOneToOneWhenTheCapIsReachedAndResumesUnderIt() {
        Pacer pacer = warmPacer(PacingConfig.defaults(DialingMode.PREDICTIVE));
        answers(pacer, 200, 0);
        PacingDecision first = pacer.decide(busyFloor(0));
        int ahead = first.calls();
        assertThat(ahead).as(first.state() + " " + first.reason()).isGreaterThan(2);

        answers(pacer, 7, 7); // 7 / 207 = 3.4 %
        assertThat(pacer.abandonRate()).isGreaterThanOrEqualTo(0.03);
        PacingDecision capped = pacer.decide(busyFloor(0));
        assertThat(capped.state()).isEqualTo(PacerState.CAPPED);
        assertThat(capped.calls()).as(capped.reason()).isEqualTo(2);
        assertThat(capped.reason()).contains("capped");
        assertThat(pacer.decide(busyFloor(1)).calls()).isEqualTo(1);

        answers(pacer, 200, 0); // 7 / 407 = 1.7 %
        PacingDecision again = pacer.decide(busyFloor(0));
        assertThat(again.state()).isEqualTo(PacerState.PACING);
        assertThat(again.calls()).isGreaterThan(2);
    }

    @Test
    void withFewAnswersInTheWindowItDialsAheadOnlyAsFarAsTheWindowCanTake() {
        // a quiet hour without abandons lets the governor raise alpha to its ceiling in both pacers
        Pacer thin = warmPacer(PacingConfig.defaults(DialingMode.PREDICTIVE));
        Pacer thick = warmPacer(PacingConfig.defaults(DialingMode.PREDICTIVE));
        answers(thin, 36, 0);
        answers(thick, 3600, 0);
        for (int minute = 0; minute < 60; minute++) {
            clock.set(clock.millis() + 60_000);
            thin.decide(busyFloor(0));
            thick.decide(busyFloor(0));
        }
        PacingDecision few = thin.decide(busyFloor(0));
        PacingDecision many = thick.decide(busyFloor(0));
        assertThat(few.state()).isEqualTo(PacerState.PACING);
        // 36 answers take about one more abandon before 3 %: fewer calls ahead than with 3,600 behind
        assertThat(few.calls()).as(few.reason() + " / " + many.reason()).isBetween(2, many.calls() - 1);
    }

    @Test
    void powerIsCappedToo() {
        Pacer pacer = warmPacer(PacingConfig.defaults(DialingMode.POWER).withPowerRatio(3));
        answers(pacer, 200, 0);
        assertThat(pacer.decide(busyFloor(0)).calls()).isEqualTo(6);
        answers(pacer, 10, 10);
        PacingDecision d = pacer.decide(busyFloor(0));
        assertThat(d.state()).isEqualTo(PacerState.CAPPED);
        assertThat(d.calls()).isEqualTo(2);
    }

    @Test
    void theCapIsMeasuredOverTheConfiguredWindow() {
        PacingConfig ofcom = PacingConfig.defaults(DialingMode.PREDICTIVE)
                .withAbandonCap(0.03, PacingConfig.OFCOM_WINDOW);
        Pacer pacer = warmPacer(ofcom);
        answers(pacer, 100, 10);
        assertThat(pacer.decide(busyFloor(0)).state()).isEqualTo(PacerState.CAPPED);
        clock.set(clock.millis() + Duration.ofHours(23).toMillis());
        assertThat(pacer.decide(busyFloor(0)).state()).isEqualTo(PacerState.CAPPED);
        clock.set(clock.millis() + Duration.ofHours(2).toMillis());
        assertThat(pacer.abandonRate()).isZero();
        // an empty window is one abandon away from 100 %: 1:1 until enough live answers make room for one
        assertThat(pacer.decide(busyFloor(0)).state()).isEqualTo(PacerState.CAPPED);
        answers(pacer, 40, 0);
        assertThat(pacer.decide(busyFloor(0)).state()).isEqualTo(PacerState.PACING);
    }

    @Test
    void oneToOneModesNeverDialAhead() {
        Pacer progressive = warmPacer(PacingConfig.defaults(DialingMode.PROGRESSIVE));
        answers(progressive, 200, 0);
        assertThat(progressive.decide(busyFloor(0)).calls()).isEqualTo(2);
        assertThat(progressive.decide(busyFloor(2)).calls()).isZero();

        Pacer preview = warmPacer(PacingConfig.defaults(DialingMode.PREVIEW));
        // the auto-dial timer (10 s) has not run out for either idle agent
        assertThat(preview.decide(busyFloor(0)).calls()).isZero();

        Pacer agentless = new Pacer(PacingConfig.defaults(DialingMode.AGENTLESS).withAgentlessLines(12), clock);
        assertThat(agentless.decide(new PacingSnapshot(List.of(), List.of(Duration.ofSeconds(1)), 5)).calls())
                .isEqualTo(7);
    }
}
