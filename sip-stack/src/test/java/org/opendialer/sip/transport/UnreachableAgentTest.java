package org.opendialer.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opendialer.sip.AgentDirectory;
import org.opendialer.sip.RegistrationEvent;
import org.opendialer.sip.RegistrationStore;
import org.opendialer.sip.SipConfig;

/**
 * A stored phone that no longer answers OPTIONS is dropped and announced UNREACHABLE. Takes one OPTIONS transaction
 * timeout (64 x T1, real time in the stack): T1 is shortened to 50 ms for the probes, so 3.2 s instead of 32 s;
 * the path (retransmissions, then the stack's transaction timeout) is the product's.
 */
class UnreachableAgentTest {

    @Test
    void aPhoneThatDoesNotAnswerOptionsIsAnnouncedUnreachable() throws Exception {
        try (DatagramSocket silentPhone = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            String contact = "sip:1001@127.0.0.1:" + silentPhone.getLocalPort();
            List<String> removed = new java.util.concurrent.CopyOnWriteArrayList<>();
            RegistrationStore store = new RegistrationStore() {
                @Override
                public List<Registration> loadUnexpired(Instant now) {
                    return List.of(new Registration("1001", contact, "127.0.0.1", silentPhone.getLocalPort(), "udp",
                            now.plusSeconds(600)));
                }

                @Override
                public void save(Registration registration) { }

                @Override
                public void remove(String user, String c) {
                    removed.add(user + " " + c);
                }
            };
            BlockingQueue<RegistrationEvent> events = new LinkedBlockingQueue<>();
            try (JainSipServer server = JainSipServer.start(new SipConfig("127.0.0.1", 0, 0, List.of("udp"),
                    List.of()), AgentDirectory.none(), "dialer.test", store)) {
                server.onRegistration(events::add);
                assertThat(server.registeredContacts("1001")).containsExactly(contact);
                server.prober().t1(java.time.Duration.ofMillis(50));
                server.qualifyAgentsNow();
                RegistrationEvent e = events.poll(45, TimeUnit.SECONDS);
                assertThat(e).isEqualTo(new RegistrationEvent.Unregistered("1001", contact,
                        RegistrationEvent.Reason.UNREACHABLE));
                assertThat(server.registeredContacts("1001")).isEmpty();
                for (int i = 0; i < 250 && removed.isEmpty(); i++) {
                    Thread.sleep(20);
                }
                assertThat(removed).containsExactly("1001 " + contact);
            }
        }
    }
}
