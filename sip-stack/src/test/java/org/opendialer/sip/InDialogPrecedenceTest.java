package org.opendialer.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialer.sip.time.Scheduler;
import org.opendialer.sip.time.VirtualScheduler;

/**
 * The new-call lane, between two of our servers over loopback: a "carrier" calls a "dialer" that sets up one call
 * at a time. One call's handler blocks (a slow set-up holding the lane) while the ACK, BYE and CANCEL of other calls
 * still go through, and later INVITEs wait, or get 503 once the guard's bound is reached.
 */
class InDialogPrecedenceTest {

    private static final String RINGS = "+12015550101";
    private static final String HOLDS = "+12015550102";
    private static final String ANSWERS = "+12015550103";
    private static final String STUCK = "+12015550105";

    private SipServer dialer;
    private SipServer carrier;
    /** DIDs in the order the dialer's handler was offered them. */
    private final BlockingQueue<InboundCall> offered = new LinkedBlockingQueue<>();
    private final Map<String, EventRecorder> dialerLegs = new ConcurrentHashMap<>();
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    private void start(SipConfig.Admission admission) {
        start(admission, null);
    }

    /** @param dialerTimers the dialer's timers (virtual time), or null for its own in real time */
    private void start(SipConfig.Admission admission, Scheduler dialerTimers) {
        int dialerPort = Sipp.freeUdpPort();
        int carrierPort = Sipp.freeUdpPort();
        SipConfig dialerConfig = new SipConfig("127.0.0.1", dialerPort, 5061, List.of("udp"),
                List.of(trunk("carrier", carrierPort)), SipConfig.Tls.none(), admission);
        dialer = dialerTimers == null ? SipServer.start(dialerConfig, AgentDirectory.none(), "dialer.test")
                : SipServer.start(dialerConfig, AgentDirectory.none(), "dialer.test", RegistrationStore.none(),
                        dialerTimers);
        carrier = SipServer.start(new SipConfig("127.0.0.1", carrierPort, 5061, List.of("udp"),
                List.of(trunk("dialer", dialerPort))), AgentDirectory.none(), "carrier.test");
        dialer.route("*", call -> {
            offered.add(call);
            EventRecorder events = new EventRecorder();
            dialerLegs.put(call.did(), events);
            switch (call.did()) {
                case RINGS -> dialer.ringing(call.callId());
                case STUCK -> { } // neither rings, answers nor rejects
                case HOLDS -> {
                    holding.countDown();
                    awaitQuietly(release);
                    dialer.answer(call.callId(), OutboundCallTest.OFFER);
                }
                default -> dialer.answer(call.callId(), OutboundCallTest.OFFER);
            }
            return events;
        });
    }

    private static TrunkConfig trunk(String name, int port) {
        return new TrunkConfig(name, "trunk", "127.0.0.1", port, "udp", 10, 100, "US", 0, null, null, null, null,
                null, null, false, null, 0);
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (carrier != null) {
            carrier.close();
        }
        if (dialer != null) {
            dialer.close();
        }
    }

    @Test
    void ackAndByeOfACallInProgressPassWhileNewCallsWaitForSetUp() throws Exception {
        start(new SipConfig.Admission(1, 0, 0));
        EventRecorder a = new EventRecorder();
        String aId = carrier.originate(OriginateRequest.toNumber(RINGS, OutboundCallTest.OFFER), a);
        a.await(CallEvent.Ringing.class, 10); // A's 180 freed the lane
        InboundCall aIn = nextOffer();
        EventRecorder b = new EventRecorder();
        carrier.originate(OriginateRequest.toNumber(HOLDS, OutboundCallTest.OFFER), b);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue(); // B's set-up holds the lane
        EventRecorder c = new EventRecorder();
        carrier.originate(OriginateRequest.toNumber(ANSWERS, OutboundCallTest.OFFER), c);
        c.await(CallEvent.Trying.class, 10); // C is at the dialer, waiting behind B

        dialer.answer(aIn.callId(), OutboundCallTest.OFFER);
        EventRecorder aAtDialer = dialerLegs.get(RINGS);
        aAtDialer.await(CallEvent.Answered.class, 10); // the carrier's ACK got through
        carrier.hangup(aId, Q850.NORMAL_CLEARING);
        CallEvent.Ended aEnded = aAtDialer.await(CallEvent.Ended.class, 10); // and its BYE
        assertThat(aEnded.side()).isEqualTo(HangupSide.REMOTE);
        assertThat(aAtDialer.kinds()).containsExactly(CallEvent.Answered.class, CallEvent.Ended.class);
        assertThat(offered).as("C is still waiting for B's set-up").extracting(InboundCall::did)
                .containsExactly(HOLDS);

        release.countDown();
        b.await(CallEvent.Answered.class, 10);
        c.await(CallEvent.Answered.class, 10); // B's 200 let C in
        assertThat(offered).extracting(InboundCall::did).containsExactly(HOLDS, ANSWERS);
    }

