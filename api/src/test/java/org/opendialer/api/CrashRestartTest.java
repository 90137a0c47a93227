package org.opendialer.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real node process: kill -9 and a restart over the same data directory; SIGTERM with a bounded stop. */
class CrashRestartTest {

    @TempDir
    Path tmp;

    @Test
    void afterKill9TheOrphanedPostgresIsTakenOverAndTheNewNodeServes() throws Exception {
        Path data = tmp.resolve("data");
        ProcessHandle orphan;
        try (ChildServer first = ChildServer.start(data, Map.of())) {
            assertThat(first.send("GET", "/health", null, null).statusCode()).isEqualTo(200);
            first.kill9();
            orphan = first.postgres().orElseThrow(() -> new AssertionError("kill -9 of the JVM leaves PostgreSQL running"));

            try (ChildServer second = ChildServer.start(data, Map.of())) {
                assertThat(orphan.onExit().get(30, TimeUnit.SECONDS).isAlive()).as("orphan stopped").isFalse();
                assertThat(second.postgres()).hasValueSatisfying(pg -> assertThat(pg.pid()).isNotEqualTo(orphan.pid()));
                String token = second.adminToken();
                HttpResponse<String> clients = second.send("GET", "/api/v2/oauth/clients", token, null);
                assertThat(clients.statusCode()).isEqualTo(200);
                assertThat(String.join("\n", second.output())).contains("no dialer holds it");

                // The command line attaches to the running node's database (with the password kept there).
                Process tool = cli(data, "client", "list");
                String out = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(tool.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(tool.exitValue()).as(out).isZero();
                assertThat(out).contains(ChildServer.ADMIN_ID);
                assertThat(second.send("GET", "/health", null, null).statusCode()).as("node still serves").isEqualTo(200);
            }
        }
    }

    @Test
    void sigtermStopsWithin10SecondsAndLeavesNoPostgresRunning() throws Exception {
        Path data = tmp.resolve("data");
        try (ChildServer node = ChildServer.start(data, Map.of())) {
            ProcessHandle pg = node.postgres().orElseThrow();
            String token = node.adminToken();
            assertThat(node.send("GET", "/api/v2/oauth/clients", token, null).statusCode()).isEqualTo(200);

            Duration took = node.sigterm(Duration.ofSeconds(10));

            assertThat(took).isLessThan(Duration.ofSeconds(10));
            // The postmaster removes its pid file as its very last step; give its exit a moment to complete.
            try {
                pg.onExit().get(5, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("PostgreSQL " + pg.pid() + " still runs after the node exited; output:\n"
                        + String.join("\n", node.output()), e);
            }
            assertThat(ChildServer.postgresOf(data)).isEmpty();
            // "dialer: stopped", or "dialer: stopped (did not wait for: sip)" when a part overran its budget on a
            // loaded machine: the 10 s above is the promise, the budgets are how it is kept.
            assertThat(node.output()).anyMatch(l -> l.startsWith("dialer: stopped"));
        }
    }

    private Process cli(Path data, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ChildServer.mainCommand(List.of(), args)).directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("DIALER_"));
        pb.environment().put("DIALER_DATA_DIR", data.toString());
        return pb.start();
    }
}
