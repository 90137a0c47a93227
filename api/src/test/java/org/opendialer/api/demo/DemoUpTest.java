package org.opendialer.api.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.config.ConfigException;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.config.DialerConfig;
import org.opendialer.demo.Behaviour;

/**
 * What {@code ./dialer up --demo} runs ({@link DemoNode#start}, called by {@code UpCommand}): the node comes up
 * with the carrier, the printed script places a call through the API that completes, and a restart on the same
 * data finds the demo data and still works.
 */
class DemoUpTest {

    @TempDir
    Path tmp;

    @Test
    void theDemoComesUpAndThePrintedCommandCompletesACallThroughTheApi() throws Exception {
        DialerConfig config = config();
        String firstScript;
        try (DemoNode node = DemoNode.start(config, Map.of(), null)) {
            String printed = nextSteps(node);
            assertThat(printed).contains("Demo carrier", "contact list 'demo' (10 numbers)", "flow 'demo-welcome'",
                    "DID +12015550199", "curl -s -u demo:");
            String command = printed.lines().filter(l -> l.strip().startsWith("sh ")).findFirst().orElseThrow().strip();
            assertThat(command).endsWith("calls.sh");
            firstScript = Files.readString(node.script());

            String out = run(command + " +12015550102");
            assertThat(out).as(out).contains("+12015550102", "\"state\":\"completed\"", "\"outcome\":\"human\"",
                    "\"keyPressed\":\"1\"", "\"result\":\"human\"");
            assertThat(node.carrier().counts().offered(Behaviour.PERSON)).isEqualTo(1);
            assertThat(node.carrier().counts().keysPressed()).isEqualTo(1);
            assertThat(node.carrier().rtp().packetsIn()).as("our prompt reached the carrier").isGreaterThan(50);
        }
        try (DemoNode again = DemoNode.start(config, Map.of(), null)) {
            assertThat(nextSteps(again)).contains("contact list 'demo' (10 numbers)");
            assertThat(Files.readString(again.script())).as("a new secret each start").isNotEqualTo(firstScript);
            String out = run("sh " + again.script() + " +12015550105");
            assertThat(out).as(out).contains("\"state\":\"failed\"", "\"disposition\":\"busy\"", "\"sipStatus\":486");
        }
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

    private static String run(String command) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
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
