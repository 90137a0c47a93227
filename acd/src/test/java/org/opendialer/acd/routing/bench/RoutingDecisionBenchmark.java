package org.opendialer.acd.routing.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.opendialer.acd.routing.RoutingDecision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * One routing decision ({@link RoutingDecision#decide}) over 1,000 waiting interactions and 500 available agents:
 * 10 queues, 30 skills, each interaction requiring 0-3 skills, each agent holding 3-8 skills (proficiency 0-5) and
 * belonging to 1-3 queues, a relaxation of 60 s on half the queues, waits spread over 0-300 s. One decision
 * assigns every agent it can (the whole greedy pass), which is what a router tick runs. Seeded: same data each run.
 * Not a test; see acd/BENCH.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RoutingDecisionBenchmark {

    @Param({"1000"})
    public int waitingCount;
    @Param({"500"})
    public int agentCount;

    private List<RoutingDecision.Waiting> waiting;
    private List<RoutingDecision.Idle> agents;
    private Map<UUID, RoutingDecision.Relaxation> relaxations;
    private final Instant now = Instant.parse("2026-12-02T10:00:00Z");

    @Setup
    public void setup() {
        Random rnd = new Random(14);
        List<UUID> queues = ids(10);
        List<UUID> skills = ids(30);
        waiting = new ArrayList<>();
        for (int i = 0; i < waitingCount; i++) {
            Set<UUID> need = new HashSet<>();
            for (int k = rnd.nextInt(4); k > 0; k--) {
                need.add(skills.get(rnd.nextInt(skills.size())));
            }
            waiting.add(new RoutingDecision.Waiting(UUID.randomUUID(), queues.get(rnd.nextInt(queues.size())),
                    rnd.nextInt(3), now.minusMillis(rnd.nextInt(300_000)), need));
        }
        agents = new ArrayList<>();
        for (int i = 0; i < agentCount; i++) {
            Map<UUID, Integer> has = new HashMap<>();
            for (int k = 3 + rnd.nextInt(6); k > 0; k--) {
                has.put(skills.get(rnd.nextInt(skills.size())), rnd.nextInt(6));
            }
            Set<UUID> in = new HashSet<>();
            for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                in.add(queues.get(rnd.nextInt(queues.size())));
            }
            agents.add(new RoutingDecision.Idle(UUID.randomUUID(), now.minusMillis(rnd.nextInt(600_000)), has, in));
        }
        relaxations = new HashMap<>();
        for (int q = 0; q < queues.size(); q += 2) {
            relaxations.put(queues.get(q), new RoutingDecision.Relaxation(Duration.ofSeconds(60), Set.of()));
        }
    }

    private static List<UUID> ids(int n) {
        List<UUID> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(UUID.randomUUID());
        }
        return out;
    }

    @Benchmark
    public List<RoutingDecision.Offer> decide() {
        return RoutingDecision.decide(waiting, agents, relaxations, now);
    }

    /**
     * Runs the benchmark with one fork, 3 x 1 s warm-up, 5 x 1 s measurement and the GC profiler; with the
     * argument {@code cpu}, instead times 20,000 decisions (after 5,000 of warm-up) by this thread's CPU time,
     * which a loaded machine (other processes holding the cores) inflates much less than wall-clock time.
     */
    public static void main(String[] args) throws RunnerException {
        if (args.length > 0 && args[0].equals("cpu")) {
            cpuTime();
            return;
        }
        new Runner(new OptionsBuilder().include(RoutingDecisionBenchmark.class.getName())
                .addProfiler(GCProfiler.class).build()).run();
    }

    private static void cpuTime() {
        RoutingDecisionBenchmark b = new RoutingDecisionBenchmark();
        b.waitingCount = 1000;
        b.agentCount = 500;
        b.setup();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        int offers = 0;
        for (int i = 0; i < 5_000; i++) {
            offers += b.decide().size();
        }
        for (int round = 1; round <= 5; round++) {
            long cpu = mx.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < 4_000; i++) {
                offers += b.decide().size();
            }
            System.out.printf("round %d: %.1f us CPU, %.1f us wall per decision (%d offers each)%n", round,
                    (mx.getCurrentThreadCpuTime() - cpu) / 4_000 / 1e3, (System.nanoTime() - wall) / 4_000 / 1e3,
                    b.decide().size());
        }
        System.out.println("(" + offers + " offers made in all)");
    }
}
