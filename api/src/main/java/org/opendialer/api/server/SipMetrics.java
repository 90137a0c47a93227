package org.opendialer.api.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.opendialer.sip.SipServer;
import org.opendialer.sip.SipStats;
import org.opendialer.sip.trunk.TrunkStatus;

/**
 * The SIP stack's counters on {@code /metrics}: refusals by reason (a flood of strangers shows here, not as one log
 * line per INVITE), live legs, registered agent contacts, INVITEs in and out, responses received by method and
 * class, and per trunk its health, channels in use and configured call rate. Read from {@link SipServer#stats()} and
 * {@link SipServer#trunks()} at each scrape.
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
        FunctionCounter.builder("dialer.sip.invites", sip, s -> s.stats().invitesIn()).tag("direction", "in")
                .description("new INVITEs taken (retransmissions and refused strangers excluded)").register(registry);
        FunctionCounter.builder("dialer.sip.invites", sip, s -> s.stats().invitesOut()).tag("direction", "out")
                .description("INVITEs sent, one per attempt (failover and redirect included)").register(registry);
        for (String method : SipStats.METHODS) {
            for (int c = 1; c <= 6; c++) {
                String key = SipStats.responseKey(method, c);
                FunctionCounter.builder("dialer.sip.responses", sip, s -> s.stats().responsesIn().getOrDefault(key, 0L))
                        .tag("method", method).tag("class", c + "xx")
                        .description("SIP responses received to our requests, by request method and status class")
                        .register(registry);
            }
        }
        for (TrunkStatus t : sip.trunks()) {
            bindTrunk(registry, sip, t.name(), t.group());
        }
    }

    private static void bindTrunk(MeterRegistry registry, SipServer sip, String name, String group) {
        Gauge.builder("dialer.trunk.up", sip, s -> trunk(s, name).up() ? 1 : 0).tag("trunk", name).tag("group", group)
                .description("1 while the trunk answers its OPTIONS keep-alive (always 1 without keep-alive)")
                .register(registry);
        Gauge.builder("dialer.trunk.channels.in.use", sip, s -> trunk(s, name).inUse()).tag("trunk", name)
                .tag("group", group).description("calls holding a channel of the trunk").register(registry);
        Gauge.builder("dialer.trunk.channels.capacity", sip, s -> trunk(s, name).capacity()).tag("trunk", name)
                .tag("group", group).description("channels the trunk may carry at once").register(registry);
        Gauge.builder("dialer.trunk.calls.per.second.max", sip, s -> trunk(s, name).maxCallsPerSecond())
                .tag("trunk", name).tag("group", group).description("configured call attempts per second")
                .register(registry);
        FunctionCounter.builder("dialer.trunk.attempts", sip, s -> trunk(s, name).attempts()).tag("trunk", name)
                .tag("group", group).description("calls that took a channel of the trunk").register(registry);
    }

    private static TrunkStatus trunk(SipServer sip, String name) {
        return sip.trunks().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
