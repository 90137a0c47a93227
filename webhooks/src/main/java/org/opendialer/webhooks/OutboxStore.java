package org.opendialer.webhooks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.store.Jdbc;

/** The {@code webhook_outbox} table. Times come from the caller's clock, never the database's. Blocks (JDBC). */
final class OutboxStore {

    /** A row claimed for one attempt; {@code attempts} counts this one. */
    record Claimed(UUID id, String url, String secret, String payload, int attempts, Instant createdAt) {
    }

    private final Jdbc jdbc;

    OutboxStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    static void insert(Connection c, UUID id, WebhookOutbox.Event e, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO webhook_outbox (id, event_type, subject_id, url, secret, payload, state, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)""")) {
            st.setObject(1, id);
            st.setString(2, e.type());
            st.setObject(3, e.subjectId());
            st.setString(4, e.url());
            st.setString(5, e.secret());
            st.setString(6, e.payload());
            st.setTimestamp(7, Timestamp.from(now));
            st.setTimestamp(8, Timestamp.from(now));
            st.executeUpdate();
        }
    }

    /**
     * Takes up to {@code limit} due rows for one attempt each. SKIP LOCKED lets nodes claim side by side without
     * ever taking the same row; the lease (next_attempt_at moved to {@code leaseUntil}) keeps the row away from
     * them while the attempt runs, and hands it back for a retry if this node dies during it.
     */
    List<Claimed> claim(Instant now, Instant leaseUntil, int limit) {
        return jdbc.tx("claim webhooks", c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_attempt_at = ?
                    WHERE id IN (SELECT id FROM webhook_outbox WHERE state = 'PENDING' AND next_attempt_at <= ?
                                 ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                    RETURNING id, url, secret, payload, attempts, created_at""")) {
                st.setTimestamp(1, Timestamp.from(leaseUntil));
                st.setTimestamp(2, Timestamp.from(now));
                st.setTimestamp(3, Timestamp.from(now));
                st.setInt(4, limit);
                List<Claimed> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Claimed(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getInt(5), rs.getTimestamp(6).toInstant()));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Records an attempt's result, unless the row was claimed again since (its lease ran out): then the newer
     * attempt owns it. A settled row forgets its secret.
     */
    boolean settle(Claimed row, OutboxState state, Instant next, Integer status, String error, Instant now) {
        return jdbc.with("settle webhook", c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    UPDATE webhook_outbox SET state = ?, next_attempt_at = ?, last_status = ?, last_error = ?,
                        settled_at = CASE WHEN ? = 'PENDING' THEN NULL ELSE ?::timestamptz END,
                        secret = CASE WHEN ? = 'PENDING' THEN secret ELSE '' END
                    WHERE id = ? AND attempts = ? AND state = 'PENDING'""")) {
                st.setString(1, state.name());
                st.setTimestamp(2, Timestamp.from(next));
                st.setObject(3, status);
                st.setString(4, error == null ? null : error.length() > 500 ? error.substring(0, 500) : error);
                st.setString(5, state.name());
                st.setTimestamp(6, Timestamp.from(now));
                st.setString(7, state.name());
                st.setObject(8, row.id());
                st.setInt(9, row.attempts());
                return st.executeUpdate() == 1;
            }
        });
    }

    /** Settled rows older than {@code before} go (they are history only). */
    int purge(Instant before) {
        return jdbc.with("purge webhooks", c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM webhook_outbox WHERE state <> 'PENDING' AND settled_at < ?")) {
                st.setTimestamp(1, Timestamp.from(before));
                return st.executeUpdate();
            }
        });
    }
}
