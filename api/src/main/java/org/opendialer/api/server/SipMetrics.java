package org.opendialer.api.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.opendialer.sip.SipServer;
import org.opendialer.sip.SipStats;

/**
 * The SIP stack's counters on {@code /metrics}: refusals by reason (a flood of strangers shows here, not as one log
 * line per INVITE), live legs and registered agent contacts. Read from {@link SipServer#stats()} at each scrape.
 */
final class SipMetrics {

    private SipMetrics() {
    }

    static void bind(MeterRegistry registry, SipServer sip) {
        for (SipStats.Refusal reason : SipStats.Refusal.values()) {
            FunctionCounter.builder("dialer.sip.refusals", sip, s -> s.stats().refusals().getOrDefault(reason, 0L))
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .description("SIP requests refused since start: untrusted_source (INVITE from neither a trunk nor"
                            + " an agent), bad_credentials (REGISTER digest), throttled (REGISTER while backing off)")
                    .register(registry);
        }
        Gauge.builder("dialer.sip.legs.active", sip, s -> s.stats().activeLegs())
                .description("SIP call legs not yet ended").register(registry);
        Gauge.builder("dialer.sip.registrations", sip, s -> s.stats().registrations())
                .description("agent contacts currently registered").register(registry);
    }
}
