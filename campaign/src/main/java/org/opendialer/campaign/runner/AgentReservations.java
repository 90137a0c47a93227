package org.opendialer.campaign.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.store.AdvisoryLock;
import org.opendialer.store.Jdbc;

/**
 * A queue's agents as every node's agent-mode campaigns share them, in PostgreSQL so that nodes agree (before, each
 * node counted only its own reservations and its own ringing calls, so two nodes running campaigns of one queue
 * could overdial it together and both hand a live answer to its last agent).
 *
 * <p>Reservations: a live answer holds one AVAILABLE agent between the answer and its {@code routing_interaction}
 * row. They are taken in priority order: an answer of campaign priority {@code p} counts as ahead of it only the
 * callers the ACD will offer first, i.e. WAITING interactions and live reservations of priority {@code >= p} (the
 * interaction's ACD priority is its campaign's, {@link AgentHandOff}). A lower campaign's waiting answer does not
 * keep a higher one from its agent; it may lose the agent to it and abandon, counted against the lower campaign.
 * Every reservation of a queue takes the queue's advisory lock ({@link AdvisoryLock#QUEUE_SHARE}) for its
 * transaction, so two nodes never both take the last agent.
 */
final class AgentReservations {

    /**
     * A reservation older than this no longer counts (its node died before releasing it): a hand-off settles within
     * 2 s ({@code AgentHandOff.CONNECT_WITHIN}); the margin covers a slow database.
     */
    static final Duration LIVE_FOR = Duration.ofSeconds(30);

    private final Jdbc jdbc;
    private final Clock clock;
    private final String node;

    AgentReservations(DataSource ds, Clock clock, String node) {
        this.jdbc = new Jdbc(ds);
        this.clock = clock;
        this.node = node;
    }

    /** Holds an AVAILABLE agent of {@code queueId} for {@code callId} if one is free at {@code priority}; false if not. */
    boolean reserve(UUID queueId, UUID campaignId, int priority, String callId) {
        Instant now = clock.instant();
        return jdbc.tx("reserve an agent", c -> {
            AdvisoryLock.QUEUE_SHARE.lockForTransaction(c, queueId.toString());
            try (PreparedStatement st = c.prepareStatement("DELETE FROM agent_reservation WHERE queue_id = ? AND reserved_at < ?")) {
                st.setObject(1, queueId);
                st.setTimestamp(2, Timestamp.from(now.minus(LIVE_FOR)));
                st.executeUpdate();
            }
            if (free(c, queueId, priority) <= 0) {
                return false;
            }
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO agent_reservation (call_id, queue_id, campaign_id, priority, node, reserved_at)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (call_id) DO NOTHING""")) {
                st.setString(1, callId);
                st.setObject(2, queueId);
                st.setObject(3, campaignId);
                st.setInt(4, priority);
                st.setString(5, node);
                st.setTimestamp(6, Timestamp.from(now));
                st.executeUpdate();
            }
            return true;
        });
    }

    void release(String callId) {
        jdbc.tx("release an agent", c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM agent_reservation WHERE call_id = ?")) {
                st.setString(1, callId);
                return st.executeUpdate();
            }
        });
    }

    /** AVAILABLE agents of the queue less the callers ahead of an answer at {@code priority} (see the class). */
    private static int free(Connection c, UUID queueId, int priority) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                SELECT (SELECT count(*) FROM routing_user u JOIN routing_queue_member m ON m.user_id = u.id
                        WHERE m.queue_id = ? AND u.state = 'AVAILABLE')
                     - (SELECT count(*) FROM (
                          SELECT call_id FROM routing_interaction WHERE queue_id = ? AND state = 'WAITING' AND priority >= ?
                          UNION
                          SELECT r.call_id FROM agent_reservation r WHERE r.queue_id = ? AND r.priority >= ?
                            AND NOT EXISTS (SELECT 1 FROM routing_interaction i
                                            WHERE i.call_id = r.call_id AND i.state <> 'WAITING')) ahead)""")) {
            st.setObject(1, queueId);
            st.setObject(2, queueId);
            st.setInt(3, priority);
            st.setObject(4, queueId);
            st.setInt(5, priority);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Calls other nodes placed for the queue's agent-mode campaigns that have not reached the ACD yet (open, no
     * interaction): how long since each was claimed, by this node's clock (never negative). Each holds one of the
     * queue's idle agents for its campaign, as {@link AgentShares} counts this node's own, and may bring a live answer
     * that takes an agent this node's calls count on, so the cap projection counts it as a call ringing on the queue.
     * An answered call still in AMD counts too (its answer time is stored only at its end): a few seconds of
     * under-dialling, never an overdial.
     */
    List<Duration> ringingElsewhere(UUID queueId) {
        Instant now = clock.instant();
        return jdbc.with("ringing elsewhere", c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT a.created_at FROM dial_attempt a JOIN voice_campaign v ON v.id = a.campaign_id
                    WHERE a.result IS NULL AND a.node <> ? AND v.settings ->> 'queueId' = ?
                      AND NOT EXISTS (SELECT 1 FROM routing_interaction i WHERE i.call_id = a.call_id)""")) {
                st.setString(1, node);
                st.setString(2, queueId.toString());
                List<Duration> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Duration d = Duration.between(rs.getTimestamp(1).toInstant(), now);
                        out.add(d.isNegative() ? Duration.ZERO : d);
                    }
                }
                return out;
            }
        });
    }
}
