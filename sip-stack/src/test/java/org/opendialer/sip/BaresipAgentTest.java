package org.opendialer.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real softphone (baresip) registers as agent 1001 with digest auth, auto-answers our call and takes our BYE. */
class BaresipAgentTest {

    private SipServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private int start() throws Exception {
        String agentHa1 = AgentAndBridgeTest.ha1("1001", "dialer.test", "pw1001");
        AgentDirectory agents = user -> user.equals("1001") ? Optional.of(agentHa1) : Optional.empty();
        int port = Sipp.freeUdpPort();
        server = SipServer.start(new SipConfig("127.0.0.1", port, 5061, List.of("udp"), List.of()), agents,
                "dialer.test");
        return port;
    }

    private void awaitRegistered(Baresip phone) throws InterruptedException {
        for (int i = 0; i < 500 && server.registeredContacts("1001").isEmpty() && phone.isAlive(); i++) {
            Thread.sleep(20);
        }
        assertThat(server.registeredContacts("1001")).as(phone.log()).hasSize(1);
    }

    @Test
    void registeredBaresipPhoneAutoAnswersAndHangsUpOnOurBye() throws Exception {
        int port = start();
        try (Baresip phone = Baresip.register("1001", "pw1001", port)) {
            awaitRegistered(phone);
            assertThat(server.stats().registrations()).isEqualTo(1);

            EventRecorder events = new EventRecorder();
            String id = server.originate(OriginateRequest.toAgent("1001", OutboundCallTest.OFFER), events);
            CallEvent.Answered answered = events.await(CallEvent.Answered.class, 10);
            assertThat(answered.remoteSdp()).as(phone.log()).contains("m=audio").contains("PCMU/8000")
                    .contains("127.0.0.1");
            server.hangup(id, Q850.NORMAL_CLEARING);
            CallEvent.Ended ended = events.await(CallEvent.Ended.class, 10);
            assertThat(ended.side()).isEqualTo(HangupSide.LOCAL);
            assertThat(ended.disposition()).isEqualTo(Disposition.NORMAL);
            // Our Ended comes as the BYE leaves; the phone's own log shows it arrived and closed the session.
            for (int i = 0; i < 250 && !phone.log().contains("session closed"); i++) {
                Thread.sleep(20);
            }
            assertThat(phone.log()).contains("Call established").contains("session closed");
            assertThat(phone.isAlive()).as("baresip still running after the call: " + phone.log()).isTrue();
        }
    }

    @Test
    void baresipsTransferKeySendsAReferThatIsReported() throws Exception {
        int port = start();
        try (Baresip phone = Baresip.register("1001", "pw1001", port)) {
            awaitRegistered(phone);
            EventRecorder events = new EventRecorder();
            String id = server.originate(OriginateRequest.toAgent("1001", OutboundCallTest.OFFER), events);
            events.await(CallEvent.Answered.class, 10);
            phone.command("/transfer sip:1002@dialer.test");
            CallEvent.Refer refer = events.await(CallEvent.Refer.class, 10);
            assertThat(refer.target()).as(phone.log()).isEqualTo("sip:1002@dialer.test");
            assertThat(refer.replaces()).isNull();
            server.referProgress(id, 200);
            server.hangup(id, Q850.NORMAL_CLEARING); // or the phone hangs up first on the transfer's success
            events.await(CallEvent.Ended.class, 10);
        }
    }

    @Test
    void baresipWithAWrongPasswordIsNotRegistered() throws Exception {
        int port = start();
        try (Baresip phone = Baresip.register("1001", "not-the-password", port)) {
            // baresip logs the failed registration once our 403 arrives; wait for that, not for a fixed time.
            for (int i = 0; i < 500 && !phone.log().contains("403") && phone.isAlive(); i++) {
                Thread.sleep(20);
            }
            assertThat(phone.log()).contains("403");
            assertThat(server.registeredContacts("1001")).isEmpty();
        }
    }
}
