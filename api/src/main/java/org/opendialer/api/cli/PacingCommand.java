package org.opendialer.api.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.opendialer.campaign.pacing.DialingMode;
import org.opendialer.campaign.pacing.PacingConfig;
import org.opendialer.campaign.pacing.sim.SimParams;
import org.opendialer.campaign.pacing.sim.SimulationTable;
import org.opendialer.campaign.runner.PrioritySplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dialer pacing simulate}: the pacer against a simulated floor, in virtual time (see docs/PACING.md). */
@Command(name = "pacing", description = "Pacing of outbound campaigns.", subcommands = PacingCommand.Simulate.class)
public final class PacingCommand {

    @Command(name = "simulate", mixinStandardHelpOptions = true, description = {
        "Run each dialing mode over the same seeded shifts of simulated agents and contacts and print, per mode:",
        "dials per hour and per agent-hour, connected calls and talk minutes per agent-hour, agent utilisation",
        "(talk + wrap-up) and idle share, the abandon rate (mean, worst run, P(rate > cap) over the runs) and the",
        "share of time the governor held the pacer at 1:1 because the cap was reached. Virtual time: an 8 h",
        "shift of 20 agents takes well under a second.",
        "With --campaigns N, N campaigns of each mode share the agents, split by --priorities as the runner",
        "splits them (higher first, equal ones evenly); one row per mode and campaign (mode#i/pP); talk-min/ah",
        "is that campaign's talk over all agent-hours, idle is the pool's."})
    static final class Simulate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--mode", split = ",", paramLabel = "M",
                description = "modes to compare: preview, progressive, power, predictive, agentless "
                        + "(default: progressive,power,predictive)")
        List<String> modes = List.of("progressive", "power", "predictive");

        @Option(names = "--agents", description = "agents logged in (default ${DEFAULT-VALUE})")
        int agents = 20;

        @Option(names = "--answer-rate", paramLabel = "R", description = "share of calls a person answers "
                + "(default ${DEFAULT-VALUE})")
        double answerRate = 0.30;

        @Option(names = "--machine-rate", paramLabel = "R", description = "share answered by a machine "
                + "(default ${DEFAULT-VALUE})")
        double machineRate = 0.15;

        @Option(names = "--busy-rate", paramLabel = "R", description = "share busy or failed (default ${DEFAULT-VALUE})")
        double busyRate = 0.10;

        @Option(names = "--answer-time", paramLabel = "S", description = "mean seconds to answer (default ${DEFAULT-VALUE})")
        double answerTime = 8;

        @Option(names = "--talk", paramLabel = "S", description = "mean talk seconds (default ${DEFAULT-VALUE})")
        double talk = 150;

        @Option(names = "--wrap", paramLabel = "S", description = "mean wrap-up seconds (default ${DEFAULT-VALUE})")
        double wrap = 30;

        @Option(names = "--ring-time", paramLabel = "S", description = "seconds an unanswered call rings, at least 15 "
                + "(default ${DEFAULT-VALUE})")
        double ringTime = 25;

        @Option(names = "--cap", paramLabel = "PCT", description = "abandon cap, percent (default ${DEFAULT-VALUE})")
        double capPercent = 3;

        @Option(names = "--window", paramLabel = "W", description = "the cap's window: fcc (30 days), ofcom (24 h) or "
                + "an ISO-8601 duration such as PT48H (default ${DEFAULT-VALUE})")
        String window = "fcc";

        @Option(names = "--power-ratio", paramLabel = "X", description = "lines per idle agent in power mode "
                + "(default ${DEFAULT-VALUE})")
        double powerRatio = 2;

        @Option(names = "--lines", description = "agentless lines (default ${DEFAULT-VALUE})")
        int lines = 10;

        @Option(names = "--hours", description = "length of each simulated shift (default ${DEFAULT-VALUE})")
        double hours = 8;

        @Option(names = "--runs", description = "seeds per mode (default ${DEFAULT-VALUE})")
        int runs = 20;

        @Option(names = "--seed", description = "first seed; run i uses seed + i (default ${DEFAULT-VALUE})")
        long seed = 1;

        @Option(names = "--campaigns", description = "agent-mode campaigns sharing the agents (default ${DEFAULT-VALUE})")
        int campaigns = 1;

        @Option(names = "--priorities", split = ",", paramLabel = "P", description = "each campaign's priority, 1..5 "
                + "(5 the highest; default: 3 for each)")
        List<Integer> priorities;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            SimParams params;
            PacingConfig config;
            List<Integer> shared;
            List<DialingMode> chosen = new ArrayList<>();
            try {
                for (String m : modes) {
                    chosen.add(mode(m));
                }
                if (runs < 1) {
                    throw new IllegalArgumentException("--runs must be at least 1, got " + runs);
                }
                shared = shared(chosen);
                params = new SimParams(agents, answerRate, machineRate, busyRate, seconds(answerTime),
                        seconds(talk), seconds(wrap), Duration.ofSeconds(30), seconds(hours * 3600), seed);
                config = PacingConfig.defaults(DialingMode.PREDICTIVE)
                        .withAbandonCap(capPercent / 100, window(window))
                        .withRingTime(seconds(ringTime)).withPowerRatio(powerRatio).withAgentlessLines(lines);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("dialer pacing simulate: " + e.getMessage());
                return 2;
            }
            out.printf(Locale.ROOT, "%d agents, %.0f %% live answers (%.0f %% machines, %.0f %% busy), answer after"
                            + " %.0f s, talk %.0f s + wrap-up %.0f s, ring %.0f s; cap %.1f %% over %s;"
                            + " %d runs of %.1f h%n", agents, 100 * answerRate, 100 * machineRate, 100 * busyRate,
                    answerTime, talk, wrap, ringTime, capPercent, window, runs, hours);
            if (shared == null) {
                SimulationTable.print(SimulationTable.run(params, config, chosen, runs), out);
            } else {
                out.printf(Locale.ROOT, "%d campaigns of each mode share the agents, priorities %s%n", campaigns, shared);
                SimulationTable.print(SimulationTable.runShared(params, config, chosen, shared, PrioritySplit.of(shared),
                        runs), out);
            }
            out.flush();
            return 0;
        }

        /** The campaigns' priorities when several share the agents; null for one campaign alone. */
        private List<Integer> shared(List<DialingMode> chosen) {
            if (campaigns < 1) {
                throw new IllegalArgumentException("--campaigns must be at least 1, got " + campaigns);
            }
            List<Integer> p = priorities == null ? java.util.Collections.nCopies(campaigns, 3) : priorities;
            if (p.size() != campaigns) {
                throw new IllegalArgumentException("--priorities gives " + p.size() + " priorities for " + campaigns
                        + " campaigns");
            }
            if (campaigns == 1) {
                return null;
            }
            if (chosen.contains(DialingMode.AGENTLESS)) {
                throw new IllegalArgumentException("agentless campaigns share no agents: leave agentless out of --mode"
                        + " with --campaigns");
            }
            PrioritySplit.of(p); // 1..5, refused here rather than mid-run
            return p;
        }

        private static DialingMode mode(String name) {
            try {
                return DialingMode.valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown mode '" + name
                        + "'; one of preview, progressive, power, predictive, agentless");
            }
        }

        private static Duration window(String w) {
            return switch (w.toLowerCase(Locale.ROOT)) {
                case "fcc" -> PacingConfig.FCC_WINDOW;
                case "ofcom" -> PacingConfig.OFCOM_WINDOW;
                default -> {
                    try {
                        yield Duration.parse(w);
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("--window is fcc, ofcom or an ISO-8601 duration such as"
                                + " PT48H, got '" + w + "'");
                    }
                }
            };
        }

        private static Duration seconds(double s) {
            if (Double.isNaN(s) || s < 0 || s > 1e9) {
                throw new IllegalArgumentException("a duration in seconds must be between 0 and 1e9, got " + s);
            }
            return Duration.ofMillis(Math.round(s * 1000));
        }
    }
}
