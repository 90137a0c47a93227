package org.opendialer.campaign.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.opendialer.store.DatabaseException;

/**
 * A runner's node id held as a PostgreSQL session advisory lock for the runner's life: a node killed with
 * {@code kill -9} loses it with its connection, so another node can tell its open attempts (calls that died with
 * it) from a live node's, and end them {@code interrupted}. Two runners with one id on one database are refused.
 */
final class RunnerLease implements AutoCloseable {

    /** Namespace of campaign runner locks (first key of the two-key form): "odR". */
    private static final int SPACE = 0x6F6452;

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
            while (!lock(c, "pg_try_advisory_lock", node)) {
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
            if (!lock(lease, "pg_try_advisory_lock", node)) {
                return false;
            }
            try {
                work.run();
                return true;
            } finally {
                lock(lease, "pg_advisory_unlock", node);
            }
        } catch (SQLException e) {
            throw new DatabaseException("campaign runner sweep: " + e.getMessage(), e);
        }
    }

    private static boolean lock(Connection c, String fn, String node) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + fn + "(?, hashtext(?))")) {
            st.setInt(1, SPACE);
            st.setString(2, node);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
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
