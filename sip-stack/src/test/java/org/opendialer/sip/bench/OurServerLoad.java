package org.opendialer.sip.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.opendialer.sip.AgentDirectory;
import org.opendialer.sip.CallEvent;
import org.opendialer.sip.CallListener;
import org.opendialer.sip.Disposition;
import org.opendialer.sip.HangupSide;
import org.opendialer.sip.OriginateRequest;
import org.opendialer.sip.Q850;
import org.opendialer.sip.SipConfig;
import org.opendialer.sip.SipServer;
import org.opendialer.sip.TrunkConfig;

/**
 * Load on our {@link SipServer} as a UAC: it originates calls to SIPp UAS instances (one trunk each, calls spread
 * round-robin) and hangs each up as soon as it is answered, the dialog INVITE, 100, 200, ACK, BYE, 200.
 */
final class OurServerLoad {

    static final String OFFER = "v=0\r\no=bench 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n";

    private final BenchOptions o;

    OurServerLoad(BenchOptions options) {
        this.o = options;
    }

    /** One step: {@code rate} calls/s for the hold time, each hung up at answer. */
    StepSearch.Step step(int rate) {
        int total = rate * o.holdSeconds();
        List<BenchProcess> uas = startUas(total, List.of("-recv_timeout", Long.toString(o.ettMillis())));
        try (SipServer server = serve(uas)) {
            Calls calls = new Calls(total, server, true);
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                pace(start, i, rate);
                server.originate(request(i), calls.listener(i));
            }
            boolean done = calls.await(o.ettMillis() + 10_000);
            double seconds = (System.nanoTime() - start) / 1e9;
            String sipp = exits(uas, 15);
            boolean onTime = seconds <= o.holdSeconds() * 1.05 + 1.0;
            boolean passed = done && calls.ok.get() == total && onTime && sipp.equals("ok");
            return new StepSearch.Step(rate, passed, String.format("%d/%d ok, %d failed, %d late (>%d ms),"
                            + " done in %.1f s, setup p50 %.1f ms p99 %.1f ms, SIPp %s", calls.ok.get(), total,
                    calls.failed.get(), calls.late.get(), o.ettMillis(), seconds, calls.percentile(0.5),
                    calls.percentile(0.99), sipp));
        } finally {
            uas.forEach(BenchProcess::close);
        }
    }

    /** Peak of concurrent established calls, and how the phase went. */
    record Concurrency(int calls, String detail) { }

    /** Concurrent established calls: originates at {@code rate} without hanging up until the cap or a failure. */
    Concurrency concurrency(int max, int rate) {
        List<BenchProcess> uas = startUas(max, List.of());
        try (SipServer server = serve(uas)) {
            Calls calls = new Calls(max, server, false);
            long start = System.nanoTime();
            int placed = 0;
            while (placed < max && calls.failed.get() == 0 && calls.late.get() == 0) {
                pace(start, placed, rate);
                server.originate(request(placed), calls.listener(placed));
                placed++;
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(o.ettMillis() + 5_000);
            while (calls.answered.get() + calls.failed.get() < placed && System.nanoTime() < deadline) {
                BenchProcess.sleepMillis(50);
            }
            int answered = calls.answered.get();
            String why = placed == max && calls.failed.get() == 0 && calls.late.get() == 0 ? "the cap" : String.format(
                    "%d failed / %d late calls", calls.failed.get(), calls.late.get());
            int active = server.stats().activeLegs();
            long hangupStart = System.nanoTime();
            int i = 0;
            for (String id : calls.answeredIds) {
                pace(hangupStart, i++, rate);
                server.hangup(id, Q850.NORMAL_CLEARING);
            }
            String sipp = exits(uas, 30);
            // Nothing was hung up before the peak, so every call SIPp completed (ACK, then our BYE) was up at once.
            int confirmed = uas.stream().mapToInt(p -> p.sippCalls("Successful")).sum();
            int aborted = uas.stream().mapToInt(p -> p.sippCalls("Failed")).sum();
            return new Concurrency(confirmed, String.format("%d calls up at once, confirmed by SIPp (we saw %d"
                    + " answered, %d active legs; SIPp aborted %d; stopped by %s; SIPp %s)", confirmed, answered,
                    active, aborted, why, sipp));
        } finally {
            uas.forEach(BenchProcess::close);
        }
    }

    private List<BenchProcess> startUas(int total, List<String> extra) {
        List<BenchProcess> uas = new ArrayList<>();
        for (int k = 0; k < o.instances(); k++) {
            List<String> args = new ArrayList<>(List.of("-m", Integer.toString(share(total, k)),
                    "-timeout", (o.holdSeconds() + 600) + "s", "-timeout_error"));
            args.addAll(extra);
            uas.add(BenchProcess.sipp("uas-bench.xml", BenchProcess.freeUdpPort(), args));
        }
        return uas;
    }

    private SipServer serve(List<BenchProcess> uas) {
        List<TrunkConfig> trunks = new ArrayList<>();
        for (int k = 0; k < uas.size(); k++) {
            // Channel and rate caps far above the offered load: the bench measures the stack, not our limits.
            trunks.add(new TrunkConfig("uas" + k, "trunk", "127.0.0.1", uas.get(k).port, "udp", 1_000_000,
                    1_000_000, "US", 0, null, "uas" + k, "", "", "", "+15550001111", false, "none", 0));
        }
        return SipServer.start(new SipConfig("127.0.0.1", BenchProcess.freeUdpPort(), 5061, List.of("udp"),
                trunks), AgentDirectory.none(), "bench");
    }

    private OriginateRequest request(int i) {
        return OriginateRequest.toNumber("+12015550123", OFFER).withTrunkGroup("uas" + (i % o.instances()));
    }

    /** Calls per instance: {@code total} split as evenly as round-robin placement splits it. */
    private int share(int total, int k) {
        return total / o.instances() + (k < total % o.instances() ? 1 : 0);
    }

    /** Waits until call {@code i} is due at {@code rate} calls/s from {@code start}. */
    static void pace(long start, int i, int rate) {
        long due = start + (long) (i * 1e9 / rate);
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(wait, 1_000_000));
        }
    }

    /** Exit statuses of SIPp instances: "ok" when every one ran all its calls as scripted. */
    static String exits(List<BenchProcess> sipps, long seconds) {
        List<Integer> codes = new ArrayList<>();
        for (BenchProcess p : sipps) {
            codes.add(p.await(seconds));
        }
        return codes.stream().allMatch(c -> c == 0) ? "ok" : "exit " + codes + " (see " + sipps.getFirst().dir + ")";
    }

    /** Outcome of each call of a step; {@code hangUpAtAnswer} ends each call as soon as it is answered. */
    private final class Calls {
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger late = new AtomicInteger();
        final AtomicInteger answered = new AtomicInteger();
        final ConcurrentLinkedQueue<String> answeredIds = new ConcurrentLinkedQueue<>();
        private final long[] setupNanos;
        private final CountDownLatch ended;
        private final SipServer server;
        private final boolean hangUpAtAnswer;

        Calls(int total, SipServer server, boolean hangUpAtAnswer) {
            this.setupNanos = new long[total];
            Arrays.fill(setupNanos, -1);
            this.ended = new CountDownLatch(total);
            this.server = server;
            this.hangUpAtAnswer = hangUpAtAnswer;
        }

        CallListener listener(int i) {
            long placed = System.nanoTime();
            return event -> {
                switch (event) {
                    case CallEvent.Answered a -> {
                        setupNanos[i] = System.nanoTime() - placed;
                        if (setupNanos[i] > TimeUnit.MILLISECONDS.toNanos(o.ettMillis())) {
                            late.incrementAndGet(); // RFC 7501 establishment threshold time exceeded
                        }
                        answered.incrementAndGet();
                        if (hangUpAtAnswer) {
                            server.hangup(a.callId(), Q850.NORMAL_CLEARING);
                        } else {
                            answeredIds.add(a.callId());
                        }
                    }
                    case CallEvent.Ended e -> {
                        if (e.side() == HangupSide.LOCAL && e.disposition() == Disposition.NORMAL
                                && setupNanos[i] <= TimeUnit.MILLISECONDS.toNanos(o.ettMillis())) {
                            ok.incrementAndGet();
                        }
                        ended.countDown();
                    }
                    case CallEvent.Failed f -> {
                        failed.incrementAndGet();
                        ended.countDown();
                    }
                    default -> { }
                }
            };
        }

        boolean await(long millis) {
            try {
                return ended.await(millis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Setup time (originate to Answered) at quantile q, in milliseconds, over answered calls. */
        double percentile(double q) {
            long[] done = Arrays.stream(setupNanos).filter(n -> n >= 0).sorted().toArray();
            return done.length == 0 ? 0 : done[(int) Math.min(done.length - 1, q * done.length)] / 1e6;
        }
    }
}
