package org.opendialer.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compliance by construction: no call rings for less than 15 s, whatever the caller asks. */
class OriginateRequestTest {

    @Test
    void aRingTimeBelowFifteenSecondsIsRaisedToFifteen() {
        OriginateRequest r = OriginateRequest.toNumber("+12015550123", "");
        assertThat(r.withRingTimeout(Duration.ofSeconds(14)).ringTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(r.withRingTimeout(Duration.ZERO).ringTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(r.withRingTimeout(Duration.ofMillis(14_999)).ringTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(new OriginateRequest("+12015550123", "", "", Duration.ofSeconds(-5), "", false, Map.of())
                .ringTimeout()).isEqualTo(OriginateRequest.MIN_RING_TIMEOUT);
    }

    @Test
    void fifteenSecondsOrMoreIsKeptAndNoneMeansThirty() {
        OriginateRequest r = OriginateRequest.toNumber("+12015550123", "");
        assertThat(r.withRingTimeout(Duration.ofSeconds(15)).ringTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(r.withRingTimeout(Duration.ofSeconds(45)).ringTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(r.withRingTimeout(null).ringTimeout()).isEqualTo(Duration.ofSeconds(30));
    }
}
