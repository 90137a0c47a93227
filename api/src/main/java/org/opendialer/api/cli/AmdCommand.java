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
        "matrix per detector and, last, accuracy=… human_as_machine=… machine_as_human=… p50_decision_ms=…",
        "p90_decision_ms=… files=…",
        "Usage: dialer amd eval --labels FILE.csv [--labels MORE.csv] [--json]"})
    static final class Eval implements Callable<Integer> {
        @Unmatched
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() {
            return AmdEval.run(args.toArray(String[]::new), System.out);
        }
    }
}
