package org.opendialer.campaign.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.opendialer.store.AdvisoryLock;
import org.opendialer.store.DatabaseException;

/**
 * A runner's node id held as a PostgreSQL session advisory lock for the runner's life: a node killed with
 * {@code kill -9} loses it with its connection, so another node can tell its open attempts (calls that died with
 * it) from a live node's, and end them {@code interrupted}. Two runners with one id on one database are refused.
 */
final class RunnerLease implements AutoCloseable {

    private final Connection lease;

    private RunnerLease(Connection lease) {
        this.lease = lease;
    }

    /** A restart right after a crash may find the dead session not yet gone: try again for this long. */
    private static final long ACQUIRE_WAIT_MS = 5_000;

    static RunnerLease acquire(DataSource ds, String node) {
        try {
            Connection c = ds.getConnection();
            long deadline = System.currentTimeMillis() + ACQUIRE_WAIT_MS;
            while (!AdvisoryLock.RUNNER_LEASE.tryLock(c, node)) {
                if (System.currentTimeMillis() > deadline) {
                    c.close();
                    throw new IllegalStateException("campaign runner node id '" + node + "' is in use by a running node on this database");
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    c.close();
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while taking runner node id '" + node + "'", e);
                }
            }
            return new RunnerLease(c);
        } catch (SQLException e) {
            throw new DatabaseException("campaign runner lease: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} if {@code node} is dead (nobody holds its id), holding its id meanwhile; false if it lives. */
    synchronized boolean whileDead(String node, Runnable work) {
        try {
            if (!AdvisoryLock.RUNNER_LEASE.tryLock(lease, node)) {
                return false;
            }
            try {
                work.run();
                return true;
            } finally {
                AdvisoryLock.RUNNER_LEASE.unlock(lease, node);
            }
        } catch (SQLException e) {
            throw new DatabaseException("campaign runner sweep: " + e.getMessage(), e);
        }
    }

    /** Gives the id back: the pool keeps the connection open, so the lock must be released, not just dropped. */
    @Override
    public synchronized void close() {
        try (lease; PreparedStatement st = lease.prepareStatement("SELECT pg_advisory_unlock_all()")) {
            st.execute();
        } catch (SQLException e) {
            // a broken connection has lost its locks already
        }
    }
}
