package org.opendialer.api.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.Scrape;
import org.opendialer.api.TestServers;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.server.DialerServer;

/**
 * What an operator watches, from a real node: {@code /metrics} after a real call to a SIPp carrier (names and
 * values), the Grafana dashboard's queries against that scrape, and {@code /health/ready} following a trunk's
 * OPTIONS keep-alive as its SIPp peer dies and comes back.
 */
class OperationsScenarioTest {

    @TempDir
    static Path tmp;
    static DialerServer server;
    static String base;
    static String token;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static int humanPort;
    static int probedPort;

    @BeforeAll
    static void start() throws Exception {
        humanPort = Carrier.freePort();
        probedPort = Carrier.freePort();
        Path conf = tmp.resolve("dialer.yaml");
        Files.writeString(conf, """
                sip:
                  port: 0
                  trunks:
                    - { name: human, host: 127.0.0.1, port: %d, maxChannels: 5, maxCallsPerSecond: 10, defaultRegion: US, group: human }
                    - { name: probed, host: 127.0.0.1, port: %d, maxChannels: 2, maxCallsPerSecond: 3, group: carrier-b, keepAliveSeconds: 1 }
                """.formatted(humanPort, probedPort));
        var config = new ConfigLoader().load(conf, Map.of("DIALER_API_PORT", "0", "DIALER_DATA_DIR",
                tmp.resolve("pg").toString()));
        server = DialerServer.start(config, Map.of("DIALER_ADMIN_CLIENT_ID", "admin",
                "DIALER_ADMIN_CLIENT_SECRET", "admin-secret-0123456789"));
        base = "http://127.0.0.1:" + server.apiPort();
        token = TestServers.token(base, "admin", "admin-secret-0123456789");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRealCallShowsOnMetricsAndEveryDashboardQueryFindsItsMetric() throws Exception {
        Scrape before = Scrape.of(base);
        String hello = audio();
        try (Carrier carrier = Carrier.start("carrier-human.xml", humanPort, 1,
                Map.of("human_wav", hello, "dtmf_pcap", "/usr/share/sip-tester/dtmf_2833_1.pcap"))) {
            JsonObject call = placeAndAwait();
            assertThat(call.getString("outcome")).as(call.encodePrettily()).isEqualTo("human");
            assertThat(carrier.await(20)).as(carrier.errors()).isZero();
        }
        Scrape after = Scrape.of(base);
        // the scrape after one call, in the test's output for whoever reads a failure (or writes release notes)
        System.out.println(String.join("\n", after.names().stream().filter(n -> n.startsWith("dialer_s")
                || n.startsWith("dialer_t") || n.startsWith("dialer_c") || n.startsWith("dialer_a")
                || n.startsWith("dialer_m")).map(after::lines).toList()));
        assertThat(delta(before, after, "dialer_sip_invites_total", "direction=out")).isEqualTo(1);
        assertThat(delta(before, after, "dialer_sip_responses_total", "method=INVITE", "class=1xx")).isEqualTo(1);
        assertThat(delta(before, after, "dialer_sip_responses_total", "method=INVITE", "class=2xx")).isEqualTo(1);
        assertThat(delta(before, after, "dialer_sip_responses_total", "method=BYE", "class=2xx")).isEqualTo(1);
        assertThat(delta(before, after, "dialer_trunk_attempts_total", "trunk=human")).isEqualTo(1);
        assertThat(after.value("dialer_trunk_channels_in_use", "trunk=human")).isZero();
        assertThat(after.value("dialer_trunk_channels_capacity", "trunk=human", "group=human")).isEqualTo(5);
        assertThat(after.value("dialer_trunk_calls_per_second_max", "trunk=probed")).isEqualTo(3);
        assertThat(after.value("dialer_trunk_up", "trunk=human")).isEqualTo(1);
        assertThat(after.value("dialer_sip_legs_active")).isZero();
        assertThat(delta(before, after, "dialer_calls_finished_total", "outcome=HUMAN", "disposition=NORMAL"))
                .as(after.lines("dialer_calls_finished_total")).isEqualTo(1);
        assertThat(delta(before, after, "dialer_amd_decision_seconds_count", "result=HUMAN")).isEqualTo(1);
        assertThat(after.value("dialer_amd_decision_seconds_sum", "result=HUMAN")).isPositive();
        assertThat(after.value("dialer_amd_decision_seconds_bucket", "result=HUMAN", "le=+Inf")).isEqualTo(1);
        // "Hello?" streams for about 4.3 s and the prompt plays back: a couple of hundred packets each way
        assertThat(delta(before, after, "dialer_media_packets_total", "direction=in")).isGreaterThan(150);
        assertThat(delta(before, after, "dialer_media_packets_total", "direction=out")).isGreaterThan(150);
        assertThat(after.value("dialer_media_sessions_active")).isZero();
        assertThat(after.has("dialer_media_packets_lost_total")).isTrue();
        assertThat(after.has("dialer_media_frames_concealed_total")).isTrue();
        assertThat(after.has("dialer_media_jitter_max_seconds")).isTrue();
        assertThat(after.has("dialer_media_ticks_skipped_total")).isTrue();
        assertThat(after.has("dialer_media_frames_discarded_total")).isTrue();

        List<String> queried = dashboardMetrics();
        assertThat(queried).hasSizeGreaterThan(20);
        assertThat(queried).as("metrics the dashboard queries that this node does not expose")
                .allSatisfy(name -> assertThat(after.names()).contains(name));
    }

    @Test
    void readinessGoesRedWhenTheTrunkPeerDiesAndGreenWhenItReturns() throws Exception {
        try (Carrier peer = Carrier.start("trunk-options.xml", probedPort, 100_000, Map.of())) {
            JsonObject ready = awaitReady(200);
            assertThat(ready.getJsonObject("checks").getString("trunkGroup.carrier-b")).isEqualTo("UP");
            assertThat(ready.getJsonObject("checks").getString("trunkGroup.human")).isEqualTo("UP");
            assertThat(ready.getJsonObject("checks").getString("database")).isEqualTo("UP");
        }
        JsonObject down = awaitReady(503);
        assertThat(down.getString("status")).isEqualTo("DOWN");
        assertThat(down.getJsonObject("checks").getString("trunkGroup.carrier-b")).isEqualTo("DOWN");
        assertThat(down.getJsonObject("checks").getString("trunkGroup.human")).isEqualTo("UP");
        assertThat(Scrape.of(base).value("dialer_trunk_up", "trunk=probed")).isZero();
        assertThat(health("/health").statusCode()).as("/health: the database only").isEqualTo(200);
        assertThat(health("/health/live").statusCode()).isEqualTo(200);

        try (Carrier peer = Carrier.start("trunk-options.xml", probedPort, 100_000, Map.of())) {
            assertThat(awaitReady(200).getJsonObject("checks").getString("trunkGroup.carrier-b")).isEqualTo("UP");
            assertThat(Scrape.of(base).value("dialer_trunk_up", "trunk=probed")).isEqualTo(1);
        }
    }

    /** Every metric name in the expressions of conf/grafana/opendialer.json (histogram suffixes included). */
    static List<String> dashboardMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("../conf/grafana/opendialer.json").toFile());
        TreeSet<String> names = new TreeSet<>();
        Pattern metric = Pattern.compile("\\b((?:dialer|jvm|process|http|hikaricp|vertx)_[a-z0-9_]+)\\b");
        for (JsonNode expr : dashboard.findValues("expr")) {
            Matcher m = metric.matcher(expr.asText());
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return new ArrayList<>(names);
    }

