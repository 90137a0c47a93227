package org.opendialer.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Inbound calls from a trunk (SIPp as the carrier): DID routing, answer, BYE, CANCEL, and 403 for strangers. */
class InboundCallTest {

    private SipServer server;
    private final BlockingQueue<InboundCall> offered = new LinkedBlockingQueue<>();

    private int start() {
        int port = Sipp.freeUdpPort();
        TrunkConfig carrier = new TrunkConfig("carrier", "trunk", "127.0.0.1", 5060, "udp", 10, 10, "US", 0, null,
                null, null, null, null, null, false, null, 0);
        server = SipServer.start(new SipConfig("127.0.0.1", port, 5061, List.of("udp"), List.of(carrier)),
                AgentDirectory.none(), "dialer.test");
        return port;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void callToARoutedDidIsAnsweredAndEndsOnTheCallersBye() throws Exception {
        int port = start();
        EventRecorder events = new EventRecorder();
        server.route("+12015550100", call -> {
            offered.add(call);
            server.ringing(call.callId());
            server.answer(call.callId(), OutboundCallTest.OFFER);
            return events;
        });
        try (Sipp carrier = Sipp.uac("uac-call-bye.xml", 1, "127.0.0.1:" + port, "-s", "2015550100")) {
            InboundCall call = offered.poll(10, TimeUnit.SECONDS);
            assertThat(call).isNotNull();
            assertThat(call.did()).isEqualTo("+12015550100");
            assertThat(call.caller()).isEqualTo("+12015550999");
            assertThat(call.source()).isEqualTo("carrier");
            assertThat(call.sdpOffer()).contains("m=audio");
            events.await(CallEvent.Answered.class, 10);
            CallEvent.Ended ended = events.await(CallEvent.Ended.class, 10);
            assertThat(ended.side()).isEqualTo(HangupSide.REMOTE);
            assertThat(carrier.await(10)).as(carrier.errors()).isZero();
        }
        assertNoLegLeft();
    }

    /**
     * A leg deregisters on its own executor just after its last response (the 200 to the BYE, the 404) left, so
     * SIPp may have finished first: the count is awaited, not read once.
     */
    private void assertNoLegLeft() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.stats().activeLegs() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.stats().activeLegs()).isZero();
    }

    @Test
    void callerIdentityDiversionAndXHeadersReachTheHandler() throws Exception {
        int port = start();
        EventRecorder events = new EventRecorder();
        server.route("*", call -> {
            offered.add(call);
            server.answer(call.callId(), OutboundCallTest.OFFER);
            return events;
        });
        try (Sipp carrier = Sipp.uac("uac-call-headers.xml", 1, "127.0.0.1:" + port, "-s", "2015550100")) {
            InboundCall call = offered.poll(10, TimeUnit.SECONDS);
            assertThat(call).isNotNull();
            InboundHeaders h = call.headers();
            assertThat(h.displayName()).isEqualTo("Jane Caller");
            assertThat(h.assertedIdentities()).containsExactly("\"Jane, Caller\" <sip:+12015550999@carrier.example>",
                    "<tel:+12015550999>");
            assertThat(h.diversions()).containsExactly(
                    "<sip:+12015550100@carrier.example>;reason=no-answer;counter=1",
                    "<sip:+12015550101@carrier.example;user=phone>;reason=unconditional",
                    "<sip:+12015550102@carrier.example>;reason=user-busy");
            assertThat(h.extra("x-campaign")).containsExactly("spring, sale");
            assertThat(h.extra("X-TRACE-ID")).containsExactly("abc123", "def456");
            assertThat(h.extra()).hasSize(2);
            events.await(CallEvent.Ended.class, 10);
            assertThat(carrier.await(10)).as(carrier.errors()).isZero();
        }
    }

    @Test
    void earlyAnswerSends183WithSdpThenThe200RepeatsIt() throws Exception {
        int port = start();
        EventRecorder events = new EventRecorder();
        server.route("*", call -> {
            server.earlyAnswer(call.callId(), OutboundCallTest.OFFER);
            // a flow would play here, before answering; the 200 must still carry the 183's SDP
            server.answer(call.callId(), OutboundCallTest.OFFER.replace("40000", "40002"));
            return events;
        });
        try (Sipp carrier = Sipp.uac("uac-early-answer.xml", 1, "127.0.0.1:" + port, "-s", "2015550100")) {
            events.await(CallEvent.Answered.class, 10);
            events.await(CallEvent.Ended.class, 10);
            assertThat(carrier.await(10)).as(carrier.errors()).isZero();
        }
    }

    @Test
    void callerCancelWhileRingingEndsAsCancelled() throws Exception {
        int port = start();
        EventRecorder events = new EventRecorder();
        server.route("*", call -> {
            server.ringing(call.callId());
            return events;
        });
        try (Sipp carrier = Sipp.uac("uac-cancel.xml", 1, "127.0.0.1:" + port, "-s", "2015550100")) {
            CallEvent.Failed failed = events.await(CallEvent.Failed.class, 10);
            assertThat(failed.disposition()).isEqualTo(Disposition.CANCELLED);
            assertThat(failed.sipStatus()).isEqualTo(487);
            assertThat(carrier.await(10)).as(carrier.errors()).isZero();
        }
    }

    @Test
    void unroutedDidGets404() throws Exception {
        int port = start();
        try (Sipp carrier = Sipp.uac("uac-unrouted.xml", 1, "127.0.0.1:" + port, "-s", "2015550111")) {
            assertThat(carrier.await(10)).as(carrier.errors()).isZero();
        }
        assertNoLegLeft();
    }

    @Test
    void unknownSourceGets403AndIsCounted() throws Exception {
        int port = start();
        server.route("*", call -> {
            throw new AssertionError("an untrusted call must never reach routing");
        });
        try (Sipp scanner = Sipp.uacFrom("127.0.0.2", "uac-forbidden.xml", 1, "127.0.0.1:" + port, "-s", "100")) {
            assertThat(scanner.await(10)).as(scanner.errors()).isZero();
        }
        assertThat(server.stats().refusals()).containsEntry(SipStats.Refusal.UNTRUSTED_SOURCE, 1L);
    }
}
