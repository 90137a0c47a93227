package org.opendialer.demo.bench;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.opendialer.call.CallSession;
import org.opendialer.call.OriginateSpec;
import org.opendialer.demo.DemoCarrier;
import org.opendialer.demo.Dialer;
import org.opendialer.demo.PatternTable;
import org.opendialer.sip.Disposition;
import org.opendialer.sip.Q850;
import org.slf4j.LoggerFactory;

/**
 * How many call setups per second the demo carrier takes from our {@code CallSessions} on loopback (see
 * {@code demo/BENCH.md} for the command). Each step offers one rate for the hold time, calls evenly spaced; a call
 * is INVITE, (ringing), 200 + ACK with RTP both ways, and our BYE as soon as it is answered. A step passes when
 * every call was answered within the establishment threshold and ended normally, and the pacing kept up. Not a
 * test: it asserts nothing and no test run starts it.
 */
public final class CarrierBench {

    private static final Duration ESTABLISHMENT = Duration.ofSeconds(5);

    private CarrierBench() { }

    public static void main(String[] args) throws Exception {
        int hold = intArg(args, "--hold=", 10);
        List<Integer> rates = Arrays.stream(strArg(args, "--rates=", "25,50,100,200,300,400,600,800").split(","))
                .map(Integer::parseInt).toList();
        String behaviour = strArg(args, "--behaviour=", "person");
        if (behaviour.equals("no_answer")) {
            throw new IllegalArgumentException("no_answer rings until cancelled: it has no set-up to measure");
        }
        boolean answers = List.of("person", "voicemail", "fax").contains(behaviour);
        quietLogs();
        Path dir = Files.createTempDirectory("carrier-bench");
        DemoCarrier.Options o = Dialer.carrierOptions(dir, 2000)
                .withTable(PatternTable.parse(".* " + behaviour + " ring=0")).withMaxCall(Duration.ofSeconds(30));
        System.out.printf("demo carrier benchmark: %d cores, Java %s, behaviour '%s' answering at once, steps of %d s,"
                        + " establishment threshold %d ms, UDP and RTP on 127.0.0.1%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), behaviour, hold,
                ESTABLISHMENT.toMillis());
        try (DemoCarrier carrier = DemoCarrier.start(o); Dialer dialer = new Dialer(carrier, 2000)) {
            System.out.println("  warm-up (JIT), not counted: " + step(dialer, answers, 50, 3));
            int best = 0;
            for (int rate : rates) {
                Step s = step(dialer, answers, rate, hold);
                System.out.println("  " + s);
                if (!s.passed()) {
                    break;
                }
                best = rate;
            }
            System.out.printf("highest passing rate: %d call setups/s (carrier counted %s; RTP in %d packets, out %d)%n",
                    best, carrier.counts(), carrier.rtp().packetsIn(), carrier.rtp().packetsOut());
        }
        System.out.println("stopped");
        System.exit(0); // JAIN-SIP leaves non-daemon timer threads behind
    }

    /** @param answered calls set up: answered, or refused with a final status for the refusing behaviours */
    record Step(int rate, int placed, int answered, int failed, long p50Ms, long p99Ms, long lagMs, boolean passed) {
        @Override
        public String toString() {
            return String.format("%4d calls/s: %5d placed, %5d set up, %3d failed, setup p50 %3d ms p99 %4d ms,"
                    + " pacing lag %4d ms -> %s", rate, placed, answered, failed, p50Ms, p99Ms, lagMs, passed ? "pass" : "FAIL");
        }
    }

    static Step step(Dialer dialer, boolean answers, int rate, int holdSeconds) throws Exception {
        int n = rate * holdSeconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        List<CompletableFuture<Long>> setups = new ArrayList<>(n);
        AtomicInteger failed = new AtomicInteger();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long due = t0 + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long placedAt = System.nanoTime();
            CallSession s = dialer.sessions.originate(OriginateSpec.toNumber("+1201555" + String.format("%04d", i % 10000)));
            // set up = answered (then our BYE), or refused with a final status for the refusing behaviours
            CompletableFuture<Long> setup = answers
                    ? s.answered().thenApply(v -> (System.nanoTime() - placedAt) / 1_000_000)
                    : s.ended().thenApply(e -> {
                        if (e.answered() || e.sipStatus() < 400) {
                            throw new IllegalStateException("not refused: " + e);
                        }
                        return (System.nanoTime() - placedAt) / 1_000_000;
                    });
            setup.whenComplete((ms, t) -> s.hangup(Q850.NORMAL_CLEARING));
            if (answers) {
                s.ended().thenAccept(e -> {
                    if (!e.answered() || e.disposition() != Disposition.NORMAL) {
                        failed.incrementAndGet();
                    }
                });
            }
            setups.add(setup.orTimeout(ESTABLISHMENT.toMillis(), TimeUnit.MILLISECONDS));
        }
        long lag = Math.max(0, (System.nanoTime() - (t0 + (n - 1) * interval)) / 1_000_000);
        List<Long> ms = new ArrayList<>();
        int answered = 0;
        for (CompletableFuture<Long> f : setups) {
            try {
                ms.add(f.get(ESTABLISHMENT.toMillis() + 1000, TimeUnit.MILLISECONDS));
                answered++;
            } catch (Exception e) {
                // counted below: not answered within the threshold
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (dialer.sessions.active() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Collections.sort(ms);
        long p50 = ms.isEmpty() ? -1 : ms.get(ms.size() / 2);
        long p99 = ms.isEmpty() ? -1 : ms.get(Math.min(ms.size() - 1, (int) (ms.size() * 0.99)));
        int bad = Math.max(failed.get(), n - answered);
        boolean kept = lag <= holdSeconds * 50L + 1000;
        return new Step(rate, n, answered, bad, p50, p99, lag, bad == 0 && kept && dialer.sessions.active() == 0);
    }

    private static void quietLogs() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.opendialer")).setLevel(Level.WARN);
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        for (java.util.logging.Handler h : java.util.logging.Logger.getLogger("").getHandlers()) {
            h.setLevel(java.util.logging.Level.WARNING);
        }
    }

    private static int intArg(String[] args, String prefix, int dflt) {
        return Integer.parseInt(strArg(args, prefix, Integer.toString(dflt)));
    }

    private static String strArg(String[] args, String prefix, String dflt) {
        return Arrays.stream(args).filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length()))
                .findFirst().orElse(dflt);
    }
}
