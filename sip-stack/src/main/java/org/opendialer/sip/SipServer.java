package org.opendialer.sip;

import java.util.List;
import org.opendialer.sip.time.Scheduler;
import org.opendialer.sip.time.VirtualScheduler;
import org.opendialer.sip.transport.JainSipServer;
import org.opendialer.sip.trunk.TrunkStatus;

/** The SIP side of the server: listens, places and takes calls, registers agents. Closing ends every call. */
public interface SipServer extends CallControl, AutoCloseable {

    /**
     * Starts listening on the configured address, ports and transports.
     *
     * @param realm digest realm for agent registration, e.g. the server's domain
     * @throws SipStartException when the stack cannot start (port in use, bad address)
     */
    static SipServer start(SipConfig config, AgentDirectory agents, String realm) {
        return start(config, agents, realm, RegistrationStore.none());
    }

    /**
     * As {@link #start(SipConfig, AgentDirectory, String)}, keeping agent registrations in {@code registrations}:
     * the unexpired ones stored by an earlier run are loaded before the first request is taken (and qualified by
     * OPTIONS like any other), so agents stay reachable across a restart.
     */
    static SipServer start(SipConfig config, AgentDirectory agents, String realm, RegistrationStore registrations) {
        return JainSipServer.start(config, agents, realm, registrations);
    }

    /**
     * As {@link #start(SipConfig, AgentDirectory, String, RegistrationStore)}, with every timer of ours (ring
     * timeout, CPS pacing, keep-alives, session refresh, registration expiry) on {@code timers}, which the caller
     * owns and closes: a server-wide scheduler, or a {@link VirtualScheduler} in tests.
     */
    static SipServer start(SipConfig config, AgentDirectory agents, String realm, RegistrationStore registrations,
                           Scheduler timers) {
        return JainSipServer.start(config, agents, realm, registrations, timers);
    }

    /** Adds a listener for agent registrations and unregistrations from now on. */
    void onRegistration(RegistrationListener listener);

    List<TrunkStatus> trunks();

    /** The port listened on: the configured one, or the free one chosen when the configuration says 0. */
    int port();

    /** The TLS port listened on (a free one when configured as 0), or 0 without the tls transport. */
    int tlsPort();

    SipStats stats();

    /** Stops keep-alives, hangs up every leg (BYE / CANCEL / 503) and stops the stack. */
    @Override
    void close();
}
