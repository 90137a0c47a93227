package org.opendialer.campaign.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opendialer.campaign.pacing.PacerState.Signal;

class PacerStateTest {

    @Test
    void reachingTheCapLeadsToCappedFromEveryState() {
        for (PacerState s : PacerState.values()) {
            assertThat(s.next(Signal.CAP_REACHED)).isEqualTo(PacerState.CAPPED);
        }
    }

    @Test
    void onlyPacingDialsAheadAndCappedLeavesOnlyWhenUnderTheCap() {
        assertThat(PacerState.PACING.oneToOne()).isFalse();
        assertThat(PacerState.CAPPED.oneToOne()).isTrue();
        assertThat(PacerState.WARMING_UP.oneToOne()).isTrue();
        assertThat(PacerState.CAPPED.next(Signal.STATS_READY)).isEqualTo(PacerState.PACING);
        assertThat(PacerState.WARMING_UP.next(Signal.STATS_COLD)).isEqualTo(PacerState.WARMING_UP);
        assertThat(PacerState.WARMING_UP.next(Signal.STATS_READY)).isEqualTo(PacerState.PACING);
    }

    @Test
    void aPeersCapHoldsEveryStateButOwnCapAndTheHoldEndsWithIt() {
        assertThat(PacerState.PACING.next(Signal.PEER_CAPPED)).isEqualTo(PacerState.HELD);
        assertThat(PacerState.WARMING_UP.next(Signal.PEER_CAPPED)).isEqualTo(PacerState.HELD);
        assertThat(PacerState.CAPPED.next(Signal.PEER_CAPPED)).isEqualTo(PacerState.HELD);
        assertThat(PacerState.HELD.oneToOne()).isTrue();
        assertThat(PacerState.HELD.next(Signal.STATS_READY)).isEqualTo(PacerState.PACING);
        assertThat(PacerState.HELD.next(Signal.STATS_COLD)).isEqualTo(PacerState.WARMING_UP);
    }
}
