package org.opendialer.sip.bench;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import org.slf4j.LoggerFactory;

/**
 * SIP call-setup benchmark of issue 3 (see {@code sip-stack/BENCH.md} for the command): the highest sustained rate
 * of INVITE, 200, ACK, BYE with zero failed calls that our SipServer reaches against SIPp on loopback, the most
 * concurrent established calls it holds, and the same search with Kamailio as a stateful proxy in front of the same
 * SIPp UAS as this machine's reference. Prints every step and a summary. Not a test: it asserts nothing.
 */
public final class SipBench {

    private SipBench() { }

    public static void main(String[] args) {
        BenchOptions o = BenchOptions.parse(args);
        quietLogs();
        System.out.printf("SIP benchmark: %d cores, Java %s, %s, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), sippVersion(),
                o.kamailio() ? KamailioLoad.version() : "no Kamailio");
        System.out.printf("  steps of %d s from %d calls/s (doubling, then binary search to %.0f%%),"
                        + " %d SIPp instance(s) per side, establishment threshold %d ms, UDP on 127.0.0.1%n",
                o.holdSeconds(), o.start(), o.resolution() * 100, o.instances(), o.ettMillis());

        OurServerLoad ours = new OurServerLoad(o);
        System.out.println("  warm-up (JIT), not counted:");
        System.out.println("    " + new OurServerLoad(o.withHold(5)).step(Math.min(200, o.max())).detail());
        StepSearch.Result our = StepSearch.search("ours", ours::step, o.start(), o.max(), o.resolution());

        int concurrentRate = Math.max(10, Math.min(o.concurrentRate(), our.rate() / 2));
        System.out.printf("  concurrent calls: placing up to %d at %d calls/s, none hung up until the end%n",
                o.maxConcurrent(), concurrentRate);
        OurServerLoad.Concurrency concurrent = ours.concurrency(o.maxConcurrent(), concurrentRate);
        System.out.println("    " + concurrent.detail());

        StepSearch.Result ref = null;
        if (o.kamailio()) {
            try (KamailioLoad kamailio = new KamailioLoad(o)) {
                ref = StepSearch.search("kamailio", kamailio::step, o.start(), o.max(), o.resolution());
            }
        }

        System.out.println();
        System.out.println("=== SIP benchmark summary ===");
        System.out.printf("our SipServer, sustained call setup (INVITE-200-ACK-BYE), zero failed: %d calls/s%n",
                our.rate());
        System.out.printf("our SipServer, most concurrent established calls: %d (cap %d)%n", concurrent.calls(),
                o.maxConcurrent());
        if (ref != null) {
            System.out.printf("Kamailio stateful proxy, same SIPp load, zero failed:          %d calls/s%n",
                    ref.rate());
            System.out.printf("ratio ours / Kamailio: %s%n",
                    ref.rate() == 0 ? "n/a" : String.format("%.2f", (double) our.rate() / ref.rate()));
        }
        if (our.rate() > 0 && ref != null && ref.rate() >= o.max()) {
            System.out.println("note: Kamailio passed the highest rate tried (--max); its real limit is higher.");
        }
        System.exit(0); // JAIN-SIP leaves non-daemon threads behind
    }

    /** The test logback configuration traces every SIP message; at thousands of calls/s that is the bottleneck. */
    private static void quietLogs() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("sip.messages")).setLevel(Level.WARN);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.WARN);
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.SEVERE);
    }

    private static String sippVersion() {
        try {
            Process p = new ProcessBuilder("sipp", "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return out.lines().map(String::trim).filter(l -> l.startsWith("SIPp")).findFirst().orElse("SIPp ?");
        } catch (IOException e) {
            throw new IllegalStateException("sipp is not installed (apt-get install sip-tester)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "SIPp ?";
        }
    }
}
