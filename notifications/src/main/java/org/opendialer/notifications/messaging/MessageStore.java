package org.opendialer.notifications.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.store.Jdbc;

/** Messages, their status history and SMS part ids in PostgreSQL. Blocks (JDBC). */
public final class MessageStore {

    /** A message to store before it is sent. */
    public record NewMessage(boolean outbound, Channel channel, String from, String to, String subject, String body,
                             String html, MessageStatus status, UUID conversationId, UUID campaignId, String contactId,
                             String clientId, String idempotencyKey, String requestHash, String webhookUrl,
                             String unsubscribeToken) {

        /** The detail stored with the first status (batches store suppressed messages as such at once). */
        public String statusDetail() {
            return status == MessageStatus.SUPPRESSED ? "on the do-not-contact list" : null;
        }
    }

    /** One entry of a message's history. */
    public record Event(Instant at, MessageStatus status, String detail) {
    }

    /**
     * SMSCs reuse message ids (counters wrap, a new SMSC starts over): the newest submission owns an id, so a
     * receipt always finds the message sent last under it.
     */
    static final String REUSED_ID = "ON CONFLICT (smsc_message_id) DO UPDATE SET message_id = EXCLUDED.message_id, part_no = EXCLUDED.part_no";

    private static final String COLUMNS = """
            id, conversation_id, direction, channel, from_address, to_address, subject, body, status, status_detail,
            segments, email_message_id, campaign_id, contact_id, webhook_url, request_hash, created_at, updated_at""";

    private final Jdbc jdbc;
    private final DataSource dataSource;
    /** The node that stores outbound messages ({@link NodeLease}); 0 before it is known. */
    private volatile int ownerNode;

