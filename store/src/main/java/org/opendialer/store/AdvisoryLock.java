package org.opendialer.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Every PostgreSQL advisory lock namespace of the dialer, in one place. Each user locks with the two-key form
 * {@code (namespace, hashtext(id))} (or {@code (namespace, n)}), so two users that lock equal ids never block each
 * other: PostgreSQL keys a lock by both ints, and the namespaces here are distinct (checked when the enum loads).
 * A new user adds a constant here; a namespace is never reused for another meaning, since nodes of two versions
 * may share a database during a rolling restart.
 *
 * <p>The single-key form ({@code pg_advisory_lock(bigint)}) is not used: its locks live apart from two-key ones
 * ({@code objsubid} 1 vs 2 in {@code pg_locks}) but share one space among themselves, unnamed.
 */
public enum AdvisoryLock {

    /** messaging {@code NodeLease}: a node's number, session lock for the node's life ("odN"). */
    NODE_LEASE(0x6F644E),
    /** voice notifications {@code CallOwners}: {@code calls.nodeId}, session lock for the node's life ("odC"). */
    CALL_OWNER(0x6F6443),
    /** campaign {@code RunnerLease}: the runner's node id, session lock for the runner's life ("odR"). */
    RUNNER_LEASE(0x6F6452),
    /** messaging {@code Receipts}: an SMSC message id, transaction lock while a receipt and its id meet ("odS"). */
    SMSC_RECEIPT(0x6F6453),
    /** campaign {@code ContactClaims}: a campaign id, transaction lock around its line count and claims ("odK"). */
    CAMPAIGN_CLAIM(0x6F644B),
    /** campaign {@code AgentShares}: an ACD queue id, transaction lock around its agents' shares ("odQ"). */
    QUEUE_SHARE(0x6F6451);

    private final int space;

    AdvisoryLock(int space) {
        this.space = space;
    }

    static {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (AdvisoryLock l : values()) {
            if (!seen.add(l.space)) {
                throw new IllegalStateException("advisory lock namespace " + Integer.toHexString(l.space) + " used twice");
            }
        }
    }

    /** The first key of the two-key form: {@code pg_locks.classid} of this namespace's locks. */
    public int space() {
        return space;
    }

    /** {@code pg_try_advisory_lock(space, hashtext(id))}: a session lock, true when taken. */
    public boolean tryLock(Connection c, String id) throws SQLException {
        return call(c, "pg_try_advisory_lock(?, hashtext(?))", id);
    }

    /** {@code pg_try_advisory_lock(space, n)}: a session lock, true when taken. */
    public boolean tryLock(Connection c, int n) throws SQLException {
        return call(c, "pg_try_advisory_lock(?, ?)", n);
    }

    /** Releases a session lock taken by {@link #tryLock(Connection, String)}; false when it was not held. */
    public boolean unlock(Connection c, String id) throws SQLException {
        return call(c, "pg_advisory_unlock(?, hashtext(?))", id);
    }

    /** Releases a session lock taken by {@link #tryLock(Connection, int)}; false when it was not held. */
    public boolean unlock(Connection c, int n) throws SQLException {
        return call(c, "pg_advisory_unlock(?, ?)", n);
    }

    /** {@code pg_advisory_xact_lock(space, hashtext(id))}: waits, and holds until the transaction ends. */
    public void lockForTransaction(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
            st.setInt(1, space);
            st.setString(2, id);
            st.executeQuery().close();
        }
    }

    /**
     * Transaction locks on many ids, taken in hash order so that two transactions over overlapping ids cannot
     * deadlock.
     */
    public void lockForTransaction(Connection c, java.util.Collection<String> ids) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                SELECT pg_advisory_xact_lock(?, h) FROM (SELECT DISTINCT hashtext(x) AS h FROM unnest(?::text[]) AS x) k
                ORDER BY h""")) {
            st.setInt(1, space);
            st.setArray(2, c.createArrayOf("text", ids.toArray()));
            st.executeQuery().close();
        }
    }

    private boolean call(Connection c, String fn, Object key) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + fn)) {
            st.setInt(1, space);
            st.setObject(2, key);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
