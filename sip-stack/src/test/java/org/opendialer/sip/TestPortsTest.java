package org.opendialer.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A peer process given a port another socket took meanwhile is noticed and started again on new ports. */
class TestPortsTest {

    @Test
    void aPeerWhosePortWasTakenIsRetriedOnANewOne() throws Exception {
        try (DatagramSocket thief = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            AtomicInteger starts = new AtomicInteger();
            Process sipp = TestPorts.onFreePorts("sipp", () -> {
                // the first start gets the port the thief bound after it was probed free
                int port = starts.getAndIncrement() == 0 ? thief.getLocalPort() : TestPorts.freeUdpPort();
                Process p = uas(port);
                try {
                    TestPorts.awaitBoundBy(p, "127.0.0.1", port);
                } catch (TestPorts.PortTaken e) {
                    p.destroyForcibly();
                    throw e;
                }
                return p;
            });
            try {
                assertThat(starts).hasValue(2);
                assertThat(sipp.isAlive()).isTrue();
            } finally {
                sipp.destroyForcibly();
            }
        }
    }

    @Test
    void aPortHeldByAnotherSocketIsNotTakenForThePeers() throws Exception {
        try (DatagramSocket thief = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Process p = uas(thief.getLocalPort());
            try {
                // the old check ("is the port bound?") said yes here; the peer itself never held it
                assertThatThrownBy(() -> TestPorts.awaitBoundBy(p, "127.0.0.1", thief.getLocalPort()))
                        .isInstanceOf(TestPorts.PortTaken.class);
            } finally {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void aPeerThatRunsWithoutEverBindingItsPortIsStartedAgain() throws Exception {
        // baresip whose console lost its TCP twin keeps running with no console socket at all; that was an
        // IOException that failed the test instead of a retry (CI, QueueCallsTest)
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            assertThatThrownBy(() -> TestPorts.awaitBoundBy(sleeper, "127.0.0.1", TestPorts.freeUdpPort()))
                    .isInstanceOf(TestPorts.PortTaken.class).hasMessageContaining("not bound");
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void sippAndBaresipStartBoundToTheirOwnPorts() throws Exception {
        try (Sipp uas = Sipp.uas("uas-busy.xml", 1)) {
            assertThat(Sipp.udpBound("127.0.0.1", uas.port)).isTrue();
        }
        try (Baresip phone = Baresip.register("ports", "secret", TestPorts.freeUdpPort())) {
            assertThat(phone.isAlive()).isTrue();
            assertThat(Sipp.udpBound("127.0.0.1", phone.port)).isTrue();
        }
    }

    /** SIPp's built-in UAS on {@code port}. */
    private static Process uas(int port) throws java.io.IOException {
        return new ProcessBuilder(List.of("sipp", "-sn", "uas", "-i", "127.0.0.1", "-p", Integer.toString(port),
                "-m", "1", "-nostdin", "-timeout", "30s", "-mp", Integer.toString(TestPorts.freeMediaPorts())))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
