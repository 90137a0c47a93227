package org.opendialer.ivr.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.opendialer.store.DatabaseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the trace rows of every execution of this node on one virtual thread, in the order they were handed in,
 * many rows per transaction. Before it, each execution wrote its own rows, one pooled connection and one commit per
 * row: 200 callers arriving at once made ~1,200 commits wanting the pool's connections within seconds, the calls'
 * own lookups (DID, consent) waited behind them, and rows whose wait exceeded the pool's timeout were dropped.
 * Here a batch waits for a connection as long as it takes (a starved pool delays the trace, never loses it); a
 * batch the database refuses is written again row by row so one bad row costs only itself.
 */
final class TraceWriter {

    /** One row's SQL on the batch's connection. */
    @FunctionalInterface
    interface Row {
        void write(Connection c) throws SQLException;
    }

    private record Pending(String what, Row row, CompletableFuture<Void> done) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(TraceWriter.class);
    /** Rows per transaction at most: a burst's backlog goes in a few commits, each short. */
    static final int MAX_BATCH = 500;
    private static final Duration RETRY = Duration.ofMillis(200);

    private final DataSource dataSource;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

    TraceWriter(DataSource dataSource) {
        this.dataSource = dataSource;
        Thread.ofVirtual().name("trace-writer").start(this::drain);
    }

    /** Queues {@code row}; completes when it is committed, exceptionally when the database refused it. */
    CompletableFuture<Void> write(String what, Row row) {
        Pending p = new Pending(what, row, new CompletableFuture<>());
        queue.add(p);
        return p.done();
    }

    private void drain() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
                writeBatch(batch);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) { // never let the writer die: the rows' futures say what happened
                LOG.error("trace writer: unexpected failure", e);
                batch.forEach(p -> p.done().completeExceptionally(e));
            }
            batch.clear();
        }
    }

    private void writeBatch(List<Pending> batch) throws InterruptedException {
        while (true) {
            try (Connection c = dataSource.getConnection()) {
                if (inOneTransaction(c, batch)) {
                    batch.forEach(p -> p.done().complete(null));
                } else {
                    oneByOne(c, batch);
                }
                return;
            } catch (SQLTransientConnectionException busy) { // the pool's wait ran out: wait again, keep the rows
                LOG.warn("trace writer: no database connection yet ({} rows waiting): {}", batch.size() + queue.size(),
                        busy.getMessage());
            } catch (SQLException e) { // connection lost mid-way: the transaction rolled back, write it again
                LOG.warn("trace writer: batch of {} not written, retrying: {}", batch.size(), e.getMessage());
            }
            TimeUnit.MILLISECONDS.sleep(RETRY.toMillis());
        }
    }

    /** True when the whole batch committed; false when a row was refused (nothing of the batch is stored). */
    private static boolean inOneTransaction(Connection c, List<Pending> batch) throws SQLException {
        c.setAutoCommit(false);
        try {
            for (Pending p : batch) {
                p.row().write(c);
            }
            c.commit();
            return true;
        } catch (SQLException | RuntimeException refused) {
            c.rollback();
            if (refused instanceof SQLException e && !c.isValid(1)) {
                throw e;
            }
            return false;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void oneByOne(Connection c, List<Pending> batch) {
        for (Pending p : batch) {
            try {
                p.row().write(c);
                p.done().complete(null);
            } catch (SQLException e) {
                p.done().completeExceptionally(new DatabaseException(p.what() + ": " + e.getMessage(), e));
            } catch (RuntimeException e) { // e.g. a value that is not JSON-writable
                p.done().completeExceptionally(e);
            }
        }
    }
}
