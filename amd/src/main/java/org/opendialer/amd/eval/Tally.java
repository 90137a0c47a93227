package org.opendialer.amd.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Figures of one detector over the bench: confusion matrix, per-part counts, error rates, decision times. */
final class Tally {

    static final List<String> CLASSES = List.of("HUMAN", "MACHINE", "FAX", "SIT", "NO_SPEECH", "RINGBACK", "BUSY",
            "REORDER", "UNKNOWN", "NONE");

    private final String name;
    private final Map<String, Map<String, Integer>> confusion = new LinkedHashMap<>();
    private final Map<String, int[]> parts = new TreeMap<>();
    private final List<Long> decisionMs = new ArrayList<>();
    private final List<Long> humanDelayMs = new ArrayList<>();
    private int files, correct, humans, humansAsMachine, machines, machinesAsHuman;
    private int predictedMachine, correctMachine, humansAsPerson, humansAsNoSpeech;

    Tally(String name) {
        this.name = name;
    }

    void add(String part, ExpectedClass expected, BenchRunner.Verdict v) {
        String predicted = v.predicted() == null ? "NONE" : v.predicted();
        boolean ok = predicted.equals(expected.name())
                && (expected.sitCode() == null || expected.sitCode() == v.sitCode());
        files++;
        correct += ok ? 1 : 0;
        confusion.computeIfAbsent(expected.name(), k -> new LinkedHashMap<>()).merge(predicted, 1, Integer::sum);
        int[] p = parts.computeIfAbsent(part, k -> new int[2]);
        p[0] += ok ? 1 : 0;
        p[1]++;
        if (predicted.equals("MACHINE")) {
            predictedMachine++;
            correctMachine += ok ? 1 : 0;
        }
        if (expected.name().equals("HUMAN")) {
            humans++;
            humansAsMachine += predicted.equals("MACHINE") ? 1 : 0;
            humansAsPerson += predicted.equals("HUMAN") || predicted.equals("UNKNOWN") ? 1 : 0;
            humansAsNoSpeech += predicted.equals("NO_SPEECH") ? 1 : 0;
        } else if (expected.name().equals("MACHINE")) {
            machines++;
            machinesAsHuman += predicted.equals("HUMAN") ? 1 : 0;
        }
        if (v.decisionMs() >= 0) {
            decisionMs.add(v.decisionMs());
        }
        if (ok && predicted.equals("HUMAN") && v.evidence() != null) {
            humanDelayMs.add(v.evidence().silenceAfterGreetingMs());
        }
    }

    /** Adds every count of another tally (folds of a cross-validation into one total). */
    void addAll(Tally o) {
        o.confusion.forEach((row, cols) -> cols.forEach((c, n) ->
                confusion.computeIfAbsent(row, k -> new LinkedHashMap<>()).merge(c, n, Integer::sum)));
        o.parts.forEach((k, v) -> {
            int[] p = parts.computeIfAbsent(k, x -> new int[2]);
            p[0] += v[0];
            p[1] += v[1];
        });
        decisionMs.addAll(o.decisionMs);
        humanDelayMs.addAll(o.humanDelayMs);
        files += o.files;
        correct += o.correct;
        humans += o.humans;
        humansAsMachine += o.humansAsMachine;
        machines += o.machines;
        machinesAsHuman += o.machinesAsHuman;
        predictedMachine += o.predictedMachine;
        correctMachine += o.correctMachine;
        humansAsPerson += o.humansAsPerson;
        humansAsNoSpeech += o.humansAsNoSpeech;
    }

    String name() {
        return name;
    }

    int files() {
        return files;
    }

    double accuracy() {
        return files == 0 ? 0 : correct / (double) files;
    }

    double humanAsMachine() {
        return humans == 0 ? 0 : humansAsMachine / (double) humans;
    }

    double machineAsHuman() {
        return machines == 0 ? 0 : machinesAsHuman / (double) machines;
    }

    /** Share of MACHINE answers that were machines (1 when there were none). */
    double machinePrecision() {
        return predictedMachine == 0 ? 1 : correctMachine / (double) predictedMachine;
    }

    /** Share of machines answered MACHINE. */
    double machineRecall() {
        return machines == 0 ? 0 : correctMachine / (double) machines;
    }

    /** Share of people answered HUMAN or UNKNOWN, both of which a call treats as a person. */
    double humansTreatedAsPerson() {
        return humans == 0 ? 0 : humansAsPerson / (double) humans;
    }

    int humans() {
        return humans;
    }

    int humansAsMachineCount() {
        return humansAsMachine;
    }

    int machinesAsHumanCount() {
        return machinesAsHuman;
    }

    int humansAsNoSpeech() {
        return humansAsNoSpeech;
    }

    int correct() {
        return correct;
    }

    /** Nearest-rank percentile of decision times over all files that got a decision, -1 if none. */
    long percentileMs(double q) {
        return percentile(decisionMs, q);
    }

    /**
     * Percentile of the time from the end of the greeting to a correct HUMAN decision (the silence after the greeting
     * the detector waited for), -1 if none; the US abandonment rule counts 2 s from the end of the greeting.
     */
    long humanDelayPercentileMs(double q) {
        return percentile(humanDelayMs, q);
    }

    private static long percentile(List<Long> values, double q) {
        if (values.isEmpty()) {
            return -1;
        }
        long[] s = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(s);
        return s[Math.max(0, (int) Math.ceil(q * s.length) - 1)];
    }

    /** Correct and total per part ("real:machine", "generated:human"...). */
    Map<String, int[]> parts() {
        return parts;
    }

    Map<String, Map<String, Integer>> confusion() {
        return confusion;
    }

    String summaryLine() {
        return String.format(Locale.ROOT,
                "accuracy=%.3f human_as_machine=%.3f machine_as_human=%.3f p50_decision_ms=%d p90_decision_ms=%d files=%d",
                accuracy(), humanAsMachine(), machineAsHuman(), percentileMs(0.5), percentileMs(0.9), files);
    }

    /** The confusion matrix as text, only with the columns that occur. */
    String confusionTable() {
        List<String> cols = new ArrayList<>();
        for (String c : CLASSES) {
            if (confusion.values().stream().anyMatch(row -> row.containsKey(c))) {
                cols.add(c);
            }
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10s", "expected"));
        for (String c : cols) {
            sb.append(String.format(Locale.ROOT, " %9s", c));
        }
        sb.append(String.format(Locale.ROOT, " %6s%n", "total"));
        for (String row : CLASSES) {
            Map<String, Integer> r = confusion.get(row);
            if (r == null) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%-10s", row));
            int total = 0;
            for (String c : cols) {
                int n = r.getOrDefault(c, 0);
                total += n;
                sb.append(String.format(Locale.ROOT, " %9s", n == 0 ? "." : Integer.toString(n)));
            }
            sb.append(String.format(Locale.ROOT, " %6d%n", total));
        }
        return sb.toString();
    }
}
