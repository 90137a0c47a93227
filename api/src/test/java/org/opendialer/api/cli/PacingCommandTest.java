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
