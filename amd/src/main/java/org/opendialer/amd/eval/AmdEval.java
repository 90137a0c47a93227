package org.opendialer.amd.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opendialer.amd.AmdDetector;
import org.opendialer.amd.AmdParams;
import org.opendialer.amd.Sensitivity;
import org.opendialer.amd.baseline.AsteriskStyleAmd;

/**
 * The decision bench: {@code amd eval --labels FILE.csv [--labels MORE.csv] [--sensitivity PRESET] [--cv source]
 * [--json]}.
 *
 * <p>Reads labelled WAV files (CSV columns {@code path,label,source_repo,...}, paths relative to the CSV), runs our
 * detector ({@link AmdParams#defaults()}, or the named {@link Sensitivity} preset) and the {@link AsteriskStyleAmd}
 * baseline over each, and prints both confusion matrices, per-part counts (part = {@code real} or
 * {@code generated}, by whether {@code source_repo} starts with {@code generated}, plus the label class), the
 * sensitivity curve of the presets (real and generated apart), the announcements the early-media analyser hears in
 * the machine and tone recordings ({@link EarlyMediaBench}), one summary row per detector, and as the last line
 * the summary of ours: {@code accuracy=0.xxx human_as_machine=0.xxx machine_as_human=0.xxx p50_decision_ms=N
 * p90_decision_ms=N files=N}. With {@code --cv source} it also prints the leave-one-source-out table
 * ({@link PresetBench}) and the worst source. Decision times are over all evaluated files. With {@code --json} the
 * text report is replaced by one JSON line; the summary line still ends the output. Labels the bench does not score
 * ({@code dtmf:*}) are counted as skipped.
 */
public final class AmdEval {

    private static final String USAGE = "usage: amd eval --labels FILE.csv [--labels FILE.csv ...] "
            + "[--sensitivity conservative|balanced|aggressive] [--cv source] [--json]";

    private AmdEval() {
    }

