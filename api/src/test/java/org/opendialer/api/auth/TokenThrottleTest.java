package org.opendialer.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jitsi.utils.time.FakeClock;
import org.junit.jupiter.api.Test;

/** Fixed-window failure counting in virtual time (jitsi-utils FakeClock). */
class TokenThrottleTest {

    private final FakeClock clock = new FakeClock();
    private final TokenThrottle throttle = new TokenThrottle(3, 5, Duration.ofSeconds(60), clock);

    @Test
    void aClientIsLockedAfterNFailuresUntilItsWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.retryAfter("cl_a", "10.0.0." + i)).isZero();
            throttle.failed("cl_a", "10.0.0." + i);
        }
        clock.elapse(Duration.ofSeconds(20));
        assertThat(throttle.retryAfter("cl_a", "10.0.0.9")).isEqualTo(Duration.ofSeconds(40));
        assertThat(throttle.retryAfter("cl_b", "10.0.0.9")).isZero();
        clock.elapse(Duration.ofSeconds(40));
        assertThat(throttle.retryAfter("cl_a", "10.0.0.9")).isZero();
    }

    @Test
    void aSourceIsLockedAfterNFailuresAcrossClientIds() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("cl_guess" + i, "10.0.0.1");
        }
        assertThat(throttle.retryAfter("cl_other", "10.0.0.1")).isEqualTo(Duration.ofSeconds(60));
        assertThat(throttle.retryAfter("cl_other", "10.0.0.2")).isZero();
    }

    @Test
    void aSuccessClearsTheClientButNotTheSource() {
        throttle.failed("cl_a", "10.0.0.1");
        throttle.failed("cl_a", "10.0.0.1");
        throttle.succeeded("cl_a");
        throttle.failed("cl_a", "10.0.0.1");
        throttle.failed("cl_a", "10.0.0.1");
        assertThat(throttle.retryAfter("cl_a", "10.0.0.2")).isZero();
        throttle.failed("cl_a", "10.0.0.1");
        assertThat(throttle.retryAfter("cl_x", "10.0.0.1")).isPositive();
    }

    @Test
    void inventedClientIdsCannotGrowTheTableWithoutBound() {
        TokenThrottle t = new TokenThrottle(1, Integer.MAX_VALUE, Duration.ofSeconds(60), clock);
        for (int i = 0; i < TokenThrottle.MAX_KEYS + 500; i++) {
            t.failed("cl_" + i, "10.0.0.1");
        }
        // the newest are still counted, the oldest were evicted to make room
        assertThat(t.retryAfter("cl_" + (TokenThrottle.MAX_KEYS + 499), "x")).isPositive();
        assertThat(t.retryAfter("cl_0", "x")).isZero();
    }
}
