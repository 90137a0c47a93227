package org.opendialer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.auth.NewClient;
import org.opendialer.api.server.DialerServer;
import org.opendialer.store.DatabaseException;
import org.slf4j.LoggerFactory;

/** Start, restart, failed start and SIGTERM of whole nodes. */
class ServerLifecycleTest {

    @TempDir
    Path tmp;

    @Test
    void firstStartCreatesAnAdminOnceAndRestartKeepsIt() throws Exception {
        Path data = tmp.resolve("pg");
        NewClient admin;
        try (DialerServer first = TestServers.start(data, Map.of())) {
            assertThat(first.createdAdmin()).isPresent();
            admin = first.createdAdmin().get();
        }
        try (DialerServer second = TestServers.start(data, Map.of())) {
            assertThat(second.createdAdmin()).isEmpty();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + second.apiPort() + "/oauth/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                            + admin.client().clientId() + "&client_secret=" + admin.secret())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("the admin created at first start survives the restart").isEqualTo(200);
        }
    }

    @Test
    void stopEndsIntakeFirstThenDrainsCallsAndMessagingAndClosesTheDatabaseLast() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger stops = ctx.getLogger("org.opendialer.api.server.StopSequence");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(ctx);
        captured.start();
        Level level = stops.getLevel();
        stops.setLevel(Level.DEBUG);
        stops.addAppender(captured);
        try {
            TestServers.start(tmp.resolve("pg-order"), Map.of()).stop();
        } finally {
            stops.detachAppender(captured);
            stops.setLevel(level);
        }
        // "X stopped in N ms", or a warning naming X when it failed or overran: either way X's turn came then
        List<String> order = captured.list.stream().map(e -> String.valueOf(e.getArgumentArray()[0])).toList();
        System.out.println("stop order: " + order);
        assertThat(order.getFirst()).as("intake (the API) first").isEqualTo("http");
        assertThat(order.indexOf("calls and messaging")).as("calls hung up, messaging drained, before SIP and media")
                .isPositive().isLessThan(order.indexOf("sip")).isLessThan(order.indexOf("media"))
                .isLessThan(order.indexOf("webhooks"));
        assertThat(order.subList(order.indexOf("database") + 1, order.size())).as("the database after every part that"
                + " uses it").containsOnly("metrics");
    }

    @Test
    void failedStartLeavesNothingRunning() {
        Path data = tmp.resolve("pg-busy");
        try (DialerServer running = TestServers.start(data, Map.of())) {
            assertThatThrownBy(() -> TestServers.start(data, Map.of())).isInstanceOf(DatabaseException.class);
            assertThat(running.apiPort()).isPositive();
        }
        // The data directory is free again: both the failed and the stopped node released it.
        try (DialerServer again = TestServers.start(data, Map.of())) {
            assertThat(again.apiPort()).isPositive();
        }
    }

    private Process launch(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ChildServer.mainCommand(List.of(), args)).directory(tmp.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("DIALER_"));
        pb.environment().putAll(env);
        return pb.start();
    }

    @Test
    void badConfigurationExitsWithOneClearLineAndStartsNothing() throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "media:\n  rtpPortMin: 20001\n");
        Process p = launch(Map.of("DIALER_DATA_DIR", tmp.resolve("never").toString()), "up", "--config", bad.toString());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(p.getErrorStream().readAllBytes()).strip();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(err).isEqualTo("dialer: invalid configuration: " + bad + ": media.rtpPortMin: must be even (RTP even, RTCP odd), was 20001");
        assertThat(tmp.resolve("never")).doesNotExist();
    }

    @Test
    void sigtermShutsDownGracefully() throws Exception {
        Path data = tmp.resolve("pg-term");
        try (ChildServer node = ChildServer.start(data, Map.of())) {
            HttpResponse<String> health = node.send("GET", "/health", null, null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(node.postgres()).as("embedded PostgreSQL running").isPresent();

            node.sigterm(java.time.Duration.ofSeconds(60));
            assertThat(String.join("\n", node.output())).contains("dialer: stopping (graceful shutdown)").contains("dialer: stopped");
            assertThat(node.postgres()).as("embedded PostgreSQL stopped").isEmpty();
            assertThat(data.resolve("postmaster.pid")).doesNotExist();
        }
    }
}
