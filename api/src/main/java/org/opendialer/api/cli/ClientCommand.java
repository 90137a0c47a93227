package org.opendialer.api.cli;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.opendialer.api.auth.ApiClient;
import org.opendialer.api.auth.ClientStore;
import org.opendialer.api.auth.NewClient;
import org.opendialer.api.auth.Scopes;
import org.opendialer.api.config.DialerConfig;
import org.opendialer.api.logging.LogSetup;
import org.opendialer.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dialer client create|list}: manage API clients straight in the database. Works whether or not the server
 * runs: with the embedded database it attaches to the running server's PostgreSQL, or starts it briefly.
 */
@Command(name = "client", description = "Manage OAuth2 API clients.",
        subcommands = {ClientCommand.Create.class, ClientCommand.ListClients.class})
public final class ClientCommand {

    @Command(name = "create", description = "Create an API client and print its id and secret (shown once).")
    static final class Create implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--scopes", required = true, split = ",", paramLabel = "SCOPE",
                description = "comma-separated scopes: ${COMPLETION-CANDIDATES}", completionCandidates = KnownScopes.class)
        List<String> scopes;

        @Option(names = "--name", defaultValue = "created from the command line", description = "what the client is for")
        String name;

        @Override
        public Integer call() throws Exception {
            Set<String> wanted = new LinkedHashSet<>(scopes);
            for (String s : wanted) {
                if (!Scopes.FOR_CLIENTS.contains(s)) {
                    System.err.println("dialer: unknown scope '" + s + "'; known scopes: " + String.join(", ", Scopes.FOR_CLIENTS));
                    return 2;
                }
            }
            return withStore(config, store -> {
                NewClient c = store.create(name, wanted);
                System.out.println("client_id:     " + c.client().clientId());
                System.out.println("client_secret: " + c.secret() + "   (shown once; only its hash is stored)");
                System.out.println("scopes:        " + String.join(" ", c.client().scopes()));
            });
        }
    }

    @Command(name = "list", description = "List API clients (never their secrets).")
    static final class ListClients implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() throws Exception {
            return withStore(config, store -> {
                for (ApiClient c : store.list(Integer.MAX_VALUE, 0)) {
                    System.out.printf("%-28s %-30s %s%s%n", c.clientId(), String.join(",", c.scopes()), c.name(),
                            c.disabled() ? " (disabled)" : "");
                }
            });
        }
    }

    static final class KnownScopes extends java.util.ArrayList<String> {
        KnownScopes() {
            super(Scopes.FOR_CLIENTS);
        }
    }

    interface StoreAction {
        void run(ClientStore store) throws Exception;
    }

    static int withStore(ConfigOption option, StoreAction action) throws Exception {
        DialerConfig config = option.loadOrReport();
        if (config == null) {
            return 2;
        }
        LogSetup.apply(config.logging());
        try (Database db = Database.openForTool(config.database())) {
            action.run(new ClientStore(db.dataSource()));
        }
        return 0;
    }
}
