package org.opendialer.amd.eval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.opendialer.amd.AmdDetector;
import org.opendialer.amd.progress.CallProgressAnalyzer;
import org.opendialer.amd.progress.CallProgressTone;
import org.opendialer.amd.progress.ToneReport;

/**
 * Every machine and tone recording of the corpus as if it were heard before the answer, through
 * {@link CallProgressAnalyzer#earlyMedia}: how many are reported as {@link CallProgressTone#ANNOUNCEMENT}, per label,
 * and when. People are left out: nobody speaks before the answer. Printed by {@code amd eval} under "early media".
 */
final class EarlyMediaBench {

    /** Announcements reported for one label: when, in ms from the start of each recording that had one. */
    record Row(String part, String label, int files, List<Long> atMs) {
        int announced() {
            return atMs.size();
        }
    }

    private EarlyMediaBench() {
    }

    static List<Row> run(List<Corpus.Sample> samples) {
        Map<String, List<Corpus.Sample>> byLabel = new TreeMap<>();
        for (Corpus.Sample s : samples) {
            if (!s.expected().name().equals("HUMAN")) {
                byLabel.computeIfAbsent(s.part().split(":")[0] + " " + s.label(), k -> new ArrayList<>()).add(s);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (List<Corpus.Sample> group : byLabel.values()) {
            List<Long> at = new ArrayList<>();
            for (Corpus.Sample s : group) {
                long t = announcedAt(s.audio());
                if (t >= 0) {
                    at.add(t);
                }
            }
            at.sort(null);
            rows.add(new Row(group.get(0).part().split(":")[0], group.get(0).label(), group.size(), at));
        }
        return rows;
    }

    /** When the early-media analyser reported an announcement in the recording, or -1. */
    static long announcedAt(short[] audio) {
        long[] at = {-1};
        CallProgressAnalyzer cpa = CallProgressAnalyzer.earlyMedia("US,UK,EU", r -> {
            if (r.tone() == CallProgressTone.ANNOUNCEMENT && at[0] < 0) {
                at[0] = r.atMs();
            }
        });
        short[] frame = new short[AmdDetector.FRAME_SAMPLES];
        for (int i = 0; i + frame.length <= audio.length && at[0] < 0; i += frame.length) {
            System.arraycopy(audio, i, frame, 0, frame.length);
            cpa.onFrame(frame);
        }
        return at[0];
    }

    static void print(List<Row> rows, PrintStream out) {
        out.println("early media (machine and tone recordings as if heard before the answer; ANNOUNCEMENT reports):");
        out.printf(Locale.ROOT, "%-11s %-34s %9s %9s%n", "part", "label", "announced", "p50 ms");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-11s %-34s %9s %9s%n", r.part(), r.label(), r.announced() + "/" + r.files(),
                    r.atMs().isEmpty() ? "-" : String.valueOf(r.atMs().get(r.atMs().size() / 2)));
        }
    }
}
