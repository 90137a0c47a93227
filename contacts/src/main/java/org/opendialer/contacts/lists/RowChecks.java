package org.opendialer.contacts.lists;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVRecord;

/**
 * The ordered middle of an upload's pipeline: the reading thread hands rows in file order, a few threads check
 * them ({@link CsvHeader#check}: mostly libphonenumber), and the results come back to the reading thread in the
 * same order, so line numbers, the "last row of a key wins" rule and COPY's list order are those of a one-thread
 * import. Rows travel in batches (one hand-over per {@value #BATCH} rows, not per row); at most
 * {@code 2 × threads + 1} batches are in flight, then the reader waits for the oldest, so memory stays bounded
 * however large the file and however slow PostgreSQL is.
 *
 * <p>Why: per row, the check costs about as much CPU as PostgreSQL's COPY of it; on one thread it could use only
 * one core while the database used the other, and on a busy machine it got one thread's share.
 *
 * <p>Not thread-safe: one reading thread calls {@link #add}, {@link #finish} and {@link #close}.
 */
final class RowChecks implements AutoCloseable {

    /** Where checked rows go, in file order, on the reading thread. */
    interface Sink {
        void accept(long line, CsvHeader.Checked row) throws SQLException;
    }

    static final int BATCH = 512;

    private final CsvHeader header;
    private final ContactRows rows;
    private final Sink sink;
    private final ExecutorService pool;
    private final int window;
    private final ArrayDeque<Future<CsvHeader.Checked[]>> inFlight = new ArrayDeque<>();
    private final ArrayDeque<long[]> lines = new ArrayDeque<>();
    private long[] batchLines = new long[BATCH];
    private CSVRecord[] batch = new CSVRecord[BATCH];
    private int n;

    /** @param threads checking threads, at least 1 (the pool is this upload's own and ends with {@link #close}) */
    RowChecks(CsvHeader header, ContactRows rows, int threads, Sink sink) {
        this.header = header;
        this.rows = rows;
        this.sink = sink;
        this.pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("contact-import-check-", 0).daemon(true).factory());
        this.window = 2 * threads + 1;
    }

    /** A data row starting at {@code line}; may first pass earlier rows to the sink. */
    void add(long line, CSVRecord r) throws SQLException {
        batchLines[n] = line;
        batch[n++] = r;
        if (n == BATCH) {
            submit();
        }
    }

    /** Passes every row added so far to the sink. */
    void finish() throws SQLException {
        if (n > 0) {
            submit();
        }
        while (!inFlight.isEmpty()) {
            drainOne();
        }
    }

    /** Drops rows not yet passed on and stops the checking threads. */
    @Override
    public void close() {
        inFlight.forEach(f -> f.cancel(true));
        inFlight.clear();
        lines.clear();
        pool.shutdownNow();
    }

    private void submit() throws SQLException {
        CSVRecord[] records = batch;
        int size = n;
        inFlight.add(pool.submit(() -> {
            CsvHeader.Checked[] out = new CsvHeader.Checked[size];
            for (int i = 0; i < size; i++) {
                out[i] = header.check(records[i], rows);
            }
            return out;
        }));
        lines.add(batchLines);
        batch = new CSVRecord[BATCH];
        batchLines = new long[BATCH];
        n = 0;
        // pass on whatever is ready, so COPY keeps flowing; wait only when the window is full
        while (!inFlight.isEmpty() && (inFlight.size() >= window || inFlight.peek().isDone())) {
            drainOne();
        }
    }

    private void drainOne() throws SQLException {
        CsvHeader.Checked[] checked = await(inFlight.poll());
        long[] at = lines.poll();
        for (int i = 0; i < checked.length; i++) {
            sink.accept(at[i], checked[i]);
        }
    }

    private static CsvHeader.Checked[] await(Future<CsvHeader.Checked[]> f) {
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
