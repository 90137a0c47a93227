package org.opendialer.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A SIPp agent phone registers with digest auth and is called; a customer leg and an agent leg are bridged. */
class AgentAndBridgeTest {

    private SipServer server;

    static String ha1(String user, String realm, String password) throws Exception {
        byte[] d = MessageDigest.getInstance("MD5")
                .digest((user + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d);
    }

    private int start(TrunkConfig... trunks) throws Exception {
        String agentHa1 = ha1("1001", "dialer.test", "pw1001");
        AgentDirectory agents = user -> user.equals("1001") ? Optional.of(agentHa1) : Optional.empty();
        int port = Sipp.freeUdpPort();
        server = SipServer.start(new SipConfig("127.0.0.1", port, 5061, List.of("udp"), List.of(trunks)), agents,
                "dialer.test");
        return port;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Agent 1001 registers, naming the SIPp UAS {@code phone} as its contact. */
    private static Sipp register(int serverPort, Sipp phone, String password) {
        return Sipp.uac("uac-register.xml", 1, "127.0.0.1:" + serverPort, "-s", "1001", "-au", "1001",
                "-ap", password, "-key", "phone_port", Integer.toString(phone.port));
    }

    private void awaitRegistered(String user) throws InterruptedException {
        for (int i = 0; i < 500 && server.registeredContacts(user).isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertThat(server.registeredContacts(user)).as("contacts of " + user).hasSize(1);
    }

    @Test
    void registeredAgentPhoneIsReachable() throws Exception {
        int port = start();
        try (Sipp phone = Sipp.uas("uas-answer.xml", 1);
             Sipp registration = register(port, phone, "pw1001")) {
            assertThat(registration.await(10)).as(registration.errors()).isZero();
            awaitRegistered("1001");
            callAndHangUp(server, "1001", phone);
        }
    }

    /** Calls an agent, hangs up once it answers, and checks its phone (a SIPp UAS) followed its scenario. */
    static void callAndHangUp(SipServer server, String agent, Sipp phone) throws InterruptedException {
        EventRecorder events = new EventRecorder();
        String id = server.originate(OriginateRequest.toAgent(agent, OutboundCallTest.OFFER), events);
        events.await(CallEvent.Answered.class, 10);
        server.hangup(id, Q850.NORMAL_CLEARING);
        events.await(CallEvent.Ended.class, 10);
        assertThat(phone.await(10)).as(phone.errors()).isZero();
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        int port = start();
        try (Sipp phone = Sipp.uas("uas-answer.xml", 1); Sipp registration = register(port, phone, "wrong")) {
            assertThat(registration.await(15)).isNotZero(); // the scenario wants 200; our 403 makes it fail
        }
        assertThat(server.registeredContacts("1001")).isEmpty();
        assertThat(server.stats().registrations()).isZero();
    }

    @Test
    void customerByeEndsTheBridgedAgentLeg() throws Exception {
        try (Sipp customer = Sipp.uas("uas-answer-bye.xml", 1)) {
            int port = start(OutboundCallTest.trunk("carrier", customer.port, "main"));
            try (Sipp phone = Sipp.uas("uas-answer.xml", 1);
                 Sipp registration = register(port, phone, "pw1001")) {
                assertThat(registration.await(10)).as(registration.errors()).isZero();
                awaitRegistered("1001");
                EventRecorder agentEvents = new EventRecorder();
                String agentLeg = server.originate(OriginateRequest.toAgent("1001", OutboundCallTest.OFFER),
                        agentEvents);
                agentEvents.await(CallEvent.Answered.class, 10);
                EventRecorder customerEvents = new EventRecorder();
                String customerLeg = server.originate(OriginateRequest.toNumber("+12015550123",
                        OutboundCallTest.OFFER), customerEvents);
                customerEvents.await(CallEvent.Answered.class, 10);
                server.bridge(customerLeg, agentLeg);
                CallEvent.Ended customerEnd = customerEvents.await(CallEvent.Ended.class, 10);
                CallEvent.Ended agentEnd = agentEvents.await(CallEvent.Ended.class, 10);
                assertThat(customerEnd.side()).isEqualTo(HangupSide.REMOTE);
                assertThat(agentEnd.side()).isEqualTo(HangupSide.LOCAL);
                assertThat(agentEnd.q850()).isEqualTo(customerEnd.q850());
                assertThat(phone.await(10)).as(phone.errors()).isZero();
                assertThat(customer.await(10)).as(customer.errors()).isZero();
            }
        }
    }

    @Test
    void blindTransferMovesTheCustomerToAnExternalNumber() throws Exception {
        try (Sipp customer = Sipp.uas("uas-answer.xml", 1); Sipp agent = Sipp.uas("uas-answer.xml", 1);
             Sipp external = Sipp.uas("uas-answer-bye.xml", 1)) {
            start(OutboundCallTest.trunk("customer", customer.port, "c"), OutboundCallTest.trunk("agent", agent.port, "a"),
                    OutboundCallTest.trunk("external", external.port, "x"));
            EventRecorder c = new EventRecorder();
            EventRecorder a = new EventRecorder();
            EventRecorder x = new EventRecorder();
            String customerLeg = server.originate(OriginateRequest.toNumber("+12015550123", OutboundCallTest.OFFER)
                    .withTrunkGroup("c"), c);
            String agentLeg = server.originate(OriginateRequest.toNumber("+12015550124", OutboundCallTest.OFFER)
                    .withTrunkGroup("a"), a);
            c.await(CallEvent.Answered.class, 10);
            a.await(CallEvent.Answered.class, 10);
            server.bridge(customerLeg, agentLeg);
            server.transfer(customerLeg, OriginateRequest.toNumber("+12015550125", OutboundCallTest.OFFER)
                    .withTrunkGroup("x"), x);
            x.await(CallEvent.Answered.class, 10);
            CallEvent.Ended agentEnd = a.await(CallEvent.Ended.class, 10);
            assertThat(agentEnd.side()).isEqualTo(HangupSide.LOCAL);
            CallEvent.Ended externalEnd = x.await(CallEvent.Ended.class, 10); // the external party hangs up ...
            assertThat(externalEnd.side()).isEqualTo(HangupSide.REMOTE);
            CallEvent.Ended customerEnd = c.await(CallEvent.Ended.class, 10); // ... and takes the customer with it
            assertThat(customerEnd.side()).isEqualTo(HangupSide.LOCAL);
            assertThat(customer.await(10)).as(customer.errors()).isZero();
            assertThat(agent.await(10)).as(agent.errors()).isZero();
            assertThat(external.await(10)).as(external.errors()).isZero();
        }
    }

    @Test
    void carrierDigestChallengeIsAnswered() throws Exception {
        try (Sipp carrier = Sipp.uas("uas-auth.xml", 1)) {
            TrunkConfig t = new TrunkConfig("secure", "trunk", "127.0.0.1", carrier.port, "udp", 5, 5, "US", 0, null,
                    null, null, "acct42", "s3cret", "+15550001111", false, "id", 0);
            start(t);
            EventRecorder events = new EventRecorder();
            String id = server.originate(OriginateRequest.toNumber("+12015550123", OutboundCallTest.OFFER), events);
            events.await(CallEvent.Answered.class, 10);
            server.hangup(id, Q850.NORMAL_CLEARING);
            events.await(CallEvent.Ended.class, 10);
            assertThat(carrier.await(10)).as(carrier.errors()).isZero();
        }
    }
}
