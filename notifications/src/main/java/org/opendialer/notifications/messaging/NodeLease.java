package org.opendialer.notifications.messaging;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.opendialer.store.AdvisoryLock;
import org.opendialer.store.DatabaseException;
import org.opendialer.store.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's number, held as a PostgreSQL session advisory lock on one connection kept for the node's life, and
 * the recovery of unfinished sends of nodes that no longer hold theirs (a crash, {@code kill -9}, a lost link):
 * their SUBMITTING messages (and campaign contacts) end UNKNOWN, never sent again because the SMSC may have them;
 * their QUEUED messages, never handed to a transport, end REJECTED. Several nodes may share one database: a live
 * node's rows are never touched, a dead node's are recovered by the first node to look.
 */
final class NodeLease implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeLease.class);
    static final String IN_DOUBT = "submitted when the server stopped; not resent to avoid a duplicate";
    static final String NEVER_SENT = "not sent: the server stopped before handing it to the transport";

    /** What one recovery ended. */
    record Recovered(int unknownMessages, int unknownContacts, int unsentMessages) {
        boolean any() {
            return unknownMessages + unsentMessages > 0;
        }
    }

    private final Connection lease;
    private final Jdbc jdbc;
    private final int node;

    private NodeLease(Connection lease, Jdbc jdbc, int node) {
        this.lease = lease;
        this.jdbc = jdbc;
        this.node = node;
    }

    /** Takes a free node number (random) and holds it. */
    static NodeLease acquire(DataSource ds) {
        SecureRandom random = new SecureRandom();
        try {
            Connection c = ds.getConnection();
            try {
                for (int i = 0; i < 100; i++) {
                    int n = random.nextInt(1, Integer.MAX_VALUE);
                    if (AdvisoryLock.NODE_LEASE.tryLock(c, n)) {
                        return new NodeLease(c, new Jdbc(ds), n);
                    }
                }
                throw new IllegalStateException("no free node number after 100 tries");
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException("node lease: " + e.getMessage(), e);
        }
    }

    int node() {
        return node;
    }

    /** Ends the unfinished sends of every node that is gone; this node's own rows are left alone. */
    synchronized Recovered recoverDeadNodes(Instant now) {
        List<Integer> dead = new ArrayList<>();
        boolean legacy = false; // rows from before node numbers existed
        try (PreparedStatement st = lease.prepareStatement("""
                SELECT DISTINCT owner_node FROM message
                WHERE status IN ('QUEUED', 'SUBMITTING') AND direction = 'OUTBOUND' AND owner_node IS DISTINCT FROM ?""")) {
            st.setInt(1, node);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int owner = rs.getInt(1);
                    if (rs.wasNull()) {
                        legacy = true;
                    } else {
                        dead.add(owner);
                    }
                }
            }
            dead.removeIf(owner -> !lockQuietly(owner)); // held: that node lives
        } catch (SQLException e) {
            throw new DatabaseException("find dead nodes: " + e.getMessage(), e);
        }
        if (dead.isEmpty() && !legacy) {
            return new Recovered(0, 0, 0);
        }
        try {
            return end(dead, legacy, now);
        } finally {
            dead.forEach(this::unlockQuietly);
        }
    }

    private Recovered end(List<Integer> dead, boolean legacy, Instant now) {
        return jdbc.tx("recover unfinished sends", c -> {
            Timestamp at = Timestamp.from(now);
            java.sql.Array owners = c.createArrayOf("integer", dead.toArray());
            String ofDead = " direction = 'OUTBOUND' AND (owner_node = ANY (?) OR (? AND owner_node IS NULL)) ";
            int unknown;
            int contacts;
            try (PreparedStatement st = c.prepareStatement("""
                    WITH m AS (
                      UPDATE message SET status = 'UNKNOWN', status_detail = ?, updated_at = ?
                      WHERE status = 'SUBMITTING' AND """ + ofDead + """
                       RETURNING id, campaign_id, contact_id),
                    e AS (INSERT INTO message_event (message_id, at, status, detail) SELECT id, ?, 'UNKNOWN', ? FROM m),
                    cc AS (
                      UPDATE campaign_contact cc SET state = 'UNKNOWN', reason = ?, attempts = cc.attempts + 1, last_attempt_at = ?
                      FROM m WHERE cc.campaign_id = m.campaign_id AND cc.contact_id = m.contact_id AND cc.message_id = m.id
                        AND cc.state = 'SUBMITTING'
                      RETURNING cc.campaign_id, cc.contact_id, cc.message_id),
                    h AS (
                      INSERT INTO campaign_attempt (campaign_id, contact_id, message_id, at, outcome, detail)
                      SELECT campaign_id, contact_id, message_id, ?, 'UNKNOWN', ? FROM cc)
                    SELECT (SELECT count(*) FROM m), (SELECT count(*) FROM cc)""")) {
                int i = 1;
                st.setString(i++, IN_DOUBT);
                st.setTimestamp(i++, at);
                st.setArray(i++, owners);
                st.setBoolean(i++, legacy);
                st.setTimestamp(i++, at);
                st.setString(i++, IN_DOUBT);
                st.setString(i++, IN_DOUBT);
                st.setTimestamp(i++, at);
                st.setTimestamp(i++, at);
                st.setString(i, IN_DOUBT);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    unknown = rs.getInt(1);
                    contacts = rs.getInt(2);
                }
            }
            int unsent;
            try (PreparedStatement st = c.prepareStatement("""
                    WITH m AS (
                      UPDATE message SET status = 'REJECTED', status_detail = ?, updated_at = ?
                      WHERE status = 'QUEUED' AND """ + ofDead + """
                       RETURNING id)
                    INSERT INTO message_event (message_id, at, status, detail) SELECT id, ?, 'REJECTED', ? FROM m""")) {
                st.setString(1, NEVER_SENT);
                st.setTimestamp(2, at);
                st.setArray(3, owners);
                st.setBoolean(4, legacy);
                st.setTimestamp(5, at);
                st.setString(6, NEVER_SENT);
                unsent = st.executeUpdate();
            }
            Recovered r = new Recovered(unknown, contacts, unsent);
            if (r.any()) {
                log.warn("recovered the sends of stopped nodes {}: {} messages (of them {} campaign contacts) in doubt, now UNKNOWN"
                        + " and not resent; {} never handed to a transport, now REJECTED", dead, unknown, contacts, unsent);
            }
            return r;
        });
    }

    private boolean lockQuietly(int n) {
        try {
            return AdvisoryLock.NODE_LEASE.tryLock(lease, n);
        } catch (SQLException e) {
            return false;
        }
    }

    private void unlockQuietly(int n) {
        try {
            AdvisoryLock.NODE_LEASE.unlock(lease, n);
        } catch (SQLException e) {
            log.debug("unlock of node {}: {}", n, e.toString());
        }
    }

    /** Gives the number back (the connection's lock goes with it). */
    @Override
    public synchronized void close() {
        try (lease; PreparedStatement st = lease.prepareStatement("SELECT pg_advisory_unlock_all()")) {
            st.executeQuery().close(); // the pool keeps the connection: the lock must not stay with it
        } catch (SQLException e) {
            log.debug("closing the node lease: {}", e.toString());
        }
    }
}
