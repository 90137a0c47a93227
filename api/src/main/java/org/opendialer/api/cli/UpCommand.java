package org.opendialer.api.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.opendialer.api.config.ConfigException;
import org.opendialer.api.config.DialerConfig;
import org.opendialer.api.demo.DemoNode;
import org.opendialer.api.logging.LogSetup;
import org.opendialer.api.server.DialerServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dialer up}: validates the configuration, starts the node, prints where it listens, and runs until
 * SIGTERM/SIGINT, when it shuts down gracefully. Exit codes: 2 invalid configuration, 1 start failed.
 */
@Command(name = "up", description = "Start the server (embedded PostgreSQL unless a database URL is configured).")
public final class UpCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--demo", description = "also start the demo carrier (a simulated PSTN on loopback), a trunk to it"
            + " and demo data, then print what to try (docs/DEMO.md)")
    boolean demo;

    @Option(names = "--demo-patterns", paramLabel = "FILE", description = "with --demo: the carrier's pattern table"
            + " (one '<regex> <behaviour> [key=<digit>] [ring=<seconds>]' a line; default in docs/DEMO.md)")
    Path demoPatterns;

    @Override
    public Integer call() throws InterruptedException {
        long t0 = System.nanoTime();
        DialerConfig cfg = config.loadOrReport();
        if (cfg == null) {
            return 2;
        }
        if (demoPatterns != null && !demo) {
            System.err.println("dialer: --demo-patterns goes with --demo");
            return 2;
        }
        LogSetup.apply(cfg.logging());
        DialerServer server;
        DemoNode demoNode = null;
        try {
            if (demo) {
                demoNode = DemoNode.start(cfg, System.getenv(), demoPatterns == null ? null : Files.readString(demoPatterns));
                server = demoNode.server();
            } else {
                server = DialerServer.start(cfg, System.getenv());
            }
        } catch (IOException e) {
            System.err.println("dialer: cannot read --demo-patterns: " + e.getMessage());
            return 2;
        } catch (ConfigException e) {
            ConfigOption.report(e);
            return 2;
        } catch (RuntimeException e) {
            System.err.println("dialer: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        DemoNode node = demoNode;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("dialer: stopping (graceful shutdown)");
            List<String> late = node != null ? node.stop() : server.stop();
            System.out.println(late.isEmpty() ? "dialer: stopped"
                    : "dialer: stopped (did not wait for: " + String.join(", ", late) + ")");
            stopped.countDown();
        }, "shutdown"));
        Banner.print(System.out, server, (System.nanoTime() - t0) / 1_000_000);
        if (node != null) {
            node.printNextSteps(System.out);
        }
        stopped.await();
        return 0;
    }

    /** What an operator needs right after start: addresses, database, and how to get a token. */
    static final class Banner {
        private Banner() {
        }

        static void print(PrintStream out, DialerServer server, long startMillis) {
            DialerConfig c = server.config();
            String base = server.apiBaseUrl();
            out.println();
            out.println("opendialer is up (started in " + startMillis + " ms)");
            out.println("  API       " + base + "/api/v2   (reference: " + base + "/docs)");
            out.println("  Web       " + base + "/");
            out.println("  Health    " + base + "/health      Metrics " + base + "/metrics");
            out.println("  SIP       " + String.join("/", c.sip().transports()) + " " + c.sip().bindAddress() + ":"
                    + server.sipPort() + "   (" + c.sip().trunks().size() + " trunk(s); agents register with realm "
                    + DialerServer.SIP_REALM + ")");
            out.println("  RTP       " + c.media().bindAddress() + " ports " + c.media().rtpPortMin() + "-"
                    + c.media().rtpPortMax());
            out.println("  Database  " + server.databaseDescription());
            server.createdAdmin().ifPresentOrElse(admin -> {
                out.println();
                out.println("  An admin API client was created. Its secret is shown this once; keep it:");
                out.println("    client_id     " + admin.client().clientId());
                out.println("    client_secret " + admin.secret());
                out.println("  Get a token:");
                out.println("    curl -s -u " + admin.client().clientId() + ":" + admin.secret()
                        + " -d grant_type=client_credentials " + base + "/oauth/token");
            }, () -> {
                out.println("  Get a token (admin client printed at first start, or seeded from DIALER_ADMIN_CLIENT_ID/_SECRET;");
                out.println("  more clients: ./dialer client create --scopes calls,campaigns):");
                out.println("    curl -s -u CLIENT_ID:CLIENT_SECRET -d grant_type=client_credentials " + base + "/oauth/token");
            });
            out.println("  Stop with Ctrl-C or SIGTERM.");
            out.println();
        }
    }
}
