package org.opendialer.notifications.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.store.Jdbc;

/**
 * Many messages at once (campaign batches that are not sent: suppressed at send time), one transaction, each
 * statement taking whole columns as arrays ({@code unnest}). Messages that are sent are stored by the
 * {@link SendJournal} as they are claimed. No idempotency keys here (campaigns have none).
 */
public final class MessageBatchStore {

    /** One history entry of a stored message. */
    private record Outcome(UUID messageId, MessageStatus status, String detail, List<String> smscIds, String emailMessageId) {
    }

    private final Jdbc jdbc;

    public MessageBatchStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** Stores the messages (with their first history entry) and returns them as stored. */
    public List<Message> insertAll(List<MessageStore.NewMessage> batch, Instant now) {
        if (batch.isEmpty()) {
            return List.of();
        }
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
                st.setArray(i++, c.createArrayOf("uuid", ClaimStore.col(out, Message::id)));
                st.setArray(i++, c.createArrayOf("uuid", ClaimStore.col(out, Message::conversationId)));
                st.setArray(i++, c.createArrayOf("text", ClaimStore.col(out, m -> m.channel().name())));
                st.setArray(i++, c.createArrayOf("text", ClaimStore.col(out, Message::from)));
                st.setArray(i++, c.createArrayOf("text", ClaimStore.col(out, Message::to)));
                st.setArray(i++, c.createArrayOf("text", ClaimStore.col(out, Message::subject)));
                st.setArray(i++, c.createArrayOf("text", ClaimStore.col(out, Message::body)));
                st.setArray(i++, c.createArrayOf("text", ClaimStore.col(batch, MessageStore.NewMessage::html)));
                st.setArray(i++, c.createArrayOf("text", ClaimStore.col(out, m -> m.status().name())));
                st.setArray(i++, c.createArrayOf("text", ClaimStore.col(out, Message::statusDetail)));
                st.setArray(i++, c.createArrayOf("uuid", ClaimStore.col(out, Message::campaignId)));
                st.setArray(i++, c.createArrayOf("text", ClaimStore.col(out, Message::contactId)));
                st.setArray(i, c.createArrayOf("text", ClaimStore.col(batch, MessageStore.NewMessage::unsubscribeToken)));
                st.executeUpdate();
            }
            events(c, out.stream().map(m -> new Outcome(m.id(), m.status(), m.statusDetail(), List.of(), null)).toList(), now);
            return out;
        });
    }

    private static void events(Connection c, List<Outcome> outcomes, Instant now) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO message_event (message_id, at, status, detail)
                SELECT u.id, ?, u.status, u.detail FROM unnest(?::uuid[], ?::text[], ?::text[]) AS u(id, status, detail)""")) {
            st.setTimestamp(1, Timestamp.from(now));
            st.setArray(2, c.createArrayOf("uuid", ClaimStore.col(outcomes, Outcome::messageId)));
            st.setArray(3, c.createArrayOf("text", ClaimStore.col(outcomes, o -> o.status().name())));
            st.setArray(4, c.createArrayOf("text", ClaimStore.col(outcomes, o -> o.smscIds().isEmpty() ? o.detail()
                    : "SMSC ids " + String.join(",", o.smscIds()))));
            st.executeUpdate();
        }
    }
}
