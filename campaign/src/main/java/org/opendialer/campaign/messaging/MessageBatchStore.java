package org.opendialer.campaign.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.opendialer.campaign.jdbc.Jdbc;

/**
 * Many messages at once (campaign batches): one transaction to store them, one to store what the transports said,
 * each statement taking whole columns as arrays ({@code unnest}), so a batch of thousands is a handful of round
 * trips. Per-message transactions cap a campaign at about a thousand messages per second on a small machine.
 * No idempotency keys here (campaigns have none).
 */
public final class MessageBatchStore {

    /** What the transport said about one message of a batch. */
    public record Outcome(UUID messageId, MessageStatus status, String detail, List<String> smscIds, String emailMessageId) {
    }

    private final Jdbc jdbc;

    public MessageBatchStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** Stores the messages (with their first history entry) and returns them as stored. */
    public List<Message> insertAll(List<MessageStore.NewMessage> batch, Instant now) {
        List<Message> out = new ArrayList<>(batch.size());
        for (MessageStore.NewMessage m : batch) {
            out.add(new Message(UUID.randomUUID(), m.conversationId(), true, m.channel(), m.from(), m.to(), m.subject(),
                    m.body(), m.status(), m.statusDetail(), null, null, m.campaignId(), m.contactId(), null, null, now, now));
        }
        return jdbc.tx("store message batch", c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO message (id, conversation_id, direction, channel, from_address, to_address, subject, body,
                        html, status, status_detail, campaign_id, contact_id, unsubscribe_token, created_at, updated_at)
                    SELECT u.id, u.conv, 'OUTBOUND', u.channel, u.from_a, u.to_a, u.subject, u.body, u.html, u.status,
                        u.detail, u.campaign, u.contact, u.token, ?, ?
                    FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::text[], ?::text[], ?::uuid[], ?::text[], ?::text[])
                      AS u(id, conv, channel, from_a, to_a, subject, body, html, status, detail, campaign, contact, token)""")) {
                int i = 1;
                st.setTimestamp(i++, Timestamp.from(now));
                st.setTimestamp(i++, Timestamp.from(now));
                st.setArray(i++, c.createArrayOf("uuid", col(out, Message::id)));
                st.setArray(i++, c.createArrayOf("uuid", col(out, Message::conversationId)));
                st.setArray(i++, c.createArrayOf("text", col(out, m -> m.channel().name())));
                st.setArray(i++, c.createArrayOf("text", col(out, Message::from)));
                st.setArray(i++, c.createArrayOf("text", col(out, Message::to)));
                st.setArray(i++, c.createArrayOf("text", col(out, Message::subject)));
                st.setArray(i++, c.createArrayOf("text", col(out, Message::body)));
                st.setArray(i++, c.createArrayOf("text", col(batch, MessageStore.NewMessage::html)));
                st.setArray(i++, c.createArrayOf("text", col(out, m -> m.status().name())));
                st.setArray(i++, c.createArrayOf("text", col(out, Message::statusDetail)));
                st.setArray(i++, c.createArrayOf("uuid", col(out, Message::campaignId)));
                st.setArray(i++, c.createArrayOf("text", col(out, Message::contactId)));
                st.setArray(i, c.createArrayOf("text", col(batch, MessageStore.NewMessage::unsubscribeToken)));
                st.executeUpdate();
            }
            events(c, out.stream().map(m -> new Outcome(m.id(), m.status(), m.statusDetail(), List.of(), null)).toList(), now);
            return out;
        });
    }

    /** Stores every outcome: SMS part ids, the new status and detail, the history entry. */
    public void finishAll(List<Outcome> outcomes, Instant now) {
        if (outcomes.isEmpty()) {
            return;
        }
        List<String> partIds = new ArrayList<>();
        List<UUID> partMessages = new ArrayList<>();
        List<Integer> partNos = new ArrayList<>();
        for (Outcome o : outcomes) {
            for (int i = 0; i < o.smscIds().size(); i++) {
                partIds.add(o.smscIds().get(i));
                partMessages.add(o.messageId());
                partNos.add(i + 1);
            }
        }
        jdbc.tx("finish message batch", c -> {
            if (!partIds.isEmpty()) {
                try (PreparedStatement st = c.prepareStatement("""
                        INSERT INTO sms_part (smsc_message_id, message_id, part_no)
                        SELECT DISTINCT ON (u.sid) u.sid, u.mid, u.no FROM unnest(?::text[], ?::uuid[], ?::int[]) AS u(sid, mid, no)
                        """ + MessageStore.REUSED_ID)) {
                    st.setArray(1, c.createArrayOf("text", partIds.toArray()));
                    st.setArray(2, c.createArrayOf("uuid", partMessages.toArray()));
                    st.setArray(3, c.createArrayOf("integer", partNos.toArray()));
                    st.executeUpdate();
                }
            }
            try (PreparedStatement st = c.prepareStatement("""
                    UPDATE message m SET status = u.status, status_detail = u.detail, segments = u.segments,
                        email_message_id = u.email_id, updated_at = ?
                    FROM unnest(?::uuid[], ?::text[], ?::text[], ?::int[], ?::text[]) AS u(id, status, detail, segments, email_id)
                    WHERE m.id = u.id AND m.status = 'QUEUED'""")) {
                st.setTimestamp(1, Timestamp.from(now));
                st.setArray(2, c.createArrayOf("uuid", col(outcomes, Outcome::messageId)));
                st.setArray(3, c.createArrayOf("text", col(outcomes, o -> o.status().name())));
                st.setArray(4, c.createArrayOf("text", col(outcomes, Outcome::detail)));
                st.setArray(5, c.createArrayOf("integer", col(outcomes, o -> o.smscIds().isEmpty() ? null : o.smscIds().size())));
                st.setArray(6, c.createArrayOf("text", col(outcomes, Outcome::emailMessageId)));
                st.executeUpdate();
            }
            events(c, outcomes, now);
            return null;
        });
    }

    private static void events(Connection c, List<Outcome> outcomes, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO message_event (message_id, at, status, detail)
                SELECT u.id, ?, u.status, u.detail FROM unnest(?::uuid[], ?::text[], ?::text[]) AS u(id, status, detail)""")) {
            st.setTimestamp(1, Timestamp.from(now));
            st.setArray(2, c.createArrayOf("uuid", col(outcomes, Outcome::messageId)));
            st.setArray(3, c.createArrayOf("text", col(outcomes, o -> o.status().name())));
            st.setArray(4, c.createArrayOf("text", col(outcomes, o -> o.smscIds().isEmpty() ? o.detail()
                    : "SMSC ids " + String.join(",", o.smscIds()))));
            st.executeUpdate();
        }
    }

    private static <T> Object[] col(List<T> rows, Function<T, ?> f) {
        Object[] out = new Object[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.apply(rows.get(i));
        }
        return out;
    }
}
