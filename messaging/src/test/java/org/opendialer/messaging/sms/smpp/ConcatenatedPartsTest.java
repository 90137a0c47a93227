package org.opendialer.messaging.sms.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.opendialer.messaging.FakeClock;
import org.opendialer.messaging.sms.SmsSegments;

class ConcatenatedPartsTest {

    private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final ConcatenatedParts parts = new ConcatenatedParts(clock);

    @Test
    void readsBothReferenceSizesOfTheHeader() {
        byte[] eight = SmsSegments.of("x".repeat(200)).payload(1, 0x2A);
        assertThat(ConcatenatedParts.header(eight)).contains(new ConcatenatedParts.Header(0x2A, 2, 2));
        byte[] sixteen = {0x06, 0x08, 0x04, 0x12, 0x34, 0x03, 0x01, 'h', 'i'};
        assertThat(ConcatenatedParts.header(sixteen)).contains(new ConcatenatedParts.Header(0x1234, 3, 1));
        assertThat(ConcatenatedParts.header(new byte[] {0x03, 0x24, 0x01, 0x00, 'x'})).isEmpty();
    }

    @Test
    void anIncompleteMessageExpiresOnTheClock() {
        assertThat(parts.add("+1", "2", new ConcatenatedParts.Header(7, 2, 1), "a")).isEmpty();
        clock.advance(ConcatenatedParts.MAX_AGE.plus(Duration.ofSeconds(1)));
        assertThat(parts.add("+1", "2", new ConcatenatedParts.Header(7, 2, 2), "b")).isEmpty();
        assertThat(parts.expired()).isEqualTo(1);
        assertThat(parts.add("+1", "2", new ConcatenatedParts.Header(7, 2, 1), "a")).contains("ab");
    }
}
