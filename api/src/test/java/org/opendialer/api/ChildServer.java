package org.opendialer.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A whole node in a child JVM ({@code org.opendialer.api.Main up} on the test classpath), for what only a real
 * process shows: {@code kill -9} at any moment, SIGTERM, an orphaned embedded PostgreSQL, a restart over the same
 * data directory. The admin client is seeded from the environment so every restart accepts the same credentials.
 * {@link #close()} kills the JVM and stops a PostgreSQL it left behind, so no test leaks processes.
 */
public final class ChildServer implements AutoCloseable {

    public static final String ADMIN_ID = "child-admin";
    public static final String ADMIN_SECRET = "child-admin-secret-0123456789";
    private static final Pattern API = Pattern.compile("API\\s+https?://[0-9.]+:(\\d+)/api/v2");
    private static final Pattern SIP = Pattern.compile("SIP\\s+\\S+ [0-9.]+:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path dataDir;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final LinkedBlockingQueue<String> fresh = new LinkedBlockingQueue<>();
    private final Thread[] readers;
    private int apiPort = -1;
    private int sipPort = -1;

    private ChildServer(Process process, Path dataDir) {
        this.process = process;
        this.dataDir = dataDir;
        this.readers = new Thread[] {drain(process.getInputStream()), drain(process.getErrorStream())};
    }

    /**
     * Starts {@code up} with its data in {@code dataDir}, ports chosen by the system, and waits for the banner.
     *
     * @param extraEnv more {@code DIALER_*} settings (e.g. {@code DIALER_CONFIG} for a configuration file)
     */
    public static ChildServer start(Path dataDir, Map<String, String> extraEnv) throws IOException, InterruptedException {
        List<String> cmd = mainCommand(List.of("-Xmx512m"), "up");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dataDir.getParent().toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("DIALER_"));
        Map<String, String> env = new HashMap<>(Map.of("DIALER_DATA_DIR", dataDir.toString(), "DIALER_API_PORT", "0",
                "DIALER_SIP_PORT", "0", "DIALER_ADMIN_CLIENT_ID", ADMIN_ID, "DIALER_ADMIN_CLIENT_SECRET", ADMIN_SECRET));
        env.putAll(extraEnv);
        pb.environment().putAll(env);
        ChildServer s = new ChildServer(pb.start(), dataDir);
        s.awaitBanner(Duration.ofSeconds(120));
        return s;
    }

    /**
     * {@code java} with this JVM's class path running {@code org.opendialer.api.Main args}: every child JVM of the
     * api tests. C1 only ({@code TieredStopAtLevel=1}): a node start costs about 40% less CPU (C2 compiles nothing
     * a short-lived test process needs), and the tests run ~25 node starts on 2 cores; nothing timed in a child is
     * CPU-bound (8 kHz media, SMS at most 1,000 a second). The SIP stack stops without its 1 s pause, as in the test JVMs.
     */
    public static List<String> mainCommand(List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Dopendialer.sip.skipStopPause=true"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.opendialer.api.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** One reader per stream for the whole run: the child never blocks on a full pipe, tests wait on lines. */
    private Thread drain(java.io.InputStream in) {
        return Thread.ofVirtual().start(() -> new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                .lines().forEach(line -> {
                    output.add(line);
                    fresh.add(line);
                }));
    }

    private void awaitBanner(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (apiPort < 0 || sipPort < 0) {
            String line = fresh.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                close();
                throw new IllegalStateException("no banner within " + timeout + "; output:\n" + String.join("\n", output));
            }
            Matcher a = API.matcher(line);
            if (a.find()) {
                apiPort = Integer.parseInt(a.group(1));
            }
            Matcher s = SIP.matcher(line);
            if (s.find()) {
                sipPort = Integer.parseInt(s.group(1));
            }
        }
    }

    public int apiPort() {
        return apiPort;
    }

    public int sipPort() {
        return sipPort;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Every line the child printed on stdout and stderr so far. */
    public List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** An access token of the seeded admin client (every scope). */
    public String adminToken() throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + ADMIN_ID
                        + "&client_secret=" + ADMIN_SECRET)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token request: " + r.statusCode() + " " + r.body());
        }
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        if (!m.find()) {
            throw new IllegalStateException("no access_token in " + r.body());
        }
        return m.group(1);
    }

    /** A request to this node with a bearer token; {@code body} null for no body, JSON otherwise. */
    public HttpResponse<String> send(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGTERM, then waits; returns how long the process took to exit (or throws when it did not within the limit). */
    public Duration sigterm(Duration limit) throws InterruptedException {
        long t0 = System.nanoTime();
        process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its stdout
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("still running " + limit + " after SIGTERM; output:\n" + String.join("\n", output()));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        joinReaders();
        return took;
    }

    /** SIGKILL of the server's JVM alone, as {@code kill -9 PID}: its embedded PostgreSQL is left running. */
    public void kill9() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        joinReaders();
    }

    /** The live PostgreSQL serving this node's data directory, from its {@code postmaster.pid}. */
    public Optional<ProcessHandle> postgres() {
        return postgresOf(dataDir);
    }

    /** The live PostgreSQL serving {@code dataDir}, if any (an orphan after {@link #kill9()}). */
    public static Optional<ProcessHandle> postgresOf(Path dataDir) {
        // The embedded server keeps its cluster in data/postgres (see DatabaseConfig); accept either layout.
        for (Path dir : List.of(dataDir.resolve("postgres"), dataDir)) {
            try {
                List<String> lines = Files.readAllLines(dir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
                if (!lines.isEmpty()) {
                    Optional<ProcessHandle> h = ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
                    if (h.isPresent() && h.get().isAlive()) {
                        return h;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // no (readable) pid file there
            }
        }
        return Optional.empty();
    }

    private void joinReaders() throws InterruptedException {
        for (Thread t : readers) {
            if (t != null) {
                t.join(TimeUnit.SECONDS.toMillis(10));
            }
        }
    }

    /** Kills the JVM if it still runs and stops a PostgreSQL it left behind (fast shutdown, SIGINT). */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                kill9();
            }
            Optional<ProcessHandle> pg = postgres();
            if (pg.isPresent()) {
                new ProcessBuilder("kill", "-INT", Long.toString(pg.get().pid())).start().waitFor();
                pg.get().onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop child server " + pid() + ": " + e, e);
        }
    }
}
