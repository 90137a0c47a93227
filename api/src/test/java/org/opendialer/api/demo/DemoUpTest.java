package org.opendialer.api.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.ChildServer;
import org.opendialer.api.config.ConfigException;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.config.DialerConfig;
import org.opendialer.demo.Behaviour;
import org.opendialer.media.MediaConfig;

/**
 * {@code ./dialer up --demo}: the entry point ({@code Main up --demo}, as the launcher runs it) comes up with the
 * carrier, the command it prints places a call through the API that completes, SIGTERM stops it; a restart on the
 * same data ({@link DemoNode#start}, what {@code UpCommand} calls) finds the demo data and still works.
 */
class DemoUpTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    @Test
    void dialerUpDemoComesUpAndThePrintedCommandCompletesACallThroughTheApi() throws Exception {
        Path conf = tmp.resolve("dialer.yaml");
        Files.writeString(conf, "sip:\n  port: 0\n");
        ProcessBuilder pb = new ProcessBuilder(ChildServer.mainCommand(List.of(), "up", "--demo",
                "--config", conf.toString())).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("up.log").toFile());
        pb.environment().put("DIALER_API_PORT", "0");
        pb.environment().put("DIALER_DATA_DIR", tmp.resolve("data/postgres").toString());
        Process up = pb.start();
        try {
            String printed = awaitLog(up, "Next, in another terminal");
            assertThat(printed).contains("opendialer is up", "Demo carrier", "contact list 'demo' (10 numbers)",
                    "flow 'demo-welcome'", "DID +12015550199", "curl -s -u demo:");
            String command = printed.lines().filter(l -> l.strip().startsWith("sh ")).findFirst().orElseThrow().strip();
            assertThat(command).as("relative to where ./dialer runs").isEqualTo("sh data/demo/calls.sh");

            String out = run(command + " +12015550102");
            assertThat(out).as(out).contains("+12015550102", "\"state\":\"completed\"", "\"outcome\":\"human\"",
                    "\"keyPressed\":\"1\"", "\"result\":\"human\"");
        } finally {
            up.destroy(); // SIGTERM: the graceful stop
            assertThat(up.waitFor(15, TimeUnit.SECONDS)).as(Files.readString(tmp.resolve("up.log"))).isTrue();
        }
        assertThat(Files.readString(tmp.resolve("up.log"))).contains("dialer: stopped");
    }

    @Test
    void aRestartOnTheSameDataFindsTheDemoDataAndRenewsTheSecret() throws Exception {
        DialerConfig config = config();
        String firstScript;
        try (DemoNode node = DemoNode.start(config, Map.of(), null)) {
            firstScript = Files.readString(node.script());
        }
        try (DemoNode again = DemoNode.start(config, Map.of(), null)) {
            assertThat(nextSteps(again)).contains("contact list 'demo' (10 numbers)", "flow 'demo-welcome'");
            assertThat(Files.readString(again.script())).as("a new secret each start").isNotEqualTo(firstScript);
            String out = run("sh " + again.script() + " +12015550105");
            assertThat(out).as(out).contains("\"state\":\"failed\"", "\"disposition\":\"busy\"", "\"sipStatus\":486");
            assertThat(again.carrier().counts().offered(Behaviour.BUSY)).isEqualTo(1);

            // the demo client sees the demo data through the API
            String base = again.server().apiBaseUrl();
            String basic = Base64.getEncoder().encodeToString((DemoData.CLIENT_ID + ":"
                    + again.data().client().secret()).getBytes(StandardCharsets.UTF_8));
            String token = new JsonObject(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
                    .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).getString("access_token");
            for (String[] check : new String[][] {{"/api/v2/outbound/contactlists", "\"name\":\"demo\""},
                    {"/api/v2/flows", "\"name\":\"demo-welcome\""}}) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + check[0]))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(r.body()).contains(check[1]);
            }
        }
    }

    /**
     * The demo campaign, started over the API by the script the banner prints, ends with each pattern's expected
     * result in its attempts; a restart finds the same campaign (one, by name).
     */
    @Test
    void theDemoCampaignStartedThroughTheApiEndsWithEachPatternsResult() throws Exception {
        DialerConfig config = config();
        java.util.UUID first;
        try (DemoNode node = DemoNode.start(config, Map.of(), null)) {
            first = node.data().campaign().id();
        }
        try (DemoNode node = DemoNode.start(config, Map.of(), null)) {
            assertThat(node.data().campaign().id()).as("created once, found again").isEqualTo(first);
            assertThat(nextSteps(node)).contains("sh " + node.campaignScript(), "DEMO SETTING", DemoData.ANY_HOUR,
                    "/api/v2/outbound/campaigns/" + first);
            assertThat(run("sh " + node.campaignScript() + " dryrun")).contains("\"dialed\":true");

            String out = run("sh " + node.campaignScript());
            assertThat(out).as(out).contains("status complete");
            Map<String, String> byNumber = new java.util.HashMap<>();
            out.lines().filter(l -> l.contains("\"number\":\"+1201555")).forEach(l ->
                    byNumber.merge(l.replaceAll(".*\"number\":\"(\\+\\d+)\".*", "$1"), l, (a, b) -> a + " | " + b));
            assertThat(byNumber).as(out).hasSize(10);
            byNumber.values().forEach(l -> assertThat(l).as("one attempt a number: " + out).doesNotContain(" | "));
            for (String n : new String[] {"0", "1", "2"}) {
                // a person: the message; AMD human (or unknown for a quiet real recording, which gets the same)
                assertThat(byNumber.get("+1201555010" + n)).as(out).contains("\"result\":\"human\"")
                        .containsAnyOf("\"amd\":\"HUMAN\"", "\"amd\":\"UNKNOWN\"");
            }
            for (String n : new String[] {"3", "4"}) {
                assertThat(byNumber.get("+1201555010" + n)).as(out).contains("\"result\":\"machineMessage\"", "\"amd\":\"MACHINE\"");
            }
            assertThat(byNumber.get("+12015550105")).as(out).contains("\"result\":\"busy\"", "\"sipStatus\":486", "\"q850\":17");
            assertThat(byNumber.get("+12015550106")).as(out).contains("\"result\":\"noAnswer\"");
            assertThat(byNumber.get("+12015550107")).as(out).contains("\"result\":\"sitDisconnected\"");
            assertThat(byNumber.get("+12015550108")).as(out).contains("\"result\":\"failed\"", "\"amd\":\"FAX\"");
            assertThat(byNumber.get("+12015550109")).as(out).contains("\"result\":\"failed\"", "\"sipStatus\":502", "\"q850\":27");
            assertThat(run("sh " + node.campaignScript() + " dryrun")).as("each number had its one attempt: nobody is dialled again")
                    .doesNotContain("\"dialed\":true");
        }
    }

    @Test
    void theCarriersRtpRangeStaysApartFromTheNodes() {
        assertThat(DemoNode.carrierRtpRange(new MediaConfig("127.0.0.1", 20000, 29999))).containsExactly(40000, 49999);
        assertThat(DemoNode.carrierRtpRange(new MediaConfig("127.0.0.1", 40000, 40999))).containsExactly(50000, 59999);
        assertThatThrownBy(() -> DemoNode.carrierRtpRange(new MediaConfig("127.0.0.1", 1024, 65535)))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void aTrunkAlreadyNamedDemoOrABadPatternTableIsAConfigurationError() throws Exception {
        DialerConfig config = config();
        DialerConfig clash = DemoNode.withTrunk(config, new org.opendialer.sip.TrunkConfig("demo", "trunk",
                "127.0.0.1", 5099, "udp", 1, 1, "US", 0, null, "", "", "", "", "", false, "none", 0));
        assertThatThrownBy(() -> DemoNode.start(clash, Map.of(), null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("trunk named 'demo'");
        assertThatThrownBy(() -> DemoNode.start(config, Map.of(), ".* robot")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 1");
    }

    private DialerConfig config() throws Exception {
        Path conf = tmp.resolve("dialer.yaml");
        Files.writeString(conf, "sip:\n  port: 0\n");
        return new ConfigLoader().load(conf, Map.of("DIALER_API_PORT", "0", "DIALER_DATA_DIR",
                tmp.resolve("data/postgres").toString()));
    }

    private static String nextSteps(DemoNode node) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        node.printNextSteps(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The log of the started process up to and including the line containing {@code text}. */
    private String awaitLog(Process p, String text) throws Exception {
        Path log = tmp.resolve("up.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String now = Files.exists(log) ? Files.readString(log) : "";
            if (now.contains(text)) {
                Thread.sleep(200); // the rest of the block
                return Files.readString(log);
            }
            assertThat(p.isAlive()).as(now).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' within 90 s: " + Files.readString(log));
    }

    private String run(String command) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", command).directory(tmp.toFile()).redirectErrorStream(true).start();
        boolean done = p.waitFor(90, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
            throw new AssertionError("did not finish in 90 s: " + out);
        }
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
