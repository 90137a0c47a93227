package org.opendialer.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A live PostgreSQL postmaster serving one data directory, found through the directory's {@code postmaster.pid}
 * (line 1 pid, line 4 port) and confirmed by the process's own command line ({@code /proc/PID/cmdline} must be a
 * {@code postgres} binary started with {@code -D} naming this directory). The confirmation guards against a stale
 * pid file whose pid the kernel has since given to an unrelated process, which must never be signalled.
 *
 * @param pid  process id of the postmaster
 * @param port TCP port it listens on (127.0.0.1)
 */
record Postmaster(long pid, int port) {

    /** The postmaster serving {@code dataDir}, if one is alive. Linux only (reads {@code /proc}); empty elsewhere. */
    static Optional<Postmaster> of(Path dataDir) {
        return readPidFile(dataDir).filter(p -> servesDirectory(p.pid(), dataDir));
    }

    /**
     * True when {@code postmaster.pid} names a live process that is not a PostgreSQL of {@code dataDir}: the pid
     * was reused after a crash or reboot, and PostgreSQL would refuse to start ("lock file already exists").
     */
    static boolean pidFileIsStale(Path dataDir) {
        return readPidFile(dataDir).filter(p -> ProcessHandle.of(p.pid()).map(ProcessHandle::isAlive).orElse(false)
                && !servesDirectory(p.pid(), dataDir)).isPresent();
    }

    private static Optional<Postmaster> readPidFile(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            return Optional.of(new Postmaster(Long.parseLong(lines.get(0).trim()), Integer.parseInt(lines.get(3).trim())));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean servesDirectory(long pid, Path dataDir) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
            List<String> args = Arrays.asList(cmdline.split("\0"));
            if (args.isEmpty() || !Path.of(args.get(0)).getFileName().toString().equals("postgres")) {
                return false;
            }
            int d = args.indexOf("-D");
            if (d < 0 || d + 1 >= args.size()) {
                return false;
            }
            // A relative -D is relative to the postmaster's working directory, not ours.
            Path served = proc.resolve("cwd").toRealPath().resolve(args.get(d + 1));
            return Files.exists(served) && Files.isSameFile(served, dataDir);
        } catch (IOException e) {
            return false; // gone, or not ours to read: never treat it as our server
        }
    }

    /**
     * Fast shutdown (SIGINT: open sessions are rolled back, a checkpoint is written) and waits for the exit.
     *
     * @throws DatabaseException when the process is still alive after {@code timeout}
     */
    void stopFast(Duration timeout) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return;
        }
        try {
            // The JDK can only send SIGTERM (smart shutdown, waits for sessions) or SIGKILL (no checkpoint).
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).redirectErrorStream(true).start();
            kill.waitFor(5, TimeUnit.SECONDS);
            handle.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException | ExecutionException e) {
            throw new DatabaseException("cannot stop PostgreSQL (pid " + pid + "): " + Database.rootMessage(e), e);
        } catch (TimeoutException e) {
            throw new DatabaseException("PostgreSQL (pid " + pid + ") did not stop within " + timeout.toSeconds()
                    + " s of a fast shutdown request", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while stopping PostgreSQL (pid " + pid + ")", e);
        }
    }
}
