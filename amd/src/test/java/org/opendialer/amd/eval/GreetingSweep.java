package org.opendialer.amd.eval;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.opendialer.amd.AmdDetector;
import org.opendialer.amd.AmdParams;

/**
 * A finer curve than the three presets, for the closing note of a change, not a test: the detector at BALANCED with
 * the greeting limits ({@code greetingMs} and {@code maxContinuousSpeechMs} together) swept from 1.0 to 3.2 s, then
 * leave-one-source-out over that grid (the limit chosen on every other source by {@link PresetBench#cost}, ties to
 * the longer, safer limit). Run from {@code amd/} with the test classpath (see {@code amd/BENCH.md}):
 * {@code java -cp ... org.opendialer.amd.eval.GreetingSweep LABELS.csv [MORE.csv ...]}.
 */
public final class GreetingSweep {

    private GreetingSweep() {
    }

    public static void main(String[] args) throws Exception {
        List<File> files = new ArrayList<>();
        for (String a : args) {
            files.add(new File(a));
        }
        List<Corpus.Sample> samples = Corpus.load(files).samples();
        Map<Integer, List<BenchRunner.Verdict>> grid = new LinkedHashMap<>();
        for (int ms = 3200; ms >= 1000; ms -= 200) { // safest first: ties go to it
            AmdParams p = AmdParams.defaults().withOverrides(Map.of("greetingMs", ms, "maxContinuousSpeechMs", ms));
            List<BenchRunner.Verdict> v = new ArrayList<>();
            for (Corpus.Sample s : samples) {
                BenchRunner.Capture c = new BenchRunner.Capture();
                v.add(BenchRunner.run(AmdDetector.create(p, c), c, s.audio()));
            }
            grid.put(ms, v);
        }
        System.out.println("greeting limit sweep (BALANCED otherwise): people as MACHINE, machine recall");
        System.out.printf(Locale.ROOT, "%8s %12s %12s %12s %12s%n", "limit ms", "real h->m", "real recall",
                "gen h->m", "gen recall");
        for (Map.Entry<Integer, List<BenchRunner.Verdict>> e : grid.entrySet()) {
            Tally real = tally(samples, e.getValue(), s -> s.part().startsWith("real:"));
            Tally gen = tally(samples, e.getValue(), s -> s.part().startsWith("generated:"));
            System.out.printf(Locale.ROOT, "%8d %12s %12.3f %12s %12.3f%n", e.getKey(),
                    real.humansAsMachineCount() + "/" + real.humans(), real.machineRecall(),
                    gen.humansAsMachineCount() + "/" + gen.humans(), gen.machineRecall());
        }
        System.out.println();
        System.out.println("leave-one-source-out over the grid (limit chosen on the other sources):");
        Map<String, Tally> totals = new LinkedHashMap<>();
        for (String source : samples.stream().map(Corpus.Sample::source).distinct().toList()) {
            Predicate<Corpus.Sample> held = s -> s.source().equals(source);
            int best = -1;
            double bestCost = Double.MAX_VALUE;
            for (Map.Entry<Integer, List<BenchRunner.Verdict>> e : grid.entrySet()) {
                double c = PresetBench.cost(tally(samples, e.getValue(), held.negate()));
                if (c < bestCost) {
                    best = e.getKey();
                    bestCost = c;
                }
            }
            Tally t = tally(samples, grid.get(best), held);
            String part = samples.stream().filter(held).findFirst().orElseThrow().part().split(":")[0];
            totals.computeIfAbsent(part, k -> new Tally("held-out " + k)).addAll(t);
            System.out.printf(Locale.ROOT, "%-46s chosen %4d ms  correct %3d/%-3d h->m %d m->h %d%n", source, best,
                    t.correct(), t.files(), t.humansAsMachineCount(), t.machinesAsHumanCount());
        }
        for (Tally t : totals.values()) {
            System.out.println(t.name() + ": " + t.summaryLine());
        }
    }

    private static Tally tally(List<Corpus.Sample> samples, List<BenchRunner.Verdict> v, Predicate<Corpus.Sample> w) {
        Tally t = new Tally("sweep");
        for (int i = 0; i < samples.size(); i++) {
            if (w.test(samples.get(i))) {
                t.add(samples.get(i).part(), samples.get(i).expected(), v.get(i));
            }
        }
        return t;
    }
}
