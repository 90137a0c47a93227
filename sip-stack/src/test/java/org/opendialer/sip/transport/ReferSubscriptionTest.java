package org.opendialer.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opendialer.sip.Replaces;

/** The Replaces value of an attended transfer (RFC 3891 §6.1), as found unescaped in a Refer-To. */
class ReferSubscriptionTest {

    @Test
    void tagsInAnyOrderAndEarlyOnly() {
        assertThat(ReferSubscription.replaces("98732@sip.example.com;from-tag=r33th4x0r;to-tag=ff87ff;early-only"))
                .isEqualTo(new Replaces("98732@sip.example.com", "ff87ff", "r33th4x0r", true));
    }

    @Test
    void aMissingTagMakesNoReplaces() {
        assertThat(ReferSubscription.replaces("98732@sip.example.com;to-tag=ff87ff")).isNull();
        assertThat(ReferSubscription.replaces(";to-tag=a;from-tag=b")).isNull();
    }
}
