package org.opendialer.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendialer.sip.AgentDirectory;
import org.opendialer.sip.RegistrationStore;
import org.opendialer.sip.SipConfig;

/**
 * {@link SipStackSetup#stop} without the RI's pause (the test builds set {@code opendialer.sip.skipStopPause}): the
 * stop still completes (its port is free within moments, so the sockets were closed) and leaves the caller's
 * interrupt status as it was, whether clear or set.
 */
class StackStopTest {

    @Test
    void theTestBuildSkipsThePause() {
        assertThat(Boolean.getBoolean(SipStackSetup.SKIP_STOP_PAUSE)).as("set in the surefire configuration").isTrue();
    }

    @Test
    void aStoppedStackFreesItsPortAndLeavesTheCallersInterruptStatusAlone() throws Exception {
        for (boolean interrupted : new boolean[] {false, true}) {
            JainSipServer server = JainSipServer.start(new SipConfig("127.0.0.1", 0, 0, List.of("udp"), List.of()),
                    AgentDirectory.none(), "dialer.test", RegistrationStore.none());
            int port = server.port();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            server.close();
            assertThat(Thread.interrupted()).as("interrupt status after close").isEqualTo(interrupted);
            // the JDK frees a UDP socket's port when its receiving thread (JAIN-SIP's, blocked in receive) has
            // left, which is just after close returns, not during it: so the port is awaited, briefly
            assertThat(bindable(port, Duration.ofSeconds(5))).as("port " + port + " free after close").isTrue();
        }
    }

    private static boolean bindable(int port, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try (DatagramSocket again = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                return again.getLocalPort() == port;
            } catch (SocketException e) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(10);
            }
        }
    }
}
