package org.opendialer.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialer.sip.RegistrationEvent.Reason;
import org.opendialer.sip.time.ForwardingScheduler;
import org.opendialer.sip.time.VirtualScheduler;

/**
 * Our timers on a {@link VirtualScheduler} against real peers on loopback: time moves only when the test advances
 * it, so each timer is checked just before and at its due time, without waiting for it. SIP transactions (JAIN-SIP's
 * own RFC 3261 timers) still run in real time; waits for their outcome are bounded.
 */
class TimersInVirtualTimeTest {

    private final VirtualScheduler time = new VirtualScheduler();
    /** One-shot timers shorter than any protocol guard (15 s): the INVITEs a trunk holds back for its call rate. */
    private final AtomicInteger pacedInvites = new AtomicInteger();
    private SipServer server;

    private SipServer serve(AgentDirectory agents, TrunkConfig... trunks) {
        server = SipServer.start(new SipConfig("127.0.0.1", Sipp.freeUdpPort(), 5061, List.of("udp"),
                List.of(trunks)), agents, "dialer.test", RegistrationStore.none(), new Watched());
        return server;
    }

    /**
     * {@link #time} as the server sees it, counting the paced INVITEs as legs set them: legs run on their own
     * threads, so a test must know their timers are set before it moves time past them.
     */
    private final class Watched extends ForwardingScheduler {
        Watched() {
            super(time);
        }

