package org.opendialer.api.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dialer config check}: validates the configuration without starting anything. */
@Command(name = "config", description = "Configuration tools.", subcommands = ConfigCommand.Check.class)
public final class ConfigCommand {

    @Command(name = "check", description = "Validate the configuration and exit (0 = valid, 2 = invalid).")
    static final class Check implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            if (config.loadOrReport() == null) {
                return 2;
            }
            System.out.println("configuration OK (" + (config.resolve() == null ? "built-in defaults" : config.resolve()) + ")");
            return 0;
        }
    }
}
