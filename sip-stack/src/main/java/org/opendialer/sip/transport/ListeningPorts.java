package org.opendialer.sip.transport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.ObjectInUseException;
import javax.sip.SipStack;
import javax.sip.TransportNotSupportedException;
import org.opendialer.sip.SipConfig;
import org.opendialer.sip.SipStartException;

/**
 * The stack's listening points, one per configured transport. JAIN-SIP cannot listen on port 0 and report the
 * port, so for a configured 0 we probe a free port and bind it afterwards; another process (a test's SIPp, another
 * node on the same host) may take it in between. Such a lost race is retried with freshly probed ports
 * ({@value #ATTEMPTS} attempts); a configured port that is taken fails at once, as the operator asked for it.
 */
final class ListeningPorts {

    static final int ATTEMPTS = 5;

    /** What was bound: the points (first one for the provider), the plain port and the TLS port (0 without TLS). */
    record Bound(List<ListeningPoint> points, int port, int tlsPort) {
    }

    private ListeningPorts() {
    }

    static Bound listen(SipStack stack, SipConfig config) {
        return listen(stack, config, () -> freePort(config.bindAddress()));
    }

    /** @param freePorts probes a port believed free on the bind address (tests give ports they hold) */
    static Bound listen(SipStack stack, SipConfig config, IntSupplier freePorts) {
        boolean tls = config.transports().contains("tls");
        boolean chosen = config.port() == 0 || tls && config.tlsPort() == 0;
        for (int attempt = 1; ; attempt++) {
            int port = config.port() == 0 ? freePorts.getAsInt() : config.port();
            int tlsPort = !tls ? 0 : config.tlsPort() == 0 ? freePorts.getAsInt() : config.tlsPort();
            List<ListeningPoint> points = new ArrayList<>();
            try {
                for (String transport : config.transports()) {
                    points.add(stack.createListeningPoint(config.bindAddress(), transport.equals("tls") ? tlsPort : port,
                            transport));
                }
                return new Bound(points, port, tlsPort);
            } catch (InvalidArgumentException | TransportNotSupportedException e) {
                release(stack, points);
                if (!chosen || attempt == ATTEMPTS) {
                    throw new SipStartException("SIP could not listen on " + config.bindAddress() + ":" + port
                            + (tls ? " (TLS " + tlsPort + ")" : "") + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static void release(SipStack stack, List<ListeningPoint> points) {
        for (ListeningPoint lp : points) {
            try {
                stack.deleteListeningPoint(lp);
            } catch (ObjectInUseException e) {
                // no provider holds it yet: cannot happen before the provider is created
                throw new IllegalStateException(e);
            }
        }
    }

    /** A port free for both UDP and TCP on the address at this moment. */
    static int freePort(String address) {
        for (int i = 0; i < 20; i++) {
            try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getByName(address));
                 ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 50, InetAddress.getByName(address))) {
                return tcp.getLocalPort();
            } catch (IOException inUse) {
                // the TCP side of this port is taken: try another
            }
        }
        throw new SipStartException("no free SIP port on " + address, null);
    }
}
