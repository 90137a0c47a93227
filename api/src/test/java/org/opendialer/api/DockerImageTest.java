package org.opendialer.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.server.DialerServer;

/**
 * The repository's Dockerfile: its health check works against a real server everywhere; the image itself is built
 * where a Docker daemon answers, and the test says why it skipped where none does.
 */
class DockerImageTest {

    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @TempDir
    Path tmp;

    /** The shell command of the Dockerfile's HEALTHCHECK (continuation lines joined). */
    static String healthCheckCommand() throws IOException {
        String file = Files.readString(ROOT.resolve("Dockerfile")).replace("\\\n", " ");
        String line = file.lines().filter(l -> l.startsWith("HEALTHCHECK")).findFirst().orElseThrow();
        return line.substring(line.indexOf(" CMD ") + 5).trim();
    }

    static int run(Map<String, String> env, int timeoutSeconds, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        return p.exitValue();
    }

    @Test
    void healthCheckPassesOnALiveServerAndFailsWithoutOne() throws Exception {
        String check = healthCheckCommand();
        assertThat(check).contains("/health/live");
        int port;
        try (DialerServer server = TestServers.start(tmp.resolve("pg"), Map.of())) {
            port = server.apiPort();
            assertThat(run(Map.of("DIALER_API_PORT", String.valueOf(port)), 30, "sh", "-c", check)).isZero();
        }
        assertThat(run(Map.of("DIALER_API_PORT", String.valueOf(port)), 30, "sh", "-c", check))
                .as("nothing listens any more").isNotZero();
    }

    @Test
    void imageBuildsWhereDockerIsAvailable() throws Exception {
        int info;
        try {
            info = run(Map.of(), 60, "docker", "info");
        } catch (IOException e) {
            info = -1; // no docker command at all
        }
        String reason = "no Docker daemon here (`docker info` failed): the image build of Dockerfile is not tested";
        if (info != 0) {
            // Surefire's summary shows only a count; say why on the console too.
            System.err.println("DockerImageTest SKIPPED: " + reason);
        }
        Assumptions.assumeTrue(info == 0, reason);
        String tag = "opendialer-test:" + ProcessHandle.current().pid();
        try {
            assertThat(run(Map.of(), 1800, "docker", "build", "-t", tag, ".")).as("docker build").isZero();
            Path out = tmp.resolve("inspect.txt");
            Process p = new ProcessBuilder("docker", "image", "inspect", "--format",
                    "{{.Config.User}} {{json .Config.Volumes}} {{json .Config.Healthcheck.Test}}", tag)
                    .redirectOutput(out.toFile()).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(out, StandardCharsets.UTF_8)).startsWith("dialer ").contains("/data")
                    .contains("/health/live");
        } finally {
            run(Map.of(), 120, "docker", "image", "rm", "-f", tag);
        }
    }
}
