package org.opendialer.contacts.lists;

import java.sql.SQLException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.csv.CSVRecord;

/**
 * The middle of an upload's pipeline, three stages that overlap: the reading thread parses the file and hands rows
 * in batches of {@value #BATCH}, a few threads check them ({@link CsvHeader#check}: mostly libphonenumber), and one
 * writing thread passes the results to the sink in file order (the COPY to PostgreSQL). So line numbers, the "last
 * row of a key wins" rule and COPY's list order are those of a one-thread import.
 *
 * <p>Why a writing thread of its own: when the reading thread also wrote the COPY, each wait on PostgreSQL (a full
 * socket, a block of {@code contact_seq} between two COPYs) stopped it handing rows to the checks, whose few batches
 * then ran out and left a core idle; each wait for a check stopped the COPY. Now only a full window stops the reader.
 *
 * <p>At most {@code 2 × threads + }{@value #SLACK} batches are read and not yet written, then the reader waits, so
 * memory stays bounded (~0.5 MB a batch) however large the file and however slow PostgreSQL is. The slack lets the
 * checks run on through a short stall of the COPY.
 *
 * <p>{@link #add}, {@link #finish} and {@link #close} are for the reading thread only; the sink runs on the writing
 * thread, one call at a time. {@link #finish} and {@link #close} return only once the sink is no longer called, so
 * the reader may use the sink's connection after them.
 */
final class RowChecks implements AutoCloseable {

    /** Where checked rows go, in file order, on the writing thread. */
    interface Sink {
        void accept(long line, CsvHeader.Checked row) throws SQLException;
    }

    static final int BATCH = 512;
    /** Batches beyond two per checking thread that may wait for the writer. */
    static final int SLACK = 24;

    private final CsvHeader header;
    private final ContactRows rows;
    private final Sink sink;
    private final ExecutorService checks;
    /** One thread: batches are written in the order they were handed over. */
    private final ExecutorService writer;
    private final Semaphore window;
    private final AtomicLong writerWaitNanos = new AtomicLong();
    private long readerWaitNanos;
    /** The first failure of the writing thread; later batches are then dropped. */
    private volatile Throwable failed;
    private volatile boolean stopped;
    private long[] batchLines = new long[BATCH];
    private CSVRecord[] batch = new CSVRecord[BATCH];
    private int n;

    /** @param threads checking threads, at least 1 (the pools are this upload's own and end with {@link #close}) */
    RowChecks(CsvHeader header, ContactRows rows, int threads, Sink sink) {
        this.header = header;
        this.rows = rows;
        this.sink = sink;
        this.checks = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("contact-import-check-", 0).daemon(true).factory());
        this.writer = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("contact-import-copy").daemon(true).factory());
        this.window = new Semaphore(2 * threads + SLACK);
    }

    /** A data row starting at {@code line}; may wait for room in the window. */
    void add(long line, CSVRecord r) throws SQLException {
        batchLines[n] = line;
        batch[n++] = r;
        if (n == BATCH) {
            submit();
        }
    }

    /** Passes every row added so far to the sink and waits until it has taken them. */
    void finish() throws SQLException {
        if (n > 0) {
            submit();
        }
        await(writer.submit(() -> null)); // the writer is FIFO: done once every batch before it is
        rethrow();
    }

    /**
     * Drops rows not yet passed on, stops the threads and waits for the writing thread to end (a sink call under
     * way finishes first).
     */
    @Override
    public void close() {
        stopped = true;
        // checks never started are cancelled, so a writer waiting for one of them wakes
        checks.shutdownNow().forEach(r -> ((Future<?>) r).cancel(false));
        writer.shutdown();
        try {
            while (!writer.awaitTermination(1, TimeUnit.MINUTES)) {
                // a sink call blocked on PostgreSQL: the connection must not be used by the reader before it returns
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Nanoseconds the reader waited for room (the checks or the writer were behind). */
    long readerWaitNanos() {
        return readerWaitNanos;
    }

    /** Nanoseconds the writer waited for a batch's checks (the checks were behind the COPY). */
    long writerWaitNanos() {
        return writerWaitNanos.get();
    }

    private void submit() throws SQLException {
        rethrow();
        long t0 = System.nanoTime();
        try {
            window.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rows were being checked", e);
        }
        readerWaitNanos += System.nanoTime() - t0;
        CSVRecord[] records = batch;
        long[] lines = batchLines;
        int size = n;
        Future<CsvHeader.Checked[]> checked = checks.submit(() -> {
            CsvHeader.Checked[] out = new CsvHeader.Checked[size];
            for (int i = 0; i < size; i++) {
                out[i] = header.check(records[i], rows);
            }
            return out;
        });
        writer.execute(() -> write(checked, lines));
        batch = new CSVRecord[BATCH];
        batchLines = new long[BATCH];
        n = 0;
    }

    private void write(Future<CsvHeader.Checked[]> checked, long[] lines) {
        try {
            if (failed != null || stopped) {
                return;
            }
            long t0 = System.nanoTime();
            CsvHeader.Checked[] out = await(checked);
            writerWaitNanos.addAndGet(System.nanoTime() - t0);
            for (int i = 0; i < out.length && !stopped; i++) {
                sink.accept(lines[i], out[i]);
            }
        } catch (CancellationException dropped) {
            // close() under way
        } catch (Throwable t) {
            failed = t;
        } finally {
            window.release();
        }
    }

    private void rethrow() throws SQLException {
        Throwable t = failed;
        switch (t) {
            case null -> { }
            case SQLException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException(t);
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rows were being checked", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
