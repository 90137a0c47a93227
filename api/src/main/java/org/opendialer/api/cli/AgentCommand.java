package org.opendialer.api.cli;

import java.util.concurrent.Callable;
import org.opendialer.acd.agents.AgentCredentials;
import org.opendialer.api.config.DialerConfig;
import org.opendialer.api.logging.LogSetup;
import org.opendialer.api.server.DialerServer;
import org.opendialer.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dialer agent set USER}: SIP credentials of an agent phone (stored as HA1, never the password). */
@Command(name = "agent", description = "Manage agent phones' SIP credentials.", subcommands = AgentCommand.Set.class)
public final class AgentCommand {

    @Command(name = "set", description = "Create or change an agent's SIP password (phones register with it).")
    static final class Set implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Parameters(index = "0", paramLabel = "USER", description = "SIP user name, e.g. 1001")
        String user;

        @Option(names = "--password", required = true, interactive = true, arity = "0..1",
                description = "at least 8 characters; asked for when given without a value")
        char[] password;

        @Override
        public Integer call() {
            DialerConfig c = config.loadOrReport();
            if (c == null) {
                return 2;
            }
            LogSetup.apply(c.logging());
            try (Database db = Database.openForTool(c.database())) {
                new AgentCredentials(db.dataSource(), DialerServer.SIP_REALM).set(user, new String(password));
            } catch (IllegalArgumentException e) {
                System.err.println("dialer: " + e.getMessage());
                return 2;
            }
            System.out.println("agent " + user + " can register at sip:" + user + "@" + c.sip().bindAddress() + ":"
                    + c.sip().port() + " (realm " + DialerServer.SIP_REALM + ")");
            return 0;
        }
    }
}
