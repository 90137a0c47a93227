package org.opendialer.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every SIPp scenario that answers our INVITE takes its retransmission (RFC 3261 Timer A) at any point before our
 * ACK and still completes the call as scripted. A {@link LossyLink} makes the dialer retransmit on every run, as a
 * loaded CI machine sometimes does, once while the carrier rings and once after it has answered.
 */
class CarrierRetransmissionTest {

    private static final Pattern ACK_CSEQ = Pattern.compile("(?m)^CSeq:\\s*(\\d+) ACK");

    private SipServer server;
    private EventRecorder events;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(LossyLink.Fault.class)
    void answeredCarrier(LossyLink.Fault fault) throws Exception {
        weHangUp("uas-answer.xml", fault, port -> OutboundCallTest.trunk("carrier", port, "main"), carrier -> { });
    }

    @ParameterizedTest
    @EnumSource(LossyLink.Fault.class)
    void carrierThatHangsUp(LossyLink.Fault fault) throws Exception {
        try (Sipp carrier = Sipp.uas("uas-answer-bye.xml", 1); LossyLink link = new LossyLink(carrier.port, fault)) {
            answer(OutboundCallTest.trunk("carrier", link.port(), "main"));
            assertCompleted(carrier, link); // its BYE ends the call
        }
    }

    @ParameterizedTest
    @EnumSource(LossyLink.Fault.class)
    void carrierThatChallenges(LossyLink.Fault fault) throws Exception {
        weHangUp("uas-auth.xml", fault, port -> new TrunkConfig("secure", "trunk", "127.0.0.1", port, "udp", 5, 5,
                "US", 0, null, null, null, "acct42", "s3cret", "+15550001111", false, "id", 0), carrier -> { });
    }

    @ParameterizedTest
    @EnumSource(LossyLink.Fault.class)
    void carrierWithSessionTimer(LossyLink.Fault fault) throws Exception {
        // it expects our refreshing re-INVITE (at 2 s, real time here) and its ACK before the BYE
        weHangUp("uas-session-timer.xml", fault, port -> OutboundCallTest.trunk("carrier", port, "main"), carrier -> {
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (ackedTransactions(carrier.messages()) < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(LossyLink.Fault.class)
    void agentPhoneThatTransfers(LossyLink.Fault fault) throws Exception {
        try (Sipp phone = Sipp.uas("uas-answer-refer.xml", 1); LossyLink link = new LossyLink(phone.port, fault)) {
            MemoryRegistrationStore registered = new MemoryRegistrationStore();
            registered.save(new RegistrationStore.Registration("1001", "sip:1001@127.0.0.1:" + link.port(),
                    "127.0.0.1", link.port(), "udp", Instant.now().plusSeconds(300)));
            server = SipServer.start(new SipConfig("127.0.0.1", Sipp.freeUdpPort(), 5061, List.of("udp"),
                    List.of()), AgentDirectory.none(), "dialer.test", registered);
            EventRecorder events = new EventRecorder();
            String id = server.originate(OriginateRequest.toAgent("1001", OutboundCallTest.OFFER), events);
            events.await(CallEvent.Answered.class, 15);
            events.await(CallEvent.Refer.class, 10);
            server.referProgress(id, 200);
            server.hangup(id, Q850.NORMAL_CLEARING);
            events.await(CallEvent.Ended.class, 10);
            assertRetransmitted(phone, link);
        }
    }

    /** A call to {@code scenario} over a link with {@code fault}; {@code beforeHangup} waits for what it must see. */
    private void weHangUp(String scenario, LossyLink.Fault fault, IntFunction<TrunkConfig> trunk,
                          Waiting beforeHangup) throws Exception {
        try (Sipp carrier = Sipp.uas(scenario, 1); LossyLink link = new LossyLink(carrier.port, fault)) {
            String id = answer(trunk.apply(link.port()));
            beforeHangup.await(carrier);
            server.hangup(id, Q850.NORMAL_CLEARING);
            assertCompleted(carrier, link);
        }
    }

    private interface Waiting {
        void await(Sipp carrier) throws InterruptedException;
    }

    private String answer(TrunkConfig trunk) throws Exception {
        server = OutboundCallTest.serve(trunk);
        events = new EventRecorder();
        String id = server.originate(OriginateRequest.toNumber("+12015550123", OutboundCallTest.OFFER), events);
        events.await(CallEvent.Answered.class, 15);
        return id;
    }

    private void assertCompleted(Sipp carrier, LossyLink link) throws Exception {
        events.await(CallEvent.Ended.class, 10);
        assertRetransmitted(carrier, link);
    }

    private static void assertRetransmitted(Sipp carrier, LossyLink link) throws InterruptedException {
        assertThat(carrier.await(10)).as("SIPp followed its scenario: " + carrier.errors()).isZero();
        assertThat(link.retransmissions()).as("the dialer retransmitted its INVITE").isPositive();
    }

    /** INVITE transactions SIPp saw ACKed (retransmitted ACKs counted once). */
    private static long ackedTransactions(String trace) {
        Matcher m = ACK_CSEQ.matcher(trace);
        return m.results().map(r -> r.group(1)).distinct().count();
    }
}
