package org.opendialer.amd.eval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.opendialer.amd.AmdDetector;
import org.opendialer.amd.AmdParams;
import org.opendialer.amd.Sensitivity;
import org.opendialer.amd.baseline.AsteriskStyleAmd;

/**
 * Our detector at every {@link Sensitivity} preset over one corpus, plus the app_amd-style baseline: the operating
 * curve of the presets and the leave-one-source-out estimate ({@code amd eval --cv source}).
 *
 * <p>Leave-one-source-out: for each source (a speaker, a language, a repository of prompts; see
 * {@link Corpus.Sample#source()}) the preset is chosen on all other sources by cost, a person taken for a machine
 * counting {@value #HUMAN_AS_MACHINE_COST} and any other error 1, then scored on the held-out source. The choice is
 * the only thing tuned, so the held-out figures estimate what the presets do on a source nobody looked at.
 */
final class PresetBench {

    /** An abandoned call (FCC, Ofcom) against an agent's few seconds with a voicemail. */
    static final int HUMAN_AS_MACHINE_COST = 10;

    /** Result of one held-out source. */
    record Fold(String source, String part, Sensitivity chosen, Tally ours, Tally baseline) {
    }

    private final List<Corpus.Sample> samples;
    private final Map<Sensitivity, List<BenchRunner.Verdict>> verdicts = new EnumMap<>(Sensitivity.class);
    private final List<BenchRunner.Verdict> baseline = new ArrayList<>();

    PresetBench(List<Corpus.Sample> samples) {
        this.samples = samples;
        for (Sensitivity s : Sensitivity.values()) {
            AmdParams params = AmdParams.of(s);
            List<BenchRunner.Verdict> v = new ArrayList<>();
            for (Corpus.Sample sample : samples) {
                BenchRunner.Capture c = new BenchRunner.Capture();
                v.add(BenchRunner.run(AmdDetector.create(params, c), c, sample.audio()));
            }
            verdicts.put(s, v);
        }
        for (Corpus.Sample sample : samples) {
            BenchRunner.Capture c = new BenchRunner.Capture();
            baseline.add(BenchRunner.run(new AsteriskStyleAmd(c), c, sample.audio()));
        }
    }

    List<Corpus.Sample> samples() {
        return samples;
    }

    /** Our figures at a preset ({@code null}: the baseline) over the samples that match. */
    Tally tally(Sensitivity preset, Predicate<Corpus.Sample> which) {
        Tally t = new Tally(preset == null ? "baseline" : preset.name().toLowerCase(Locale.ROOT));
        List<BenchRunner.Verdict> v = preset == null ? baseline : verdicts.get(preset);
        for (int i = 0; i < samples.size(); i++) {
            if (which.test(samples.get(i))) {
                t.add(samples.get(i).part(), samples.get(i).expected(), v.get(i));
            }
        }
        return t;
    }

    /** Errors weighted: a person taken for a machine {@value #HUMAN_AS_MACHINE_COST}, any other 1. */
    static double cost(Tally t) {
        return HUMAN_AS_MACHINE_COST * t.humansAsMachineCount() + (t.files() - t.correct() - t.humansAsMachineCount());
    }

    /** One fold per source, in order of first appearance. */
    List<Fold> leaveOneSourceOut() {
        Map<String, String> parts = new LinkedHashMap<>();
        for (Corpus.Sample s : samples) {
            parts.putIfAbsent(s.source(), s.part().substring(0, s.part().indexOf(':')));
        }
        List<Fold> folds = new ArrayList<>();
        for (Map.Entry<String, String> src : parts.entrySet()) {
            Predicate<Corpus.Sample> held = s -> s.source().equals(src.getKey());
            Sensitivity best = null;
            double bestCost = Double.MAX_VALUE;
            for (Sensitivity s : Sensitivity.values()) { // ties go to the safer preset, listed first
                double c = cost(tally(s, held.negate()));
                if (c < bestCost) {
                    best = s;
                    bestCost = c;
                }
            }
            folds.add(new Fold(src.getKey(), src.getValue(), best, tally(best, held), tally(null, held)));
        }
        return folds;
    }

    void printCurve(PrintStream out) {
        out.println("sensitivity curve (MACHINE precision/recall, people taken for machines, people treated as a "
                + "person = HUMAN or UNKNOWN):");
        out.printf(Locale.ROOT, "%-13s %-9s %8s %6s %6s %6s %8s %9s%n", "preset", "part", "accuracy", "prec",
                "recall", "h->m", "h->pers", "h->nospch");
        List<Sensitivity> rows = new ArrayList<>(List.of(Sensitivity.values()));
        rows.add(null);
        for (Sensitivity s : rows) {
            for (String part : List.of("real", "generated")) {
                Tally t = tally(s, x -> x.part().startsWith(part + ":"));
                out.printf(Locale.ROOT, "%-13s %-9s %8.3f %6.3f %6.3f %6.3f %8.3f %9d%n", t.name(), part,
                        t.accuracy(), t.machinePrecision(), t.machineRecall(), t.humanAsMachine(),
                        t.humansTreatedAsPerson(), t.humansAsNoSpeech());
            }
        }
    }

    void printLeaveOneSourceOut(PrintStream out) {
        List<Fold> folds = leaveOneSourceOut();
        out.println("leave-one-source-out: preset chosen on every other source (cost: person as machine "
                + HUMAN_AS_MACHINE_COST + ", other error 1), scored on the held-out one:");
        out.printf(Locale.ROOT, "%-44s %-9s %5s %-12s %9s %4s %4s %9s%n", "held-out source", "part", "files",
                "chosen", "correct", "h->m", "m->h", "baseline");
        Map<String, Tally> totals = new LinkedHashMap<>();
        Fold worst = null;
        for (Fold f : folds) {
            Tally t = f.ours();
            out.printf(Locale.ROOT, "%-44s %-9s %5d %-12s %9s %4d %4d %9s%n", f.source(), f.part(), t.files(),
                    f.chosen().name().toLowerCase(Locale.ROOT), t.correct() + "/" + t.files(),
                    t.humansAsMachineCount(), t.machinesAsHumanCount(),
                    f.baseline().correct() + "/" + f.baseline().files());
            Tally total = totals.computeIfAbsent(f.part(), k -> new Tally("held-out " + k));
            total.addAll(t);
            if (worst == null || t.accuracy() < worst.ours().accuracy()
                    || t.accuracy() == worst.ours().accuracy()
                    && t.humansAsMachineCount() > worst.ours().humansAsMachineCount()) {
                worst = f;
            }
        }
        for (Tally t : totals.values()) {
            out.printf(Locale.ROOT, "%-20s %s human_as_person=%.3f%n", t.name() + ":", t.summaryLine(),
                    t.humansTreatedAsPerson());
        }
        if (worst != null) {
            out.printf(Locale.ROOT, "worst source: %s (%s) accuracy=%.3f human_as_machine=%d machine_as_human=%d "
                    + "files=%d%n", worst.source(), worst.part(), worst.ours().accuracy(),
                    worst.ours().humansAsMachineCount(), worst.ours().machinesAsHumanCount(), worst.ours().files());
        }
    }
}
