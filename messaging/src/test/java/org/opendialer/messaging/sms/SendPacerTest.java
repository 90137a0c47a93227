package org.opendialer.messaging.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.opendialer.messaging.FakeClock;

class SendPacerTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void spacesSendsToTheRate() {
        SendPacer p = new SendPacer(clock, 100);
        assertThat(p.reserve()).isZero();
        assertThat(p.reserve()).isEqualTo(Duration.ofMillis(10));
        assertThat(p.reserve()).isEqualTo(Duration.ofMillis(20));
        clock.advance(Duration.ofSeconds(1));
        assertThat(p.reserve()).isZero();
    }

    @Test
    void throttlingBacksOffExponentiallyUntilASuccess() {
        SendPacer p = new SendPacer(clock, 0);
        assertThat(p.reserve()).isZero();
        assertThat(p.throttled()).isEqualTo(Duration.ofMillis(50));
        assertThat(p.reserve()).isEqualTo(Duration.ofMillis(50));
        assertThat(p.throttled()).isEqualTo(Duration.ofMillis(100));
        for (int i = 0; i < 10; i++) {
            p.throttled();
        }
        assertThat(p.throttled()).isEqualTo(SendPacer.MAX_BACKOFF);
        p.succeeded();
        clock.advance(Duration.ofSeconds(10));
        assertThat(p.reserve()).isZero();
        assertThat(p.throttled()).isEqualTo(Duration.ofMillis(50));
    }
}
