package org.opendialer.sip.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine's reference: the same dialog as {@link OurServerLoad} (INVITE, 100, 200, ACK, BYE, 200 with the same
 * SIPp UAS scenario) put through Kamailio as a stateful, record-routing proxy on 127.0.0.1, driven by SIPp UACs.
 * Each UAC addresses its own UAS by port in the Request-URI user (see {@code bench/kamailio.cfg}).
 */
final class KamailioLoad implements AutoCloseable {

    private final BenchOptions o;
    private final BenchProcess kamailio;

    KamailioLoad(BenchOptions options) {
        this.o = options;
        Path dir = BenchProcess.tempDir("kamailio-bench-");
        Path cfg = BenchProcess.copyResource("kamailio.cfg", dir);
        int port = BenchProcess.freeUdpPort();
        // -DD: stay in the foreground (children still fork); -E: log to stderr, i.e. out.log. -m: 2 GiB of shared
        // memory, as tm keeps each transaction for its wait timer (5 s): 256 MiB ran out near 2,000 calls/s.
        this.kamailio = BenchProcess.start(dir, List.of("kamailio", "-f", cfg.toString(), "-l",
                "udp:127.0.0.1:" + port, "-DD", "-E", "-w", dir.toString(), "-P", dir.resolve("pid").toString(),
                "-m", "2048", "-M", "16"), port);
        kamailio.awaitBound(port);
    }

    static String version() {
        try {
            Process p = new ProcessBuilder("kamailio", "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return out.lines().findFirst().orElse("kamailio ?").replace("version: ", "");
        } catch (IOException e) {
            throw new IllegalStateException("kamailio is not installed (apt-get install kamailio)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "kamailio ?";
        }
    }

    StepSearch.Step step(int rate) {
        int total = rate * o.holdSeconds();
        String ett = Long.toString(o.ettMillis());
        List<BenchProcess> uas = new ArrayList<>();
        List<BenchProcess> uac = new ArrayList<>();
        try {
            for (int k = 0; k < o.instances(); k++) {
                uas.add(BenchProcess.sipp("uas-bench.xml", BenchProcess.freeUdpPort(), List.of("-m",
                        Integer.toString(share(total, k)), "-recv_timeout", ett, "-timeout",
                        (o.holdSeconds() + 600) + "s", "-timeout_error")));
            }
            long start = System.nanoTime();
            for (int k = 0; k < o.instances(); k++) {
                int n = share(total, k);
                // n calls spread evenly over the hold time: -r n per -rp hold (SIPp paces continuously).
                uac.add(BenchProcess.sipp("uac-bench.xml", BenchProcess.freeUdpPort(), List.of("-m",
                        Integer.toString(n), "-r", Integer.toString(n), "-rp", Integer.toString(o.holdSeconds() * 1000),
                        "-recv_timeout", ett, "-l", "20000", "-s", Integer.toString(uas.get(k).port),
                        "-timeout", (o.holdSeconds() + 600) + "s", "-timeout_error",
                        "127.0.0.1:" + kamailio.port)));
            }
            String callers = OurServerLoad.exits(uac, o.holdSeconds() + o.ettMillis() / 1000 + 30);
            double seconds = (System.nanoTime() - start) / 1e9;
            String callees = OurServerLoad.exits(uas, 15);
            int ok = 0;
            int failed = 0;
            for (BenchProcess p : uac) {
                ok += p.sippCalls("Successful");
                failed += p.sippCalls("Failed");
            }
            boolean onTime = seconds <= o.holdSeconds() * 1.05 + 1.0;
            boolean passed = callers.equals("ok") && callees.equals("ok") && ok == total && onTime;
            return new StepSearch.Step(rate, passed, String.format("%d/%d ok, %d failed, done in %.1f s,"
                    + " SIPp UAC %s, UAS %s", ok, total, failed, seconds, callers, callees));
        } finally {
            uac.forEach(BenchProcess::close);
            uas.forEach(BenchProcess::close);
        }
    }

    private int share(int total, int k) {
        return total / o.instances() + (k < total % o.instances() ? 1 : 0);
    }

    @Override
    public void close() {
        kamailio.close();
    }
}
