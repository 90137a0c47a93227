package org.opendialer.sip.transport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sip.address.SipURI;
import org.jitsi.utils.logging2.Logger;
import org.opendialer.sip.time.Scheduler;

/**
 * OPTIONS qualify of registered agent phones: every {@link #INTERVAL_S} seconds each contact is probed where its
 * REGISTER came from; a contact that does not answer (64 x T1) is dropped, so calls stop ringing a dead phone
 * long before its registration would expire.
 */
final class AgentQualifier {

    static final int INTERVAL_S = 30;

    private final Registrar registrar;
    private final Prober prober;
    private final SipContext ctx;
    private final Logger log;

    AgentQualifier(Registrar registrar, Prober prober, SipContext ctx, Logger log) {
        this.registrar = registrar;
        this.prober = prober;
        this.ctx = ctx;
        this.log = log;
    }

    Scheduler.Cancellable start() {
        Duration every = Duration.ofSeconds(INTERVAL_S);
        return ctx.timers.scheduleWithFixedDelay(this::qualifyAll, every, every);
    }

    void qualifyAll() {
        for (Map.Entry<String, List<Registrar.Binding>> agent : registrar.all().entrySet()) {
            for (Registrar.Binding b : agent.getValue()) {
                try {
                    SipURI target = ctx.addresses.createSipURI(null, b.sourceHost());
                    target.setPort(b.sourcePort());
                    prober.probe(target, b.transport(), "", alive -> {
                        if (!alive) {
                            log.info("agent " + agent.getKey() + ": contact " + b.contact()
                                    + " does not answer OPTIONS; dropped");
                            registrar.drop(agent.getKey(), b.contact());
                        }
                    });
                } catch (java.text.ParseException e) {
                    log.warn("cannot qualify " + b.contact() + ": " + e.getMessage());
                }
            }
        }
    }
}