    static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    static JsonObject awaitReady(int status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        HttpResponse<String> r = health("/health/ready");
        while (r.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(200);
            r = health("/health/ready");
        }
        assertThat(r.statusCode()).as("/health/ready within 20 s: " + r.body()).isEqualTo(status);
        return new JsonObject(r.body());
    }

    static HttpResponse<String> health(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The callee's "Hello?" then silence, as CallsScenarioTest's human carrier says it. */
    static String audio() throws Exception {
        Path out = tmp.resolve("human.wav");
        Process p = new ProcessBuilder("bash", "-c", "espeak-ng -w " + tmp.resolve("raw.wav") + " Hello? && sox "
                + tmp.resolve("raw.wav") + " -r 8000 -c 1 -e u-law " + out + " pad 0.3 4").redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("espeak-ng and sox: " + log).isZero();
        return out.toString();
    }

    static JsonObject placeAndAwait() throws Exception {
        JsonObject request = new JsonObject().put("to", "2015550141").put("trunkGroup", "human").put("amd", "on")
                .put("human", new JsonObject().put("text", "Hello, press 1 to confirm."));
        HttpResponse<String> placed = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/calls"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.encode())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        String id = new JsonObject(placed.body()).getString("id");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonObject call = new JsonObject(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/calls/" + id))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
            if (call.getString("state").equals("completed") || call.getString("state").equals("failed")) {
                return call;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("call " + id + " did not finish within 60 s");
    }
}