    @Test
    void aCallCancelledWhileWaitingEndsWith487AndIsNeverSetUp() throws Exception {
        start(new SipConfig.Admission(1, 0, 0));
        EventRecorder b = new EventRecorder();
        carrier.originate(OriginateRequest.toNumber(HOLDS, OutboundCallTest.OFFER), b);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        // SIPp (our own UAC cancels only after 18x): INVITE, 100 at once although the call waits, CANCEL, 487
        try (Sipp caller = Sipp.uac("uac-cancel-after-trying.xml", 1, "127.0.0.1:" + dialer.port(),
                "-s", "2015550103")) {
            assertThat(caller.await(10)).as(caller.errors()).isZero();
        }

        release.countDown();
        b.await(CallEvent.Answered.class, 10);
        EventRecorder d = new EventRecorder();
        carrier.originate(OriginateRequest.toNumber("+12015550104", OutboundCallTest.OFFER), d);
        d.await(CallEvent.Answered.class, 10); // the lane moved past the cancelled call's place
        assertThat(nextOffer().did()).isEqualTo(HOLDS);
        assertThat(nextOffer().did()).as("the cancelled call was never offered").isEqualTo("+12015550104");
    }

    @Test
    void overloadGuardAnswers503WithRetryAfterAndCountsIt() throws Exception {
        start(new SipConfig.Admission(1, 1, 0));
        EventRecorder b = new EventRecorder();
        carrier.originate(OriginateRequest.toNumber(HOLDS, OutboundCallTest.OFFER), b);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        EventRecorder c = new EventRecorder();
        carrier.originate(OriginateRequest.toNumber(ANSWERS, OutboundCallTest.OFFER), c);
        c.await(CallEvent.Trying.class, 10); // C waits: the one place in the queue

        try (Sipp caller = Sipp.uac("uac-overload-503.xml", 1, "127.0.0.1:" + dialer.port(), "-s", "2015550104")) {
            assertThat(caller.await(10)).as(caller.errors()).isZero();
        }
        assertThat(dialer.stats().refusals()).containsEntry(SipStats.Refusal.OVERLOAD, 1L);

        release.countDown();
        c.await(CallEvent.Answered.class, 10); // the waiting call is still served
        assertThat(offered).extracting(InboundCall::did).containsExactly(HOLDS, ANSWERS);
    }

    @Test
    void aSetUpStuckForSixtyFourT1GivesItsPlaceUp() throws Exception {
        VirtualScheduler time = new VirtualScheduler();
        start(new SipConfig.Admission(1, 0, 0), time);
        EventRecorder stuck = new EventRecorder();
        carrier.originate(OriginateRequest.toNumber(STUCK, OutboundCallTest.OFFER), stuck);
        assertThat(nextOffer().did()).isEqualTo(STUCK); // its budget is armed before its handler runs
        EventRecorder c = new EventRecorder();
        carrier.originate(OriginateRequest.toNumber(ANSWERS, OutboundCallTest.OFFER), c);
        c.await(CallEvent.Trying.class, 10);

        time.advance(Duration.ofSeconds(32).minusMillis(1));
        assertThat(offered.poll(300, TimeUnit.MILLISECONDS)).as("C still waits before 32 s").isNull();
        time.advance(Duration.ofMillis(1));
        c.await(CallEvent.Answered.class, 10);
        assertThat(nextOffer().did()).isEqualTo(ANSWERS);
    }

    private InboundCall nextOffer() throws InterruptedException {
        InboundCall call = offered.poll(10, TimeUnit.SECONDS);
        assertThat(call).as("a call offered to the dialer's handler").isNotNull();
        return call;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
