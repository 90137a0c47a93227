package org.opendialer.sip;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendialer.sip.trunk.TrunkStatus;
import org.slf4j.LoggerFactory;

/**
 * Issue 3's leak check: 10,000 calls that fail (486, 503, 404 from real SIPp carriers) or that we cancel while they
 * ring leave no leg, dialog, transaction or trunk channel behind once JAIN-SIP's transaction timers have run out.
 */
class NoGrowthTest {

    /** Calls per kind of failure; four kinds make 10,000 calls. */
    static final int PER_KIND = 2_500;
    /** Calls in flight at once (a quarter of them per carrier), so the carriers are never flooded. */
    static final int BATCH = 100;
    /** Longest wait for the stack to drain: Timer D (32 s) and Timer K of the last calls, plus a margin. */
    static final long DRAIN_SECONDS = 120;

    private SipServer server;
    private ch.qos.logback.classic.Logger messageTrace;
    private Level traceLevel;

    @BeforeEach
    void quietMessageTrace() {
        // logback-test.xml traces every SIP message; 60,000 of them would dominate the run time.
        messageTrace = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("sip.messages");
        traceLevel = messageTrace.getLevel();
        messageTrace.setLevel(Level.INFO);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        messageTrace.setLevel(traceLevel);
    }

    static TrunkConfig carrier(String name, int port) {
        // Room for a whole batch and no call-rate wait: this test is about leaks, not pacing.
        return new TrunkConfig(name, "trunk", "127.0.0.1", port, "udp", BATCH, 100_000, "US", 0, null, name, "",
                "", "", "+15550001111", false, "none", 0);
    }

    @Test
    void tenThousandFailedOrCancelledCallsLeaveNothingBehind() throws Exception {
        int timeout = 300;
        try (Sipp busy = Sipp.loadUas("uas-busy.xml", PER_KIND, timeout);
             Sipp full = Sipp.loadUas("uas-503.xml", PER_KIND, timeout);
             Sipp gone = Sipp.loadUas("uas-404.xml", PER_KIND, timeout);
             Sipp ringing = Sipp.loadUas("uas-noanswer.xml", PER_KIND, timeout)) {
            server = OutboundCallTest.serve(carrier("busy", busy.port), carrier("full", full.port),
                    carrier("gone", gone.port), carrier("ringing", ringing.port));
            SipStats baseline = server.stats();
            Outcomes outcomes = new Outcomes();
            List<String> groups = List.of("busy", "full", "gone", "ringing");
            long started = System.nanoTime();
            for (int placed = 0; placed < 4 * PER_KIND; placed += BATCH) {
                outcomes.expect(BATCH);
                for (int i = 0; i < BATCH; i++) {
                    String group = groups.get(i % groups.size());
                    server.originate(OriginateRequest.toNumber("+12015550123", "")
                            .withTrunkGroup(group), outcomes);
                }
                assertThat(outcomes.awaitBatch(60)).as("batch from call " + placed + " finished; seen "
                        + outcomes.counts()).isTrue();
            }
            long callsMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(outcomes.counts()).isEqualTo(Map.of(
                    "busy 486 BUSY", PER_KIND,
                    "full 503 CONGESTION", PER_KIND,
                    "gone 404 UNALLOCATED_NUMBER", PER_KIND,
                    "ringing 487 CANCELLED", PER_KIND));
            for (Sipp carrier : List.of(busy, full, gone, ringing)) {
                assertThat(carrier.await(30)).as(carrier.errors()).isZero();
            }
            SipStats drained = awaitDrained(baseline);
            long drainMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) - callsMillis;
            System.out.printf("no-growth: %d calls in %d ms, stack drained %d ms later: %s%n",
                    4 * PER_KIND, callsMillis, drainMillis, drained);
            assertThat(List.of(drained.activeLegs(), drained.dialogs(), drained.transactions()))
                    .as("legs, dialogs, transactions after the calls (baseline " + baseline + ")")
                    .isEqualTo(List.of(baseline.activeLegs(), baseline.dialogs(), baseline.transactions()));
            assertThat(server.trunks()).extracting(TrunkStatus::inUse).containsOnly(0);
            assertThat(server.trunks()).extracting(TrunkStatus::attempts).containsOnly((long) PER_KIND);
        }
    }

    /** Polls until legs, dialogs and transactions are back to the baseline or the deadline passes. */
    private SipStats awaitDrained(SipStats baseline) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
        SipStats now = server.stats();
        while (System.nanoTime() < deadline && (now.activeLegs() != baseline.activeLegs()
                || now.dialogs() != baseline.dialogs() || now.transactions() != baseline.transactions())) {
            Thread.sleep(250);
            now = server.stats();
        }
        return now;
    }

    /** Counts terminal events as "trunk status disposition"; cancels each leg of the ringing carrier on 180. */
    private final class Outcomes implements CallListener {

        private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        private volatile CountDownLatch batch;

        void expect(int calls) {
            batch = new CountDownLatch(calls);
        }

        boolean awaitBatch(long seconds) throws InterruptedException {
            return batch.await(seconds, TimeUnit.SECONDS);
        }

        Map<String, Integer> counts() {
            Map<String, Integer> out = new TreeMap<>();
            counts.forEach((k, v) -> out.put(k, v.get()));
            return out;
        }

        @Override
        public void onEvent(CallEvent event) {
            switch (event) {
                case CallEvent.Ringing r -> server.hangup(r.callId(), Q850.NORMAL_CLEARING);
                case CallEvent.Failed f -> done(f.trunk() + " " + f.sipStatus() + " " + f.disposition());
                case CallEvent.Ended e -> done("answered?! " + e.disposition());
                default -> { }
            }
        }

        private void done(String key) {
            counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            batch.countDown();
        }
    }
}
