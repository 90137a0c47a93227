package org.opendialer.api.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.opendialer.amd.eval.AmdEval;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code dialer amd eval}: the AMD decision bench over labelled WAV files (see the amd module's README). */
@Command(name = "amd", description = "Answering-machine detection tools.", subcommands = AmdCommand.Eval.class)
public final class AmdCommand {

    @Command(name = "eval", description = {
        "Run our detector and the Asterisk app_amd-style baseline over labelled WAV files and print a confusion",
        "matrix per detector, real and generated parts apart, the curve of the sensitivity presets and, last,",
        "accuracy=… human_as_machine=… machine_as_human=… p50_decision_ms=… p90_decision_ms=… files=…",
        "--sensitivity conservative|balanced|aggressive  preset of ours (default balanced)",
        "--cv source  leave-one-source-out: choose the preset on every other source, score on the held-out one;",
        "             prints each source and the worst",
        "Usage: dialer amd eval --labels FILE.csv [--labels MORE.csv] [--sensitivity P] [--cv source] [--json]"})
    static final class Eval implements Callable<Integer> {
        @Unmatched
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() {
            return AmdEval.run(args.toArray(String[]::new), System.out);
        }
    }
}
