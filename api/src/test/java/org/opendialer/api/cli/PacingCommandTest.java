package org.opendialer.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.opendialer.api.Main;
import picocli.CommandLine;

/** {@code dialer pacing simulate} through the real command line, as the launcher runs it. */
class PacingCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void printsOneRowPerModeWithTheAbandonRate() {
        int code = run("pacing", "simulate", "--agents", "10", "--answer-rate", "0.2", "--hours", "2", "--runs", "2",
                "--mode", "progressive,predictive,agentless", "--lines", "15");
        assertThat(code).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text).contains("10 agents, 20 % live answers").contains("cap 3.0 % over fcc; 2 runs of 2.0 h");
        assertThat(text.lines().filter(l -> l.startsWith("progressive ") || l.startsWith("predictive ")
                || l.startsWith("agentless "))).hasSize(3);
        assertThat(text.lines().findFirst().orElseThrow()).isNotBlank();
        assertThat(text).contains("abandon").contains("P(>cap)").contains("talkmin/ah");
    }

    @Test
    void twoCampaignsSharingTheAgentsPrintOneRowEachAndTheHigherPriorityTalksMore() {
        int code = run("pacing", "simulate", "--mode", "predictive", "--campaigns", "2", "--priorities", "5,3",
                "--hours", "2", "--runs", "2");
        assertThat(code).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text).contains("2 campaigns of each mode share the agents, priorities [5, 3]");
        java.util.List<String> rows = text.lines().filter(l -> l.startsWith("predictive#")).toList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).startsWith("predictive#1/p5");
        assertThat(rows.get(1)).startsWith("predictive#2/p3");
        // columns: mode dials/h dials/ah calls/ah talkmin/ah ...
        assertThat(Double.parseDouble(rows.get(0).split("\\s+")[4])).isGreaterThan(Double.parseDouble(rows.get(1).split("\\s+")[4]));
    }

    @Test
    void sharedRunsRefuseAgentlessAndAMismatchedPriorityList() {
        assertThat(run("pacing", "simulate", "--mode", "agentless", "--campaigns", "2")).isEqualTo(2);
        assertThat(err.toString()).contains("agentless campaigns share no agents");
        assertThat(run("pacing", "simulate", "--campaigns", "2", "--priorities", "5")).isEqualTo(2);
        assertThat(err.toString()).contains("--priorities gives 1 priorities for 2 campaigns");
        assertThat(run("pacing", "simulate", "--campaigns", "2", "--priorities", "9,1")).isEqualTo(2);
        assertThat(err.toString()).contains("priority is 1..5");
    }

    @Test
    void aRingTimeUnderFifteenSecondsIsRefused() {
        assertThat(run("pacing", "simulate", "--ring-time", "12", "--runs", "1", "--hours", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("ringTime must be at least 15 s");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void badModesAndWindowsAreRefusedWithTheChoices() {
        assertThat(run("pacing", "simulate", "--mode", "turbo")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown mode 'turbo'").contains("predictive");
        assertThat(run("pacing", "simulate", "--window", "monthly")).isEqualTo(2);
        assertThat(err.toString()).contains("--window is fcc, ofcom or an ISO-8601 duration");
    }
}
