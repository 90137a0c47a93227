package org.opendialer.sip.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A peer process of the benchmark (SIPp or Kamailio) with its output in a temp directory. Every process started is
 * killed with its children when closed, and by a shutdown hook if the bench dies first, so no peer outlives it.
 */
final class BenchProcess implements AutoCloseable {

    private static final Pattern CALLS = Pattern.compile("(Successful|Failed) call\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)");
    private static final Set<BenchProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(LIVE).forEach(BenchProcess::close)));
    }

    private final Process process;
    final Path dir;
    /** The UDP port the peer listens on at 127.0.0.1. */
    final int port;

    private BenchProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts {@code cmd} in {@code dir}, stdout and stderr to {@code out.log} there. */
    static BenchProcess start(Path dir, List<String> cmd, int port) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("out.log").toFile()).start();
            BenchProcess bp = new BenchProcess(p, dir, port);
            LIVE.add(bp);
            return bp;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + cmd.getFirst(), e);
        }
    }

    /** SIPp on 127.0.0.1:{@code port} running a scenario from {@code src/test/resources/bench}. */
    static BenchProcess sipp(String scenario, int port, List<String> args) {
        Path dir = tempDir("sipp-bench-");
        Path file = copyResource(scenario, dir);
        List<String> cmd = new ArrayList<>(List.of("sipp", "-sf", file.toString(), "-i", "127.0.0.1",
                "-p", Integer.toString(port), "-mi", "127.0.0.1", "-mp", Integer.toString(freeMediaPorts()),
                "-nostdin", "-trace_err", "-error_file", dir.resolve("errors.log").toString(),
                // SIPp's default 64 KiB socket buffers drop bursts above a few hundred calls/s.
                "-buff_size", Integer.toString(4 << 20)));
        cmd.addAll(args);
        BenchProcess p = start(dir, cmd, port);
        p.awaitBound(port);
        return p;
    }

    static Path copyResource(String name, Path dir) {
        Path file = dir.resolve(name);
        try (InputStream in = BenchProcess.class.getResourceAsStream("/bench/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource /bench/" + name);
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns once the process holds the UDP port; fails when it died or did not bind within 10 s. */
    void awaitBound(int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (udpBound(port)) {
                return;
            }
            sleepMillis(20);
        }
        throw new IllegalStateException("peer did not bind 127.0.0.1:" + port + "; see " + dir);
    }

    /** Reads the kernel's UDP socket table, so that probing never takes the port the peer is about to bind. */
    private static boolean udpBound(int port) {
        String suffix = String.format(":%04X", port);
        for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
            try {
                if (Files.readAllLines(Path.of(table)).stream().skip(1)
                        .anyMatch(l -> l.trim().split("\\s+")[1].endsWith(suffix))) {
                    return true;
                }
            } catch (IOException | ArrayIndexOutOfBoundsException e) {
                // no such table: try the next
            }
        }
        return false;
    }

    /** Exit status, or -1 (and the process killed) when it has not ended within the timeout. */
    int await(long seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                close();
                return -1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            return -1;
        }
        LIVE.remove(this);
        return process.exitValue();
    }

    /** SIPp's cumulative "Successful call" or "Failed call" count from its last statistics screen; 0 if none. */
    int sippCalls(String kind) {
        try {
            Matcher m = CALLS.matcher(Files.readString(dir.resolve("out.log")));
            int last = 0;
            while (m.find()) {
                if (m.group(1).equals(kind)) {
                    last = Integer.parseInt(m.group(2));
                }
            }
            return last;
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        // SIGTERM first so Kamailio stops and reaps its children; then kill whatever is left.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            process.waitFor(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        LIVE.remove(this);
    }

    static int freeUdpPort() {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port P with P and P + 2 free: SIPp binds its audio and video echo sockets there. */
    private static int freeMediaPorts() {
        for (int tries = 0; tries < 50; tries++) {
            int p = freeUdpPort();
            if (p + 2 <= 65535) {
                try (DatagramSocket video = new DatagramSocket(p + 2, InetAddress.getLoopbackAddress())) {
                    return p;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IllegalStateException("no free pair of UDP ports for SIPp's media sockets");
    }

    static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