    public MessageStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
        this.dataSource = dataSource;
    }

    /** Outbound messages stored from now on belong to {@code node} until they are sent (crash recovery). */
    void ownedBy(int node) {
        this.ownerNode = node;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /**
     * Stores a new message, or returns the one stored earlier under the same client and idempotency key (then
     * {@code created} is false and nothing was written).
     */
    public Inserted insert(NewMessage m, Instant now) {
        return jdbc.tx("store message", c -> {
            UUID id = UUID.randomUUID();
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO message (id, conversation_id, direction, channel, from_address, to_address, subject, body,
                        html, status, campaign_id, contact_id, client_id, idempotency_key, request_hash, webhook_url,
                        unsubscribe_token, owner_node, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (client_id, idempotency_key) DO NOTHING""")) {
                int i = 1;
                st.setObject(i++, id);
                st.setObject(i++, m.conversationId());
                st.setString(i++, m.outbound() ? "OUTBOUND" : "INBOUND");
                st.setString(i++, m.channel().name());
                st.setString(i++, m.from());
                st.setString(i++, m.to());
                st.setString(i++, m.subject());
                st.setString(i++, m.body());
                st.setString(i++, m.html());
                st.setString(i++, m.status().name());
                st.setObject(i++, m.campaignId());
                st.setString(i++, m.contactId());
                st.setString(i++, m.clientId());
                st.setString(i++, m.idempotencyKey());
                st.setString(i++, m.requestHash());
                st.setString(i++, m.webhookUrl());
                st.setString(i++, m.unsubscribeToken());
                st.setObject(i++, m.outbound() && ownerNode != 0 ? ownerNode : null);
                st.setTimestamp(i++, Timestamp.from(now));
                st.setTimestamp(i, Timestamp.from(now));
                if (st.executeUpdate() == 0) {
                    return new Inserted(one(c, "client_id = ? AND idempotency_key = ?", m.clientId(), m.idempotencyKey()).orElseThrow(), false);
                }
            }
            event(c, id, now, m.status(), null);
            return new Inserted(one(c, "id = ?", id).orElseThrow(), true);
        });
    }

    /** The stored message and whether this call created it. */
    public record Inserted(Message message, boolean created) {
    }

    /** Sets a new status (with history) unless the message is already past it; returns the message as now stored. */
    public Optional<Message> update(UUID id, MessageStatus status, String detail, Instant now) {
        return jdbc.tx("update message", c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "UPDATE message SET status = ?, status_detail = ?, updated_at = ? WHERE id = ?")) {
                st.setString(1, status.name());
                st.setString(2, detail);
                st.setTimestamp(3, Timestamp.from(now));
                st.setObject(4, id);
                if (st.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            event(c, id, now, status, detail);
            return one(c, "id = ?", id);
        });
    }

    public Optional<Message> find(UUID id) {
        return jdbc.with("message", c -> one(c, "id = ?", id));
    }

    public Optional<Message> bySmscId(String smscMessageId) {
        return jdbc.with("message by SMSC id", c -> one(c, "id = (SELECT message_id FROM sms_part WHERE smsc_message_id = ?)", smscMessageId));
    }

    /** The outbound message with one of these Message-IDs, trying them in order. */
    public Optional<Message> byEmailMessageId(List<String> ids) {
        return jdbc.with("message by Message-ID", c -> {
            for (String id : ids) {
                Optional<Message> m = one(c, "email_message_id = ?", id);
                if (m.isPresent()) {
                    return m;
                }
            }
            return Optional.empty();
        });
    }

    public Optional<Message> byUnsubscribeToken(String token) {
        return jdbc.with("message by unsubscribe token", c -> one(c, "unsubscribe_token = ?", token));
    }

    public List<Message> conversation(UUID conversationId) {
        return jdbc.with("conversation messages", c -> many(c, "conversation_id = ? ORDER BY created_at, seq", conversationId));
    }

    /** Messages to or from an address (any channel), newest first: the interaction view of one customer. */
    public List<Message> byAddress(String address, int limit) {
        return jdbc.with("messages by address", c -> many(c,
                "(to_address = ? OR from_address = ?) ORDER BY created_at DESC, seq DESC LIMIT ?", address, address, limit));
    }

    /**
     * The interaction view: messages of every origin (agentless, campaign, replies), newest first, filtered by an
     * address (to or from), a campaign, or neither.
     */
    public List<Message> search(String address, UUID campaignId, int limit) {
        StringBuilder where = new StringBuilder("TRUE");
        List<Object> args = new ArrayList<>();
        if (address != null) {
            where.append(" AND (to_address = ? OR from_address = ?)");
            args.add(address);
            args.add(address);
        }
        if (campaignId != null) {
            where.append(" AND campaign_id = ?");
            args.add(campaignId);
        }
        where.append(" ORDER BY created_at DESC, seq DESC LIMIT ?");
        args.add(limit);
        return jdbc.with("messages", c -> many(c, where.toString(), args.toArray()));
    }

    public List<Message> byCampaign(UUID campaignId) {
        return jdbc.with("campaign messages", c -> many(c, "campaign_id = ? ORDER BY created_at, seq", campaignId));
    }

    public List<Event> events(UUID id) {
        return jdbc.with("message events", c -> {
            List<Event> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT at, status, detail FROM message_event WHERE message_id = ? ORDER BY id")) {
                st.setObject(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Event(rs.getTimestamp(1).toInstant(), MessageStatus.valueOf(rs.getString(2)), rs.getString(3)));
                    }
                }
            }
            return out;
        });
    }

    private static void event(Connection c, UUID id, Instant at, MessageStatus status, String detail) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO message_event (message_id, at, status, detail) VALUES (?, ?, ?, ?)")) {
            st.setObject(1, id);
            st.setTimestamp(2, Timestamp.from(at));
            st.setString(3, status.name());
            st.setString(4, detail);
            st.executeUpdate();
        }
    }

    private static Optional<Message> one(Connection c, String where, Object... args) throws SQLException {
        return many(c, where, args).stream().findFirst();
    }

    private static List<Message> many(Connection c, String where, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM message WHERE " + where)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            List<Message> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        }
    }

    private static Message map(ResultSet rs) throws SQLException {
        return new Message(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), "OUTBOUND".equals(rs.getString(3)),
                Channel.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                MessageStatus.valueOf(rs.getString(9)), rs.getString(10), (Integer) rs.getObject(11), rs.getString(12),
                rs.getObject(13, UUID.class), rs.getString(14), rs.getString(15), rs.getString(16),
                rs.getTimestamp(17).toInstant(), rs.getTimestamp(18).toInstant());
    }
}
