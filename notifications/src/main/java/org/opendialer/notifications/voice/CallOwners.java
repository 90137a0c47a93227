package org.opendialer.notifications.voice;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.opendialer.store.AdvisoryLock;
import org.opendialer.store.DatabaseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's id on its calls ({@code calls.nodeId}), held as a PostgreSQL session advisory lock on one connection
 * for the node's life, so that several nodes on one database tell a dead node's calls from a live one's: a node
 * killed ({@code kill -9}, a lost link) loses its lock with its connection, and the first node to look ends its
 * unfinished calls; a live node's calls are never touched, and a second node started with an id in use is refused
 * (it would otherwise take the live node's calls for its own crash's).
 *
 * <p>Ids are locked by their 32-bit hash: two ids sharing one only delay each other's recovery (a dead node's calls
 * then wait for its restart), they never make a live node's calls look dead.
 */
final class CallOwners implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallOwners.class);
    /** A restart may meet another node's sweep holding its id for one transaction: try again for this long. */
    private static final long ACQUIRE_WAIT_MS = 5_000;

    private final Connection lease;
    private final String nodeId;

    private CallOwners(Connection lease, String nodeId) {
        this.lease = lease;
        this.nodeId = nodeId;
    }

    /** @throws IllegalStateException when a running node on this database holds {@code nodeId} */
    static CallOwners acquire(DataSource ds, String nodeId) {
        try {
            Connection c = ds.getConnection();
            try {
                long deadline = System.currentTimeMillis() + ACQUIRE_WAIT_MS;
                while (!AdvisoryLock.CALL_OWNER.tryLock(c, nodeId)) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException("calls.nodeId '" + nodeId + "' is in use by a running node on"
                                + " this database; give every node its own id (DIALER_NODE_ID)");
                    }
                    Thread.sleep(200);
                }
                return new CallOwners(c, nodeId);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            } catch (InterruptedException e) {
                c.close();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while taking calls.nodeId '" + nodeId + "'", e);
            }
        } catch (SQLException e) {
            throw new DatabaseException("call owner lease: " + e.getMessage(), e);
        }
    }

    /**
     * Hands {@code end} every other owner of unfinished calls that no running node holds, holding its id meanwhile
     * so that its restart waits; returns those owners.
     */
    synchronized List<String> endDeadOwners(Consumer<String> end) {
        List<String> owners = new ArrayList<>();
        try (PreparedStatement st = lease.prepareStatement("""
                SELECT DISTINCT owner_node FROM voice_call
                WHERE state NOT IN ('COMPLETED', 'FAILED') AND owner_node IS NOT NULL AND owner_node <> ?""")) {
            st.setString(1, nodeId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    owners.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("find the calls of stopped nodes: " + e.getMessage(), e);
        }
        List<String> dead = new ArrayList<>();
        for (String owner : owners) {
            if (lockQuietly(true, owner)) { // held: that node lives
                try {
                    end.accept(owner);
                    dead.add(owner);
                } finally {
                    lockQuietly(false, owner);
                }
            }
        }
        return dead;
    }

    private boolean lockQuietly(boolean lock, String owner) {
        try {
            return lock ? AdvisoryLock.CALL_OWNER.tryLock(lease, owner) : AdvisoryLock.CALL_OWNER.unlock(lease, owner);
        } catch (SQLException e) {
            LOG.debug("{} of call owner {}: {}", lock ? "lock" : "unlock", owner, e.toString());
            return false;
        }
    }

    /** Gives the id back (the pool keeps the connection: the lock must not stay with it). */
    @Override
    public synchronized void close() {
        try (lease; PreparedStatement st = lease.prepareStatement("SELECT pg_advisory_unlock_all()")) {
            st.executeQuery().close();
        } catch (SQLException e) {
            LOG.debug("closing the call owner lease: {}", e.toString());
        }
    }
}
