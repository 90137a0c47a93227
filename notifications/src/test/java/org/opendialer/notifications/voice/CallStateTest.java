package org.opendialer.notifications.voice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallStateTest {

    @Test
    void finalStatesGoNowhere() {
        for (CallState s : CallState.values()) {
            assertThat(CallState.COMPLETED.canMoveTo(s)).isFalse();
            assertThat(CallState.FAILED.canMoveTo(s)).isFalse();
        }
        assertThat(CallState.live()).containsExactlyInAnyOrder(CallState.QUEUED, CallState.DIALING,
                CallState.RINGING, CallState.ANSWERED);
    }

    @Test
    void aCallMovesForwardOnly() {
        assertThat(CallState.QUEUED.canMoveTo(CallState.DIALING)).isTrue();
        assertThat(CallState.QUEUED.canMoveTo(CallState.RINGING)).as("no ringing before the INVITE").isFalse();
        assertThat(CallState.RINGING.canMoveTo(CallState.RINGING)).as("180 then 183").isTrue();
        assertThat(CallState.RINGING.canMoveTo(CallState.DIALING)).isFalse();
        assertThat(CallState.ANSWERED.canMoveTo(CallState.RINGING)).isFalse();
        assertThat(CallState.DIALING.canMoveTo(CallState.COMPLETED)).as("completed means answered").isFalse();
        assertThat(CallState.COMPLETED.predecessors()).containsExactly(CallState.ANSWERED);
        assertThat(CallState.FAILED.predecessors()).isEqualTo(CallState.live());
    }
}
