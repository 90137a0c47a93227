package org.opendialer.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Outbound legs over trunks against real SIPp carriers on loopback: dispositions, causes, failover, cancel. */
class OutboundCallTest {

    static final String OFFER = "v=0\r\no=dialer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n";

    private SipServer server;

    static TrunkConfig trunk(String name, int port, String group) {
        return new TrunkConfig(name, "trunk", "127.0.0.1", port, "udp", 10, 50, "US", 0, null, group, "", "", "",
                "+15550001111", true, "none", 0);
    }

    static SipServer serve(TrunkConfig... trunks) {
        return SipServer.start(new SipConfig("127.0.0.1", Sipp.freeUdpPort(), 5061, List.of("udp"),
                List.of(trunks)), AgentDirectory.none(), "dialer.test");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void answeredCallCarriesSdpAndEndsOnOurHangup() throws Exception {
        try (Sipp carrier = Sipp.uas("uas-answer.xml", 1)) {
            server = serve(trunk("carrier-a", carrier.port, "main"));
            EventRecorder events = new EventRecorder();
            String id = server.originate(OriginateRequest.toNumber("(201) 555-0123", OFFER), events);
            CallEvent.Answered answered = events.await(CallEvent.Answered.class, 10);
            assertThat(answered.remoteSdp()).contains("m=audio").contains("PCMU/8000");
            assertThat(events.kinds()).contains(CallEvent.Ringing.class);
            assertThat(server.trunks().getFirst().inUse()).isEqualTo(1);
            server.hangup(id, Q850.NORMAL_CLEARING);
            CallEvent.Ended ended = events.await(CallEvent.Ended.class, 10);
            assertThat(ended.side()).isEqualTo(HangupSide.LOCAL);
            assertThat(ended.disposition()).isEqualTo(Disposition.NORMAL);
            assertThat(carrier.await(10)).as(carrier.errors()).isZero();
            assertThat(server.trunks().getFirst().inUse()).isZero();
        }
    }

    @Test
    void farEndByeEndsTheCallAsRemoteWithItsCause() throws Exception {
        try (Sipp carrier = Sipp.uas("uas-answer-bye.xml", 1)) {
            server = serve(trunk("carrier-a", carrier.port, "main"));
            EventRecorder events = new EventRecorder();
            server.originate(OriginateRequest.toNumber("+12015550123", OFFER), events);
            events.await(CallEvent.Answered.class, 10);
            CallEvent.Ended ended = events.await(CallEvent.Ended.class, 10);
            assertThat(ended.side()).isEqualTo(HangupSide.REMOTE);
            assertThat(ended.q850()).isEqualTo(Q850.NORMAL_CLEARING);
            assertThat(ended.talkMillis()).isGreaterThanOrEqualTo(900);
            assertThat(carrier.await(10)).as(carrier.errors()).isZero();
        }
    }

    @Test
    void busyAndUnallocatedBecomePreciseDispositions() throws Exception {
        try (Sipp busy = Sipp.uas("uas-busy.xml", 1); Sipp gone = Sipp.uas("uas-404.xml", 1)) {
            server = serve(trunk("busy", busy.port, "b"), trunk("gone", gone.port, "g"));
            EventRecorder a = new EventRecorder();
            EventRecorder b = new EventRecorder();
            server.originate(OriginateRequest.toNumber("2015550123", OFFER).withTrunkGroup("b"), a);
            server.originate(OriginateRequest.toNumber("2015550124", OFFER).withTrunkGroup("g"), b);
            CallEvent.Failed busyFail = a.await(CallEvent.Failed.class, 10);
            CallEvent.Failed goneFail = b.await(CallEvent.Failed.class, 10);
            assertThat(busyFail.sipStatus()).isEqualTo(486);
            assertThat(busyFail.q850()).isEqualTo(Q850.USER_BUSY);
            assertThat(busyFail.disposition()).isEqualTo(Disposition.BUSY);
            assertThat(goneFail.q850()).isEqualTo(Q850.UNALLOCATED_NUMBER);
            assertThat(goneFail.disposition()).isEqualTo(Disposition.UNALLOCATED_NUMBER);
            assertThat(busy.await(10)).as(busy.errors()).isZero();
            assertThat(gone.await(10)).as(gone.errors()).isZero();
        }
    }

    @Test
    void earlyMediaIsReportedBeforeAnswer() throws Exception {
        try (Sipp carrier = Sipp.uas("uas-early-media.xml", 1)) {
            server = serve(trunk("carrier-a", carrier.port, "main"));
            EventRecorder events = new EventRecorder();
            String id = server.originate(OriginateRequest.toNumber("+12015550123", OFFER), events);
            CallEvent.EarlyMedia early = events.await(CallEvent.EarlyMedia.class, 10);
            assertThat(early.remoteSdp()).contains("m=audio");
            events.await(CallEvent.Answered.class, 10);
            server.hangup(id, Q850.NORMAL_CLEARING);
            events.await(CallEvent.Ended.class, 10);
            assertThat(carrier.await(10)).as(carrier.errors()).isZero();
        }
    }

    @Test
    void fails503OverToTheNextTrunkOfTheGroup() throws Exception {
        try (Sipp full = Sipp.uas("uas-503.xml", 1); Sipp good = Sipp.uas("uas-answer-bye.xml", 1)) {
            server = serve(trunk("first", full.port, "grp"), trunk("second", good.port, "grp"));
            EventRecorder events = new EventRecorder();
            server.originate(OriginateRequest.toNumber("+12015550123", OFFER).withTrunkGroup("grp"), events);
            events.await(CallEvent.Answered.class, 10);
            events.await(CallEvent.Ended.class, 10);
            assertThat(full.await(10)).as(full.errors()).isZero();
            assertThat(good.await(10)).as(good.errors()).isZero();
            assertThat(server.trunks().get(0).failovers()).isEqualTo(1);
        }
    }

    @Test
    void t1GatewayCarriesCallsUpToItsBChannels() throws Exception {
        try (Sipp gateway = Sipp.uas("uas-answer.xml", 1)) {
            TrunkConfig pri = new TrunkConfig("pbx-gw", "gateway", "127.0.0.1", gateway.port, "udp", 0, 10, "US", 2,
                    "t1-pri", "tdm", "", "", "", "", false, "none", 0);
            TrunkConfig single = new TrunkConfig("one", "trunk", "127.0.0.1", Sipp.freeUdpPort(), "udp", 1, 10, "US",
                    0, null, "small", "", "", "", "", false, "none", 0);
            server = serve(pri, single);
            assertThat(server.trunks().getFirst().capacity()).isEqualTo(46); // 2 spans x 23 B-channels
            EventRecorder events = new EventRecorder();
            String id = server.originate(OriginateRequest.toNumber("2015550123", OFFER).withTrunkGroup("tdm"), events);
            events.await(CallEvent.Answered.class, 10);
            assertThat(server.trunks().getFirst().inUse()).isEqualTo(1);
            server.hangup(id, Q850.NORMAL_CLEARING);
            events.await(CallEvent.Ended.class, 10);
            assertThat(gateway.await(10)).as(gateway.errors()).isZero();
            assertThat(server.trunks().getFirst().inUse()).isZero();
        }
    }

    @Test
    void fullTrunkRefusesTheNextCallAsNoTrunk() throws Exception {
        try (Sipp carrier = Sipp.uas("uas-answer.xml", 1)) {
            TrunkConfig single = new TrunkConfig("one", "trunk", "127.0.0.1", carrier.port, "udp", 1, 10, "US", 0,
                    null, "small", "", "", "", "", false, "none", 0);
            server = serve(single);
            EventRecorder first = new EventRecorder();
            String id = server.originate(OriginateRequest.toNumber("2015550123", OFFER), first);
            first.await(CallEvent.Answered.class, 10);
            EventRecorder second = new EventRecorder();
            server.originate(OriginateRequest.toNumber("2015550124", OFFER), second);
            CallEvent.Failed refused = second.await(CallEvent.Failed.class, 5);
            assertThat(refused.disposition()).isEqualTo(Disposition.NO_TRUNK);
            assertThat(refused.reason()).contains("one is full");
            server.hangup(id, Q850.NORMAL_CLEARING);
            first.await(CallEvent.Ended.class, 10);
            assertThat(carrier.await(10)).as(carrier.errors()).isZero();
        }
    }

    @Test
    void unroutableNumberFailsWithoutTouchingATrunk() throws Exception {
        server = serve(trunk("carrier-a", Sipp.freeUdpPort(), "main"));
        EventRecorder events = new EventRecorder();
        server.originate(OriginateRequest.toNumber("12", OFFER), events);
        CallEvent.Failed failed = events.await(CallEvent.Failed.class, 5);
        assertThat(failed.disposition()).isEqualTo(Disposition.INVALID_NUMBER);
        assertThat(failed.reason()).contains("'12'");
        assertThat(server.trunks().getFirst().attempts()).isZero();
    }
}
