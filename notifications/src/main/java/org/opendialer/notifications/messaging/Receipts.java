package org.opendialer.notifications.messaging;

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
import org.opendialer.store.AdvisoryLock;
import org.opendialer.store.Jdbc;

/**
 * Delivery receipts, whatever the order of receipt and stored SMSC id. A receipt whose id is not stored yet waits
 * in {@code pending_receipt}; storing ids ({@link #matchWaiting}) takes the waiting ones. Both sides first take a
 * transaction-level advisory lock per id, so one of them always sees the other's commit: no receipt slips between
 * "id not found" and "id stored". Receipts nobody claims are dropped after a while ({@link #expire}).
 */
final class Receipts {

    /** A receipt applied to its message; {@code webhook}: the message has a status webhook to tell. */
    record Applied(UUID messageId, MessageStatus status, boolean webhook) {
    }

    /** A receipt dropped unmatched. */
    record Expired(String smscId, String status, Instant receivedAt) {
    }

    private final Jdbc jdbc;

    Receipts(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /** Applies the receipt to its message, or keeps it waiting; returns the message id when applied. */
    java.util.Optional<UUID> onReceipt(String smscId, MessageStatus status, String detail, Instant at, Instant now) {
        return jdbc.tx("receipt", c -> {
            AdvisoryLock.SMSC_RECEIPT.lockForTransaction(c, List.of(smscId));
            UUID message = null;
            try (PreparedStatement st = c.prepareStatement("SELECT message_id FROM sms_part WHERE smsc_message_id = ?")) {
                st.setString(1, smscId);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        message = rs.getObject(1, UUID.class);
                    }
                }
            }
            if (message == null) {
                try (PreparedStatement st = c.prepareStatement("""
                        INSERT INTO pending_receipt (smsc_message_id, status, detail, at, received_at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (smsc_message_id) DO UPDATE SET status = EXCLUDED.status, detail = EXCLUDED.detail,
                          at = EXCLUDED.at, received_at = EXCLUDED.received_at""")) {
                    st.setString(1, smscId);
                    st.setString(2, status.name());
                    st.setString(3, detail);
                    st.setTimestamp(4, Timestamp.from(at));
                    st.setTimestamp(5, Timestamp.from(now));
                    st.executeUpdate();
                }
                return java.util.Optional.empty();
            }
            apply(c, List.of(message), List.of(status.name()), List.of(detail == null ? "" : detail), List.of(at.toString()));
            return java.util.Optional.of(message);
        });
    }

    /**
     * In the transaction that stores {@code smscIds} (after their sms_part rows): applies receipts that arrived
     * before them. Returns what was applied.
     */
    static List<Applied> matchWaiting(Connection c, List<String> smscIds) throws SQLException {
        if (smscIds.isEmpty()) {
            return List.of();
        }
        AdvisoryLock.SMSC_RECEIPT.lockForTransaction(c, smscIds);
        List<UUID> ids = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        List<String> details = new ArrayList<>();
        List<String> ats = new ArrayList<>();
        List<Boolean> hooks = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("""
                DELETE FROM pending_receipt pr USING sms_part sp JOIN message m ON m.id = sp.message_id
                WHERE pr.smsc_message_id = sp.smsc_message_id AND sp.smsc_message_id = ANY (?)
                RETURNING sp.message_id, pr.status, pr.detail, pr.at, m.webhook_url IS NOT NULL""")) {
            st.setArray(1, c.createArrayOf("text", smscIds.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                    statuses.add(rs.getString(2));
                    details.add(rs.getString(3));
                    ats.add(rs.getTimestamp(4).toInstant().toString());
                    hooks.add(rs.getBoolean(5));
                }
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        apply(c, ids, statuses, details, ats);
        List<Applied> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            out.add(new Applied(ids.get(i), MessageStatus.valueOf(statuses.get(i)), hooks.get(i)));
        }
        return out;
    }

    /** Drops receipts that waited since before {@code receivedBefore}: their message id is truly unknown. */
    List<Expired> expire(Instant receivedBefore) {
        return jdbc.with("expire receipts", c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM pending_receipt WHERE received_at < ? RETURNING smsc_message_id, status, received_at")) {
                st.setTimestamp(1, Timestamp.from(receivedBefore));
                List<Expired> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Expired(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
                    }
                }
                return out;
            }
        });
    }

    /** Receipts waiting for their id now. */
    int waiting() {
        return jdbc.with("waiting receipts", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM pending_receipt");
                 ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /** The receipt's status on the message (while the message is still open) and a history entry. */
    private static void apply(Connection c, List<UUID> ids, List<String> statuses, List<String> details, List<String> ats)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                WITH u AS (SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[]::timestamptz[]) AS u(id, status, detail, at)),
                changed AS (
                  UPDATE message m SET status = u.status, status_detail = nullif(u.detail, ''), updated_at = u.at
                  FROM u WHERE m.id = u.id AND m.status IN ('QUEUED', 'SUBMITTING', 'SENT', 'UNKNOWN') RETURNING m.id)
                INSERT INTO message_event (message_id, at, status, detail)
                SELECT u.id, u.at, u.status, nullif(u.detail, '') FROM u JOIN changed ON changed.id = u.id""")) {
            st.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            st.setArray(2, c.createArrayOf("text", statuses.toArray()));
            st.setArray(3, c.createArrayOf("text", details.toArray()));
            st.setArray(4, c.createArrayOf("text", ats.toArray()));
            st.executeUpdate();
        }
    }
}
