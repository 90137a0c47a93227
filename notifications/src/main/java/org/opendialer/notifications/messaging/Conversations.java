package org.opendialer.notifications.messaging;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.store.Jdbc;

/**
 * Threads messages into conversations: a message joins the open conversation between the same two addresses
 * when that conversation had activity within the reply window; otherwise the stale one is closed and a new one
 * opens. {@link #closeIdle} closes conversations nobody answered in time. Blocks (JDBC).
 */
public final class Conversations {

    private final Jdbc jdbc;
    private final Duration window;

    public Conversations(DataSource dataSource, Duration replyWindow) {
        this.jdbc = new Jdbc(dataSource);
        this.window = replyWindow;
    }

    public Duration window() {
        return window;
    }

    /** The conversation a message at {@code now} between {@code ours} and {@code theirs} belongs to. */
    public UUID join(Channel channel, String ours, String theirs, Instant now) {
        return jdbc.tx("conversation", c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    UPDATE conversation SET last_activity_at = ?
                    WHERE id = (SELECT id FROM conversation WHERE channel = ? AND their_address = ? AND our_address = ?
                                AND closed_at IS NULL AND last_activity_at >= ? ORDER BY last_activity_at DESC LIMIT 1)
                    RETURNING id""")) {
                st.setTimestamp(1, Timestamp.from(now));
                st.setString(2, channel.name());
                st.setString(3, theirs);
                st.setString(4, ours);
                st.setTimestamp(5, Timestamp.from(now.minus(window)));
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        return rs.getObject(1, UUID.class);
                    }
                }
            }
            closeStale(c, channel, ours, theirs, now);
            UUID id = UUID.randomUUID();
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO conversation (id, channel, our_address, their_address, opened_at, last_activity_at)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                st.setObject(1, id);
                st.setString(2, channel.name());
                st.setString(3, ours);
                st.setString(4, theirs);
                st.setTimestamp(5, Timestamp.from(now));
                st.setTimestamp(6, Timestamp.from(now));
                st.executeUpdate();
            }
            return id;
        });
    }

    /**
     * {@link #join} for many addresses at once (a campaign batch): one transaction, a few statements whatever the
     * batch size. Returns their address to conversation id.
     */
    public java.util.Map<String, UUID> joinAll(Channel channel, String ours, java.util.Collection<String> theirs, Instant now) {
        if (theirs.isEmpty()) {
            return java.util.Map.of();
        }
        return jdbc.tx("conversations", c -> {
            java.util.Map<String, UUID> out = new java.util.HashMap<>();
            try (PreparedStatement st = c.prepareStatement("""
                    UPDATE conversation SET last_activity_at = ?
                    WHERE channel = ? AND our_address = ? AND their_address = ANY (?) AND closed_at IS NULL AND last_activity_at >= ?
                    RETURNING their_address, id""")) {
                st.setTimestamp(1, Timestamp.from(now));
                st.setString(2, channel.name());
                st.setString(3, ours);
                st.setArray(4, c.createArrayOf("text", theirs.toArray()));
                st.setTimestamp(5, Timestamp.from(now.minus(window)));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.putIfAbsent(rs.getString(1), rs.getObject(2, UUID.class));
                    }
                }
            }
            java.util.List<String> missing = theirs.stream().distinct().filter(a -> !out.containsKey(a)).toList();
            if (missing.isEmpty()) {
                return out;
            }
            try (PreparedStatement st = c.prepareStatement("""
                    UPDATE conversation SET closed_at = ? WHERE channel = ? AND our_address = ? AND their_address = ANY (?)
                    AND closed_at IS NULL""")) {
                st.setTimestamp(1, Timestamp.from(now));
                st.setString(2, channel.name());
                st.setString(3, ours);
                st.setArray(4, c.createArrayOf("text", missing.toArray()));
                st.executeUpdate();
            }
            UUID[] ids = new UUID[missing.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = UUID.randomUUID();
                out.put(missing.get(i), ids[i]);
            }
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO conversation (id, channel, our_address, their_address, opened_at, last_activity_at)
                    SELECT u.id, ?, ?, u.theirs, ?, ? FROM unnest(?::uuid[], ?::text[]) AS u(id, theirs)""")) {
                st.setString(1, channel.name());
                st.setString(2, ours);
                st.setTimestamp(3, Timestamp.from(now));
                st.setTimestamp(4, Timestamp.from(now));
                st.setArray(5, c.createArrayOf("uuid", ids));
                st.setArray(6, c.createArrayOf("text", missing.toArray()));
                st.executeUpdate();
            }
            return out;
        });
    }

    /** Joins a given conversation when it is still open within the window (email threading by headers). */
    public Optional<UUID> rejoin(UUID conversationId, Instant now) {
        return jdbc.with("conversation rejoin", c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    UPDATE conversation SET last_activity_at = ? WHERE id = ? AND closed_at IS NULL AND last_activity_at >= ?
                    RETURNING id""")) {
                st.setTimestamp(1, Timestamp.from(now));
                st.setObject(2, conversationId);
                st.setTimestamp(3, Timestamp.from(now.minus(window)));
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
                }
            }
        });
    }

    /** Closes every conversation idle for longer than the window; returns how many. */
    public int closeIdle(Instant now) {
        return jdbc.with("close idle conversations", c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE conversation SET closed_at = ? WHERE closed_at IS NULL AND last_activity_at < ?")) {
                st.setTimestamp(1, Timestamp.from(now));
                st.setTimestamp(2, Timestamp.from(now.minus(window)));
                return st.executeUpdate();
            }
        });
    }

    /** Open (true), closed (false) or unknown (empty). */
    public Optional<Boolean> isOpen(UUID id) {
        return jdbc.with("conversation state", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT closed_at IS NULL FROM conversation WHERE id = ?")) {
                st.setObject(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBoolean(1)) : Optional.empty();
                }
            }
        });
    }

    private static void closeStale(java.sql.Connection c, Channel channel, String ours, String theirs, Instant now)
            throws java.sql.SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                UPDATE conversation SET closed_at = ? WHERE channel = ? AND their_address = ? AND our_address = ?
                AND closed_at IS NULL""")) {
            st.setTimestamp(1, Timestamp.from(now));
            st.setString(2, channel.name());
            st.setString(3, theirs);
            st.setString(4, ours);
            st.executeUpdate();
        }
    }
}
