package org.opendialer.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An agent's answered phone (SIPp) sends REFER with Replaces: 202, NOTIFYs, and a Refer event with the Replaces parsed. */
class ReferTest {

    private SipServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void referFromTheAnsweredPhoneIsAcceptedNotifiedAndReported() throws Exception {
        try (Sipp phone = Sipp.uas("uas-answer-refer.xml", 1)) {
            // agent 1001's phone, registered before this start (see RegistrationRestartTest)
            MemoryRegistrationStore registered = new MemoryRegistrationStore();
            registered.save(new RegistrationStore.Registration("1001", "sip:1001@127.0.0.1:" + phone.port,
                    "127.0.0.1", phone.port, "udp", Instant.now().plusSeconds(300)));
            server = SipServer.start(new SipConfig("127.0.0.1", Sipp.freeUdpPort(), 5061, List.of("udp"),
                    List.of()), AgentDirectory.none(), "dialer.test", registered);
            EventRecorder events = new EventRecorder();
            String id = server.originate(OriginateRequest.toAgent("1001", OutboundCallTest.OFFER), events);
            events.await(CallEvent.Answered.class, 10);
            CallEvent.Refer refer = events.await(CallEvent.Refer.class, 10);
            assertThat(refer.callId()).isEqualTo(id);
            assertThat(refer.target()).isEqualTo("sip:1002@dialer.test");
            assertThat(refer.referredBy()).isEqualTo("<sip:1001@dialer.test>");
            assertThat(refer.replaces()).isEqualTo(new Replaces("held-1@phone+x", "tt7", "ff9", false));
            server.referProgress(id, 200);
            // after the final NOTIFY: ignored (the phone expects our BYE next; the leg applies both in order)
            server.referProgress(id, 180);
            server.hangup(id, Q850.NORMAL_CLEARING);
            events.await(CallEvent.Ended.class, 10);
            assertThat(phone.await(10)).as(phone.errors()).isZero();
        }
    }
}
