package org.opendialer.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialer.sip.SipConfig;
import org.opendialer.sip.SipStartException;

/**
 * Port 0 with a real JAIN-SIP stack: a probed port that someone else binds before the stack does (the race a
 * restarted node lost under load) is replaced by a fresh one; a configured port that is taken is an error.
 */
class ListeningPortsTest {

    private final InetAddress loopback = InetAddress.getLoopbackAddress();
    private SipStack stack;

    private SipStack stack(SipConfig config) throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        stack = factory.createSipStack(SipStackSetup.properties(config));
        return stack;
    }

    @AfterEach
    void stop() {
        if (stack != null) {
            try {
                stack.stop();
            } catch (NullPointerException | java.util.ConcurrentModificationException e) {
                // The RI's UDP processor makes its channel list on its receive thread: stopped before that thread
                // has run (a test ends within ms of the bind), its stop closes the socket, then trips over the
                // missing list. The server tolerates the same (JainSipServer.stopQuietly); not what is tested here.
            }
        }
    }

    @Test
    void aProbedPortTakenBeforeTheBindIsReplacedByAFreshOne() throws Exception {
        SipConfig config = new SipConfig("127.0.0.1", 0, 0, List.of("udp", "tcp"), List.of());
        try (DatagramSocket thief = new DatagramSocket(0, loopback)) {
            int fresh = ListeningPorts.freePort("127.0.0.1");
            Deque<Integer> probes = new ArrayDeque<>(List.of(thief.getLocalPort(), fresh));
            ListeningPorts.Bound bound = ListeningPorts.listen(stack(config), config, probes::pop);

            assertThat(probes).as("both probes used: the first lost the race").isEmpty();
            assertThat(bound.port()).isEqualTo(fresh);
            assertThat(bound.points()).extracting(ListeningPoint::getPort).containsOnly(fresh);
            assertThat(bound.points()).extracting(ListeningPoint::getTransport).containsExactlyInAnyOrder("udp", "tcp");
            List<Object> all = new java.util.ArrayList<>();
            stack.getListeningPoints().forEachRemaining(all::add);
            assertThat(all).as("the failed attempt left no listening point behind").hasSize(2);
        }
    }

    @Test
    void aConfiguredPortThatIsTakenFailsAtOnce() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, loopback)) {
            SipConfig config = new SipConfig("127.0.0.1", taken.getLocalPort(), 0, List.of("udp"), List.of());
            int[] probes = new int[1];
            assertThatThrownBy(() -> ListeningPorts.listen(stack(config), config, () -> ++probes[0]))
                    .isInstanceOf(SipStartException.class).hasMessageContaining(":" + taken.getLocalPort());
            assertThat(probes[0]).as("no probing for a configured port").isZero();
        }
    }

    @Test
    void givesUpAfterItsAttempts() throws Exception {
        SipConfig config = new SipConfig("127.0.0.1", 0, 0, List.of("udp"), List.of());
        try (DatagramSocket thief = new DatagramSocket(0, loopback)) {
            int[] probes = new int[1];
            assertThatThrownBy(() -> ListeningPorts.listen(stack(config), config, () -> {
                probes[0]++;
                return thief.getLocalPort();
            })).isInstanceOf(SipStartException.class);
            assertThat(probes[0]).isEqualTo(ListeningPorts.ATTEMPTS);
        }
    }
}
