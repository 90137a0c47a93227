package org.opendialer.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A SIPp agent phone registers once; the SIP server restarts over the same store and can still call it. */
class RegistrationRestartTest {

    private SipServer server;

    private SipServer start(RegistrationStore store) throws Exception {
        String agentHa1 = AgentAndBridgeTest.ha1("1001", "dialer.test", "pw1001");
        AgentDirectory agents = user -> user.equals("1001") ? Optional.of(agentHa1) : Optional.empty();
        return SipServer.start(new SipConfig("127.0.0.1", Sipp.freeUdpPort(), 5061, List.of("udp"), List.of()),
                agents, "dialer.test", store);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void agentRegisteredBeforeARestartIsReachableAfterIt() throws Exception {
        MemoryRegistrationStore store = new MemoryRegistrationStore();
        try (Sipp phone = Sipp.uas("uas-answer.xml", 1)) {
            server = start(store);
            try (Sipp registration = Sipp.uac("uac-register.xml", 1, "127.0.0.1:" + server.port(), "-s", "1001",
                    "-au", "1001", "-ap", "pw1001", "-key", "phone_port", Integer.toString(phone.port))) {
                assertThat(registration.await(10)).as(registration.errors()).isZero();
            }
            for (int i = 0; i < 250 && store.all().isEmpty(); i++) {
                Thread.sleep(20); // the store is written off the SIP thread, just after the 200 OK
            }
            assertThat(store.all()).as("stored registrations").hasSize(1);
            server.close();

            server = start(store);
            assertThat(server.registeredContacts("1001")).containsExactly("sip:1001@127.0.0.1:" + phone.port);
            AgentAndBridgeTest.callAndHangUp(server, "1001", phone);
        }
    }
}
