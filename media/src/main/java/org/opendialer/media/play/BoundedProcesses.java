package org.opendialer.media.play;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs short helper processes (espeak-ng) with at most {@code slots} at once and a time limit each. Arguments go to
 * the program as a list (no shell); input is written to its stdin. A process that outlives its limit is killed with
 * its children (a wrapper script's {@code sleep} would otherwise keep the pipes open) and the run fails.
 */
final class BoundedProcesses {

    record Result(int exit, byte[] stdout, String stderr) {
    }

    /** Streams are drained on virtual threads so that a chatty process never blocks on a full pipe. */
    private static final Executor IO = r -> Thread.ofVirtual().name("tts-process-io").start(r);
    private static final int STDERR_KEPT = 2000;

    private final String name;
    private final Semaphore slots;
    private final int slotCount;
    private final Duration limit;
    private final Duration queueLimit;
    private final AtomicLong started = new AtomicLong();

    /**
     * @param queueLimit how long a run may wait for a free slot before failing (a queue, not a render, limit)
     */
    BoundedProcesses(String name, int slots, Duration limit, Duration queueLimit) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots: need at least 1, was " + slots);
        }
        this.name = name;
        this.slots = new Semaphore(slots, true);
        this.slotCount = slots;
        this.limit = limit;
        this.queueLimit = queueLimit;
    }

    Result run(List<String> command, byte[] stdin) throws IOException, InterruptedException, TimeoutException {
        if (!slots.tryAcquire(queueLimit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException(name + ": all " + slotCount + " render slots stayed busy for " + queueLimit);
        }
        try {
            return runHoldingSlot(command, stdin);
        } finally {
            slots.release();
        }
    }

    private Result runHoldingSlot(List<String> command, byte[] stdin)
            throws IOException, InterruptedException, TimeoutException {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new IOException(name + ": cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        }
        started.incrementAndGet();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()), IO);
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()), IO);
        IO.execute(() -> {
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin);
            } catch (IOException e) {
                // the process exited without reading its input; its exit status and stderr tell why
            }
        });
        try {
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new TimeoutException(name + " did not finish within " + limit + "; process " + p.pid()
                        + " killed");
            }
            byte[] stdout = out.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            String stderr = new String(err.get(limit.toMillis(), TimeUnit.MILLISECONDS), UTF_8).strip();
            return new Result(p.exitValue(), stdout,
                    stderr.length() > STDERR_KEPT ? stderr.substring(0, STDERR_KEPT) + "…" : stderr);
        } catch (ExecutionException e) {
            throw new IOException(name + ": reading its output failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            kill(p); // exited, but a child still holds its output open; or the caller gave up
            throw e;
        }
    }

    private static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(2, TimeUnit.SECONDS);
    }

    private static byte[] drain(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0]; // the process was killed; the caller reports that
        }
    }

    /** Processes started since creation. */
    long started() {
        return started.get();
    }
}
