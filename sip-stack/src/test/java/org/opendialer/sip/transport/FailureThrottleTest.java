package org.opendialer.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The registrar's back-off in virtual time: 5 failures in 60 s, then 60 s, 120 s, ... never more than 15 min. */
class FailureThrottleTest {

    private long now = TimeUnit.DAYS.toNanos(3);
    private final FailureThrottle throttle = new FailureThrottle(5, 60, 60, 900, TimeUnit.SECONDS, () -> now);

    private void advance(long seconds) {
        now += TimeUnit.SECONDS.toNanos(seconds);
    }

    private long remainingSeconds(String key) {
        return TimeUnit.NANOSECONDS.toSeconds(throttle.remainingNanos(key));
    }

    private long failTimes(String key, int times) {
        long started = 0;
        for (int i = 0; i < times; i++) {
            started = throttle.failed(key);
        }
        return TimeUnit.NANOSECONDS.toSeconds(started);
    }

    @Test
    void fiveFailuresWithinAMinuteStartABackOffThatDoublesUpToTheCap() {
        assertThat(failTimes("1001", 4)).isZero();
        assertThat(remainingSeconds("1001")).isZero();
        assertThat(failTimes("1001", 1)).isEqualTo(60);
        advance(59);
        assertThat(remainingSeconds("1001")).isEqualTo(1);
        advance(1);
        assertThat(remainingSeconds("1001")).isZero();

        long[] expected = {120, 240, 480, 900, 900, 900};
        for (long backoff : expected) {
            assertThat(failTimes("1001", 5)).isEqualTo(backoff);
            advance(backoff);
            assertThat(remainingSeconds("1001")).as("never locked out beyond the back-off").isZero();
        }
        assertThat(remainingSeconds("1002")).as("other keys are untouched").isZero();
    }

    @Test
    void failuresSpreadBeyondTheWindowNeverBlock() {
        for (int i = 0; i < 50; i++) {
            assertThat(throttle.failed("10.0.0.9")).isZero();
            advance(16); // any five of them span 64 s
        }
        assertThat(remainingSeconds("10.0.0.9")).isZero();
    }

    @Test
    void aSuccessOrALongQuietForgetsTheKeysHistory() {
        failTimes("1001", 5);
        advance(60);
        throttle.reset("1001");
        assertThat(failTimes("1001", 5)).as("after a success the back-off starts again at 60 s").isEqualTo(60);

        advance(60);
        failTimes("1001", 5); // 120 s
        advance(120 + 900);
        assertThat(failTimes("1001", 5)).as("15 quiet minutes forget the history").isEqualTo(60);
    }

    @Test
    void keysAreBounded() {
        for (int i = 0; i < FailureThrottle.MAX_KEYS + 500; i++) {
            throttle.failed("198.51." + (i >> 8) + "." + (i & 255));
        }
        failTimes("1001", 5);
        assertThat(remainingSeconds("1001")).isEqualTo(60);
    }
}
