package org.opendialer.call;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Async AMD on lines that echo our message: for each echo return loss, how many of the fsdd people and of the
 * corpus's machines AMD calls MACHINE with and without the echo canceller in front of it, and the CPU time per
 * 20 ms frame of AMD alone and of AMD behind the canceller. Run by name (see call/BENCH.md); prints a table.
 */
public final class EchoAmdBench {

    private static final int ROUNDS = 7;

    private EchoAmdBench() {
    }

    /** With the argument {@code cost}: the CPU figures only. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("cost")) {
            cost(EchoLine.people());
            return;
        }
        double[] erls = {Double.POSITIVE_INFINITY, 30, 20, 10, 6};
        List<Path> people = EchoLine.people();
        List<Path> machines = EchoLine.machines();
        System.out.printf(Locale.ROOT, "%d people, %d machines; AMD defaults, async (awaiting the beep)%n",
                people.size(), machines.size());
        System.out.println("| ERL | people MACHINE: no canceller | with canceller | machines MACHINE: no canceller"
                + " | with canceller | people NO_SPEECH with canceller | delay found (ms, median) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (double erl : erls) {
            Map<String, Integer> count = new TreeMap<>();
            List<Integer> delays = new ArrayList<>();
            for (int i = 0; i < people.size(); i++) {
                EchoLine.Mix m = EchoLine.mix(people.get(i), erl, i);
                tally(count, "p-off", EchoAmd.run(m, false).result());
                EchoAmd.Verdict v = EchoAmd.run(m, true);
                tally(count, "p-on", v.result());
                delays.add(v.delayMs());
            }
            for (int i = 0; i < machines.size(); i++) {
                EchoLine.Mix m = EchoLine.mix(machines.get(i), erl, 1000 + i);
                tally(count, "m-off", EchoAmd.run(m, false).result());
                tally(count, "m-on", EchoAmd.run(m, true).result());
            }
            delays.sort(null);
            System.out.printf(Locale.ROOT, "| %s | %d / %d | %d / %d | %d / %d | %d / %d | %d | %s |%n",
                    Double.isInfinite(erl) ? "no echo" : (int) erl + " dB",
                    count.getOrDefault("p-off MACHINE", 0), people.size(),
                    count.getOrDefault("p-on MACHINE", 0), people.size(),
                    count.getOrDefault("m-off MACHINE", 0), machines.size(),
                    count.getOrDefault("m-on MACHINE", 0), machines.size(),
                    count.getOrDefault("p-on NO_SPEECH", 0),
                    Double.isInfinite(erl) ? "-" : String.valueOf(delays.get(delays.size() / 2)));
            System.out.println("    " + count);
        }
        cost(people);
    }

    private static void tally(Map<String, Integer> count, String prefix, String result) {
        count.merge(prefix + " " + result, 1, Integer::sum);
    }

    /**
     * CPU time per frame over whole calls (echo at 20 dB), AMD alone and behind the canceller: after two warm-up
     * rounds, {@value #ROUNDS} rounds of 5 x 60 calls each, alternating; prints the fastest and the median round (on
     * a shared machine other processes only ever add time, so the fastest round is the closest to the cost).
     */
    private static void cost(List<Path> people) throws Exception {
        List<EchoLine.Mix> mixes = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            mixes.add(EchoLine.mix(people.get(i), 20, i));
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[][] us = new double[2][ROUNDS];
        long[] frames = new long[2];
        for (int round = -2; round < ROUNDS; round++) {
            for (int cancel = 0; cancel < 2; cancel++) {
                long n = 0;
                long t0 = mx.getCurrentThreadCpuTime();
                for (int rep = 0; rep < 5; rep++) {
                    for (EchoLine.Mix m : mixes) {
                        n += EchoAmd.run(m, cancel == 1).frames();
                    }
                }
                if (round >= 0) {
                    us[cancel][round] = (mx.getCurrentThreadCpuTime() - t0) / 1000.0 / n;
                    frames[cancel] = n;
                }
            }
        }
        for (int cancel = 0; cancel < 2; cancel++) {
            java.util.Arrays.sort(us[cancel]);
            System.out.printf(Locale.ROOT, "CPU per 20 ms frame, %s: %.1f µs fastest, %.1f µs median of %d rounds"
                    + " (%d frames a round)%n", cancel == 1 ? "AMD behind the echo canceller" : "AMD alone",
                    us[cancel][0], us[cancel][ROUNDS / 2], ROUNDS, frames[cancel]);
        }
    }
}
