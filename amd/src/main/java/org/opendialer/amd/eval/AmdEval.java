package org.opendialer.amd.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.opendialer.amd.AmdDetector;
import org.opendialer.amd.AmdParams;
import org.opendialer.amd.baseline.AsteriskStyleAmd;

/**
 * The decision bench: {@code amd eval --labels FILE.csv [--labels MORE.csv] [--json]}.
 *
 * <p>Reads labelled WAV files (CSV columns {@code path,label,source_repo,...}, paths relative to the CSV), runs our
 * detector with {@link AmdParams#defaults()} and the {@link AsteriskStyleAmd} baseline over each, and prints both
 * confusion matrices, per-part counts (part = {@code real} or {@code generated}, by whether {@code source_repo}
 * starts with {@code generated}, plus the label class), one summary row per detector, and as the last line the
 * summary of ours: {@code accuracy=0.xxx human_as_machine=0.xxx machine_as_human=0.xxx p50_decision_ms=N
 * p90_decision_ms=N files=N}. Decision times are over all evaluated files. With {@code --json} the text report is
 * replaced by one JSON line; the summary line still ends the output. Labels the bench does not score
 * ({@code dtmf:*}) are counted as skipped.
 */
public final class AmdEval {

    private static final String USAGE = "usage: amd eval --labels FILE.csv [--labels FILE.csv ...] [--json]";

    private AmdEval() {
    }

    /** @return 0 on success, 2 on bad arguments or unreadable files (one line on {@code out}) */
    public static int run(String[] args, PrintStream out) {
        List<File> labels = new ArrayList<>();
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--labels" -> {
                    if (i + 1 >= args.length) {
                        out.println("amd eval: --labels needs a file; " + USAGE);
                        return 2;
                    }
                    labels.add(new File(args[++i]));
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
            report(evaluate(labels), json, out);
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
        Tally ours = new Tally("ours");
        Tally base = new Tally("baseline");
        ObjectMapper om = new ObjectMapper();
        ArrayNode perFile = om.createArrayNode();
        int skipped = 0;
        for (File csv : labelFiles) {
            if (!csv.canRead()) {
                throw new IOException("cannot read labels file " + csv);
            }
            File dir = csv.getAbsoluteFile().getParentFile();
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
            try (Reader r = Files.newBufferedReader(csv.toPath(), StandardCharsets.UTF_8)) {
                for (CSVRecord rec : format.parse(r)) {
                    if (!rec.isMapped("path") || !rec.isMapped("label")) {
                        throw new IOException(csv + ": needs columns path,label");
                    }
                    ExpectedClass expected = ExpectedClass.of(rec.get("label"));
                    if (expected == null) {
                        skipped++;
                        continue;
                    }
                    String source = rec.isMapped("source_repo") ? rec.get("source_repo") : "";
                    String part = (source.startsWith("generated") ? "generated" : "real") + ":"
                            + rec.get("label").split(":")[0].toLowerCase(Locale.ROOT);
                    short[] audio = WavReader.read(new File(dir, rec.get("path")));
                    BenchRunner.Capture oc = new BenchRunner.Capture();
                    BenchRunner.Verdict ov = BenchRunner.run(AmdDetector.create(AmdParams.defaults(), oc), oc, audio);
                    BenchRunner.Capture bc = new BenchRunner.Capture();
                    BenchRunner.Verdict bv = BenchRunner.run(new AsteriskStyleAmd(bc), bc, audio);
                    ours.add(part, expected, ov);
                    base.add(part, expected, bv);
                    ObjectNode f = perFile.addObject();
                    f.put("path", rec.get("path"));
                    f.put("label", rec.get("label"));
                    f.put("part", part);
                    f.put("expected", expected.name() + (expected.sitCode() == null ? "" : ":" + expected.sitCode()));
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
            } catch (IllegalStateException | java.io.UncheckedIOException e) {
                throw new IOException(csv + ": " + e.getMessage(), e);
            }
        }
        return new Result(ours, base, skipped, perFile);
    }

    private static void report(Result r, boolean json, PrintStream out) {
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
            out.println();
            out.println("baseline (asterisk app_amd defaults): " + r.baseline().summaryLine());
            out.println("ours (AmdParams.defaults()):           " + r.ours().summaryLine());
        }
        out.println(r.ours().summaryLine());
    }

    private static String label(Tally t) {
        return t.name().equals("ours") ? "ours" : "baseline (asterisk app_amd defaults)";
    }
}
