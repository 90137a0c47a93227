package org.opendialer.campaign.pacing.sim;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.opendialer.campaign.pacing.DialingMode;
import org.opendialer.campaign.pacing.PacingConfig;

/**
 * Runs each mode over the same seeds and prints one row per mode: means over the runs, and for the abandon rate
 * also the worst run and P(rate > cap), the share of runs over the cap.
 */
public final class SimulationTable {

    /** One mode's runs (of one campaign, {@code label}, when several share the agents). */
    public record Row(String label, DialingMode mode, List<SimResult> runs, double cap) {

        public Row(DialingMode mode, List<SimResult> runs, double cap) {
            this(mode.name().toLowerCase(Locale.ROOT), mode, runs, cap);
        }

        public double mean(ToDoubleFunction<SimResult> f) {
            return runs.stream().mapToDouble(f).average().orElse(0);
        }

        public double worstAbandonRate() {
            return runs.stream().mapToDouble(SimResult::abandonRate).max().orElse(0);
        }

        /** Share of runs whose abandon rate exceeded the cap. */
        public double overCap() {
            return runs.stream().filter(r -> r.abandonRate() > cap).count() / (double) runs.size();
        }
    }

    private SimulationTable() {
    }

    /** Runs {@code runs} seeds (params.seed(), +1, ...) of each mode with {@code base} changed only in its mode. */
    public static List<Row> run(SimParams params, PacingConfig base, List<DialingMode> modes, int runs) {
        List<Row> rows = new ArrayList<>();
        for (DialingMode mode : modes) {
            List<SimResult> results = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                results.add(PacingSimulator.run(params.withSeed(params.seed() + i), base.withMode(mode)));
            }
            rows.add(new Row(mode, results, base.abandonCap()));
        }
        return rows;
    }

    /**
     * Runs {@code runs} seeds of each mode with {@code priorities.size()} campaigns of that mode sharing the agents,
     * split by {@code split} (the runner's policy for those priorities): one row per mode and campaign.
     */
    public static List<Row> runShared(SimParams params, PacingConfig base, List<DialingMode> modes,
                                      List<Integer> priorities, AgentSplit split, int runs) {
        List<Row> rows = new ArrayList<>();
        for (DialingMode mode : modes) {
            List<SimCampaign> campaigns = priorities.stream().map(p -> SimCampaign.of(base.withMode(mode))).toList();
            List<List<SimResult>> byCampaign = new ArrayList<>();
            priorities.forEach(p -> byCampaign.add(new ArrayList<>()));
            for (int i = 0; i < runs; i++) {
                List<SimResult> r = PacingSimulator.run(params.withSeed(params.seed() + i), campaigns, split);
                for (int c = 0; c < r.size(); c++) {
                    byCampaign.get(c).add(r.get(c));
                }
            }
            for (int c = 0; c < priorities.size(); c++) {
                rows.add(new Row(mode.name().toLowerCase(Locale.ROOT) + "#" + (c + 1) + "/p" + priorities.get(c), mode,
                        byCampaign.get(c), base.abandonCap()));
            }
        }
        return rows;
    }

    public static void print(List<Row> rows, PrintWriter out) {
        out.printf(Locale.ROOT, "%-16s %8s %9s %9s %10s %7s %7s %8s %8s %8s %7s%n", "mode", "dials/h", "dials/ah",
                "calls/ah", "talkmin/ah", "util", "idle", "abandon", "worst", "P(>cap)", "capped");
        for (Row r : rows) {
            boolean agents = r.mode() != DialingMode.AGENTLESS;
            out.printf(Locale.ROOT, "%-16s %8.0f %9s %9s %10s %7s %7s %7.2f%% %7.2f%% %8.2f %6.1f%%%n",
                    r.label(), r.mean(SimResult::dialsPerHour),
                    agents ? fmt(r.mean(SimResult::dialsPerAgentHour)) : "-",
                    agents ? fmt(r.mean(SimResult::callsPerAgentHour)) : "-",
                    agents ? fmt(r.mean(SimResult::talkMinutesPerAgentHour)) : "-",
                    agents ? pct(r.mean(SimResult::utilisation)) : "-",
                    agents ? pct(r.mean(SimResult::idleShare)) : "-",
                    100 * r.mean(SimResult::abandonRate), 100 * r.worstAbandonRate(), r.overCap(),
                    100 * r.mean(SimResult::cappedShare));
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
