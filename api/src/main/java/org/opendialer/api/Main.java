package org.opendialer.api;

import org.opendialer.api.cli.AgentCommand;
import org.opendialer.api.cli.AmdCommand;
import org.opendialer.api.cli.ClientCommand;
import org.opendialer.api.cli.ConfigCommand;
import org.opendialer.api.cli.PacingCommand;
import org.opendialer.api.cli.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dialer} command line; {@code ./dialer} at the repository root builds and runs it. */
@Command(name = "dialer", mixinStandardHelpOptions = true, version = "opendialer 0.1.0",
        description = "Telephony server: outbound dialer, AMD, IVR, notifications.",
        subcommands = {UpCommand.class, ClientCommand.class, ConfigCommand.class, AmdCommand.class, AgentCommand.class,
                PacingCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
