package org.opendialer.sip.transport;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sip.address.SipURI;
import org.jitsi.utils.logging2.Logger;
import org.opendialer.sip.TrunkConfig;
import org.opendialer.sip.time.Scheduler;
import org.opendialer.sip.trunk.TrunkState;

/**
 * The configured trunks at run time: their states, which source addresses belong to which trunk (only those may
 * start calls), and the OPTIONS keep-alive that marks each up or down.
 */
final class TrunkSupervisor {

    private final List<TrunkState> trunks;
    private final Map<String, String> byAddress;
    private final Prober prober;
    private final SipContext ctx;
    private final Logger log;

    TrunkSupervisor(List<TrunkState> trunks, Prober prober, SipContext ctx, Logger log) {
        this.trunks = List.copyOf(trunks);
        this.prober = prober;
        this.ctx = ctx;
        this.log = log;
        this.byAddress = resolve(trunks, log);
    }

    List<TrunkState> trunks() {
        return trunks;
    }

    /** Trunk name for a source address, or null when the address is no configured trunk. */
    String trunkAt(String address) {
        return byAddress.get(address);
    }

    TrunkConfig config(String name) {
        return trunks.stream().map(TrunkState::config).filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    private static Map<String, String> resolve(List<TrunkState> trunks, Logger log) {
        Map<String, String> byAddress = new ConcurrentHashMap<>();
        for (TrunkState t : trunks) {
            try {
                for (InetAddress a : InetAddress.getAllByName(t.config().host())) {
                    byAddress.putIfAbsent(a.getHostAddress(), t.name());
                }
            } catch (java.net.UnknownHostException e) {
                log.warn("trunk " + t.name() + ": host " + t.config().host() + " does not resolve; its INVITEs will"
                        + " be refused");
            }
        }
        return byAddress;
    }

    /** OPTIONS keep-alive every {@code keepAliveSeconds} for the trunks that ask for one; returns their timers. */
    List<Scheduler.Cancellable> start() {
        List<Scheduler.Cancellable> timers = new java.util.ArrayList<>();
        for (TrunkState t : trunks) {
            int every = t.config().keepAliveSeconds();
            if (every > 0) {
                Duration period = Duration.ofSeconds(every);
                timers.add(ctx.timers.scheduleWithFixedDelay(() -> probe(t), Duration.ZERO, period));
            }
        }
        return timers;
    }

    private void probe(TrunkState t) {
        try {
            SipURI uri = ctx.addresses.createSipURI(null, t.config().host());
            uri.setPort(t.config().port());
            // A peer silent for a whole interval is down: an operator wants that within one keep-alive, not 32 s.
            long deadline = TimeUnit.SECONDS.toMillis(Math.min(t.config().keepAliveSeconds(), 32));
            prober.probe(uri, t.config().transport(), t.config().outboundProxy(), deadline, alive -> {
                if (alive != t.isUp()) {
                    log.info("trunk " + t.name() + " is now " + (alive ? "up" : "down"));
                }
                t.markUp(alive);
            });
        } catch (Exception e) {
            log.warn("keep-alive for " + t.name() + " failed: " + e.getMessage());
        }
    }
}