    /** @return 0 on success, 2 on bad arguments or unreadable files (one line on {@code out}) */
    public static int run(String[] args, PrintStream out) {
        List<File> labels = new ArrayList<>();
        boolean json = false;
        boolean cv = false;
        Sensitivity preset = Sensitivity.BALANCED;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--labels", "--sensitivity", "--cv" -> {
                    if (i + 1 >= args.length) {
                        out.println("amd eval: " + args[i] + " needs a value; " + USAGE);
                        return 2;
                    }
                    String v = args[++i];
                    if (args[i - 1].equals("--labels")) {
                        labels.add(new File(v));
                    } else if (args[i - 1].equals("--cv")) {
                        if (!v.equals("source")) {
                            out.println("amd eval: --cv knows only 'source', got '" + v + "'; " + USAGE);
                            return 2;
                        }
                        cv = true;
                    } else {
                        try {
                            preset = Sensitivity.of(v);
                        } catch (IllegalArgumentException e) {
                            out.println("amd eval: " + e.getMessage() + "; " + USAGE);
                            return 2;
                        }
                    }
                }
                case "--json" -> json = true;
                default -> {
                    out.println("amd eval: unknown argument '" + args[i] + "'; " + USAGE);
                    return 2;
                }
            }
        }
        if (labels.isEmpty()) {
            out.println("amd eval: missing --labels; " + USAGE);
            return 2;
        }
        try {
            Corpus.Loaded corpus = Corpus.load(labels);
            Result r = evaluate(corpus, preset);
            if (json) {
                report(r, true, out);
            } else {
                out.println("amd eval: ours at sensitivity " + preset.name().toLowerCase(Locale.ROOT));
                report(r, false, out, new PresetBench(corpus.samples()), cv);
            }
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            out.println("amd eval: " + e.getMessage());
            return 2;
        }
    }

    /** Everything the bench measured, for the test version of the bench. */
    record Result(Tally ours, Tally baseline, int skipped, ArrayNode perFile) {
    }

    static Result evaluate(List<File> labelFiles) throws IOException {
        return evaluate(Corpus.load(labelFiles), Sensitivity.BALANCED);
    }

    static Result evaluate(Corpus.Loaded corpus, Sensitivity preset) {
        Tally ours = new Tally("ours");
        Tally base = new Tally("baseline");
        ObjectMapper om = new ObjectMapper();
        ArrayNode perFile = om.createArrayNode();
        AmdParams params = AmdParams.of(preset);
        for (Corpus.Sample s : corpus.samples()) {
            BenchRunner.Capture oc = new BenchRunner.Capture();
            BenchRunner.Verdict ov = BenchRunner.run(AmdDetector.create(params, oc), oc, s.audio());
            BenchRunner.Capture bc = new BenchRunner.Capture();
            BenchRunner.Verdict bv = BenchRunner.run(new AsteriskStyleAmd(bc), bc, s.audio());
            ours.add(s.part(), s.expected(), ov);
            base.add(s.part(), s.expected(), bv);
            ObjectNode f = perFile.addObject();
            f.put("path", s.path());
            f.put("label", s.label());
            f.put("part", s.part());
            f.put("source", s.source());
            ExpectedClass e = s.expected();
            f.put("expected", e.name() + (e.sitCode() == null ? "" : ":" + e.sitCode()));
            f.put("ours", ov.predicted() + (ov.sitCode() == null ? "" : ":" + ov.sitCode()));
            f.put("ours_ms", ov.decisionMs());
            f.put("ours_reason", ov.reason());
            if (ov.evidence() != null) {
                f.set("ours_evidence", om.valueToTree(ov.evidence()));
            }
            if (ov.machineEnd() != null) {
                f.put("ours_machine_end", ov.machineEnd().kind().name());
                f.put("ours_machine_end_ms", ov.machineEnd().atMs());
                f.put("ours_beep_hz", Math.round(ov.machineEnd().beepHz()));
            }
            f.put("baseline", bv.predicted());
            f.put("baseline_ms", bv.decisionMs());
            f.put("baseline_reason", bv.reason());
        }
        return new Result(ours, base, corpus.skipped(), perFile);
    }

    private static void report(Result r, boolean json, PrintStream out) {
        report(r, json, out, null, false);
    }

    private static void report(Result r, boolean json, PrintStream out, PresetBench presets, boolean cv) {
        if (json) {
            ObjectMapper om = new ObjectMapper();
            ObjectNode root = om.createObjectNode();
            root.put("skipped", r.skipped());
            for (Tally t : List.of(r.baseline(), r.ours())) {
                ObjectNode n = root.putObject(t.name());
                n.put("accuracy", t.accuracy());
                n.put("human_as_machine", t.humanAsMachine());
                n.put("machine_as_human", t.machineAsHuman());
                n.put("p50_decision_ms", t.percentileMs(0.5));
                n.put("p90_decision_ms", t.percentileMs(0.9));
                n.put("files", t.files());
                n.put("p50_human_after_greeting_ms", t.humanDelayPercentileMs(0.5));
                ObjectNode parts = n.putObject("parts");
                for (Map.Entry<String, int[]> e : t.parts().entrySet()) {
                    parts.putObject(e.getKey()).put("correct", e.getValue()[0]).put("total", e.getValue()[1]);
                }
                n.set("confusion", om.valueToTree(t.confusion()));
            }
            root.set("files", r.perFile());
            out.println(root.toString());
        } else {
            out.printf(Locale.ROOT, "amd eval: %d files scored, %d skipped (labels outside the AMD bench)%n",
                    r.ours().files(), r.skipped());
            for (Tally t : List.of(r.baseline(), r.ours())) {
                out.println();
                out.println("confusion matrix, " + label(t) + " (rows expected, columns predicted):");
                out.print(t.confusionTable());
            }
            out.println();
            out.printf(Locale.ROOT, "%-22s %12s %12s%n", "part (correct/total)", "baseline", "ours");
            for (Map.Entry<String, int[]> e : r.ours().parts().entrySet()) {
                int[] b = r.baseline().parts().get(e.getKey());
                out.printf(Locale.ROOT, "%-22s %12s %12s%n", e.getKey(), b[0] + "/" + b[1],
                        e.getValue()[0] + "/" + e.getValue()[1]);
            }
            out.printf(Locale.ROOT, "%-22s %12d %12d%n", "p50 ms greeting->HUMAN",
                    r.baseline().humanDelayPercentileMs(0.5), r.ours().humanDelayPercentileMs(0.5));
            out.printf(Locale.ROOT, "%-22s %12.3f %12.3f%n", "people as HUMAN/UNKNOWN",
                    r.baseline().humansTreatedAsPerson(), r.ours().humansTreatedAsPerson());
            out.printf(Locale.ROOT, "%-22s %12d %12d%n", "people as NO_SPEECH", r.baseline().humansAsNoSpeech(),
                    r.ours().humansAsNoSpeech());
            if (presets != null) {
                out.println();
                presets.printCurve(out);
                out.println();
                EarlyMediaBench.print(EarlyMediaBench.run(presets.samples()), out);
            }
            if (cv) {
                out.println();
                presets.printLeaveOneSourceOut(out);
            }
            out.println();
            out.println("baseline (asterisk app_amd defaults): " + r.baseline().summaryLine());
            out.println("ours:                                 " + r.ours().summaryLine());
        }
        out.println(r.ours().summaryLine());
    }

    private static String label(Tally t) {
        return t.name().equals("ours") ? "ours" : "baseline (asterisk app_amd defaults)";
    }
}