        @Override
        public Cancellable schedule(Runnable task, Duration delay) {
            if (delay.compareTo(OriginateRequest.MIN_RING_TIMEOUT) < 0) {
                pacedInvites.incrementAndGet();
            }
            return time.schedule(task, delay);
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static TrunkConfig trunk(int port, int channels, double callsPerSecond, int keepAliveSeconds) {
        return new TrunkConfig("carrier", "trunk", "127.0.0.1", port, "udp", channels, callsPerSecond, "US", 0, null,
                "main", "", "", "", "+15550001111", false, "none", keepAliveSeconds);
    }

    @Test
    void ringTimeoutCancelsAtTheFifteenSecondFloorNotBefore() throws Exception {
        try (Sipp carrier = Sipp.uas("uas-noanswer.xml", 1)) {
            serve(AgentDirectory.none(), trunk(carrier.port, 10, 50, 0));
            EventRecorder events = new EventRecorder();
            server.originate(OriginateRequest.toNumber("+12015550123", OutboundCallTest.OFFER)
                    .withRingTimeout(Duration.ofSeconds(1)), events); // raised to the 15 s floor
            events.await(CallEvent.Ringing.class, 10); // the INVITE is out: its ring timer runs from now

            time.advance(Duration.ofSeconds(15).minusMillis(1));
            assertThat(events.poll(300)).as("no end before 15 s of ringing").isNull();

            time.advance(Duration.ofMillis(1));
            CallEvent.Failed failed = events.await(CallEvent.Failed.class, 10);
            assertThat(failed.disposition()).isEqualTo(Disposition.NO_ANSWER);
            assertThat(failed.q850()).isEqualTo(Q850.NO_ANSWER);
            assertThat(failed.sipStatus()).isEqualTo(487);
            assertThat(failed.reason()).isEqualTo("no answer within 15 s");
            assertThat(carrier.await(10)).as(carrier.errors()).isZero();
        }
    }

    @Test
    void weRefreshTheSessionAtHalfItsExpiresWhenThePeerMakesUsTheRefresher() throws Exception {
        try (Sipp carrier = Sipp.uas("uas-session-timer.xml", 1)) { // Session-Expires: 4;refresher=uac
            serve(AgentDirectory.none(), trunk(carrier.port, 10, 50, 0));
            EventRecorder events = new EventRecorder();
            String id = server.originate(OriginateRequest.toNumber("+12015550123", OutboundCallTest.OFFER), events);
            events.await(CallEvent.Answered.class, 10);
            long answers = invite2xx();

            time.advance(Duration.ofSeconds(2).minusMillis(1));
            assertThat(events.poll(300)).isNull();
            assertThat(invite2xx()).as("no re-INVITE before half the interval").isEqualTo(answers);
            time.advance(Duration.ofMillis(1));
            await("the refreshing re-INVITE answered", () -> invite2xx() > answers);

            server.hangup(id, Q850.NORMAL_CLEARING);
            events.await(CallEvent.Ended.class, 10);
            assertThat(carrier.await(10)).as("SIPp saw one re-INVITE, then the BYE: " + carrier.errors()).isZero();
        }
    }

    private long invite2xx() {
        return server.stats().responsesIn().get(SipStats.responseKey("INVITE", 2));
    }

    @Test
    void aTrunkAdmitsItsCallsPerSecondInVirtualTime() throws Exception {
        int perSecond = 5;
        int calls = 3 * perSecond;
        try (Sipp carrier = Sipp.uas("uas-busy.xml", calls + perSecond)) {
            serve(AgentDirectory.none(), trunk(carrier.port, calls + perSecond, perSecond, 0));
            originate(0, calls);
            // a burst of perSecond at once, the others each hold a token due one per 1/perSecond s
            awaitInvites(perSecond);
            await("the other calls waiting for their token", () -> pacedInvites.get() == calls - perSecond);
            time.advance(Duration.ofMillis(950));
            awaitInvites(perSecond + 4); // due at 0.2, 0.4, 0.6, 0.8 s
            time.advance(Duration.ofSeconds(1));
            awaitInvites(2 * perSecond + 4);
            time.advance(Duration.ofSeconds(1));
            awaitInvites(calls);
            // the bucket refills on virtual time too: after an idle virtual second a whole burst goes at once
            time.advance(Duration.ofSeconds(1));
            originate(calls, perSecond);
            awaitInvites(calls + perSecond);
            assertThat(pacedInvites.get()).as("none of the new burst waited").isEqualTo(calls - perSecond);
            assertThat(carrier.await(10)).as(carrier.errors()).isZero();
        }
    }

    private void originate(int first, int count) {
        for (int i = first; i < first + count; i++) {
            server.originate(OriginateRequest.toNumber("+1201555" + (1000 + i), OutboundCallTest.OFFER), event -> { });
        }
    }

    private void awaitInvites(long n) throws InterruptedException {
        await(n + " INVITEs sent", () -> server.stats().invitesOut() >= n);
        assertThat(server.stats().invitesOut()).as("INVITEs at %s", time.elapsed()).isEqualTo(n);
    }

    @Test
    void aTrunkMissingItsKeepAliveIsDownAndUpAgainWhenItAnswers() throws Exception {
        try (OptionsPeer peer = new OptionsPeer()) {
            serve(AgentDirectory.none(), trunk(peer.port(), 10, 50, 10));
            time.runDue(); // the first keep-alive goes at start
            await("the first OPTIONS at the peer", () -> peer.probes() >= 1);
            assertThat(server.trunks().getFirst().up()).isTrue();

            time.advance(Duration.ofSeconds(10).minusMillis(1));
            assertThat(server.trunks().getFirst().up()).as("up until a whole interval passed").isTrue();
            time.advance(Duration.ofMillis(1));
            assertThat(server.trunks().getFirst().up()).as("down after a missed OPTIONS").isFalse();

            peer.answer();
            time.advance(Duration.ofSeconds(10));
            await("the trunk up again", () -> server.trunks().getFirst().up());
            assertThat(peer.probes()).isEqualTo(3);
        }
    }

    @Test
    void aRegistrationExpiresAtItsExpires() throws Exception {
        String ha1 = AgentAndBridgeTest.ha1("1001", "dialer.test", "pw1001");
        serve(user -> user.equals("1001") ? Optional.of(ha1) : Optional.empty());
        BlockingQueue<RegistrationEvent> events = new LinkedBlockingQueue<>();
        server.onRegistration(events::add);
        try (RegisterClient phone = new RegisterClient("127.0.0.1", server.port())) {
            assertThat(phone.register("1001", "pw1001", 60).status()).isEqualTo(200);
            RegistrationEvent.Registered registered =
                    (RegistrationEvent.Registered) events.poll(5, TimeUnit.SECONDS);
            assertThat(registered).isNotNull();
            assertThat(registered.expiresAt()).isEqualTo(VirtualScheduler.DEFAULT_START.plusSeconds(60));

            time.advance(Duration.ofSeconds(60).minusMillis(1));
            assertThat(server.registeredContacts("1001")).containsExactly(phone.contact("1001"));
            time.advance(Duration.ofMillis(1));
            assertThat(server.registeredContacts("1001")).isEmpty();
            assertThat(events.poll(5, TimeUnit.SECONDS))
                    .isEqualTo(new RegistrationEvent.Unregistered("1001", phone.contact("1001"), Reason.EXPIRED));
            assertThat(events).isEmpty();
        }
    }

    /** Bounded wait for something other threads do (SIP transactions run in real time). */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(10);
        }
    }
}
