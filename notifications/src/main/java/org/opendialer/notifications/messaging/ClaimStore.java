package org.opendialer.notifications.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The SQL of {@link SendJournal}: claims (a message becomes SUBMITTING, its campaign contact too) and outcomes
 * (what the transport said, the contact's new state and attempt row, receipts that were waiting for the SMSC
 * ids). Each method takes whole lists as arrays ({@code unnest}), so a group commit is a handful of statements.
 */
final class ClaimStore {

    /** A campaign message to insert as SUBMITTING, if its contact is still PENDING (else another node has it). */
    record NewClaim(UUID id, MessageStore.NewMessage m) {
    }

    /** What the transport said about one claimed message; {@code contactId} null outside campaigns. */
    record Outcome(UUID messageId, MessageStatus status, String detail, List<String> smscIds, String emailMessageId,
                   boolean retryable, UUID campaignId, String contactId) {
    }

    private ClaimStore() {
    }

    /** Inserts the claimed messages whose contact was PENDING (marking it SUBMITTING); returns their ids. */
    static Set<UUID> claimNew(Connection c, List<NewClaim> claims, int node, Instant now) throws SQLException {
        if (claims.isEmpty()) {
            return Set.of();
        }
        try (PreparedStatement st = c.prepareStatement("""
                WITH u AS (SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::uuid[], ?::text[], ?::text[])
                  AS u(id, conv, channel, from_a, to_a, subject, body, html, campaign, contact, token)),
                claimed AS (
                  UPDATE campaign_contact cc SET state = 'SUBMITTING', message_id = u.id, address = u.to_a, last_attempt_at = ?
                  FROM u WHERE cc.campaign_id = u.campaign AND cc.contact_id = u.contact AND cc.state = 'PENDING'
                  RETURNING u.id),
                ins AS (
                  INSERT INTO message (id, conversation_id, direction, channel, from_address, to_address, subject, body, html,
                      status, campaign_id, contact_id, unsubscribe_token, owner_node, created_at, updated_at)
                  SELECT u.id, u.conv, 'OUTBOUND', u.channel, u.from_a, u.to_a, u.subject, u.body, u.html, 'SUBMITTING',
                      u.campaign, u.contact, u.token, ?, ?, ?
                  FROM u WHERE u.contact IS NULL OR u.id IN (SELECT id FROM claimed)
                  RETURNING id)
                INSERT INTO message_event (message_id, at, status) SELECT id, ?, 'SUBMITTING' FROM ins RETURNING message_id""")) {
            int i = 1;
            st.setArray(i++, c.createArrayOf("uuid", col(claims, NewClaim::id)));
            st.setArray(i++, c.createArrayOf("uuid", col(claims, x -> x.m().conversationId())));
            st.setArray(i++, c.createArrayOf("text", col(claims, x -> x.m().channel().name())));
            st.setArray(i++, c.createArrayOf("text", col(claims, x -> x.m().from())));
            st.setArray(i++, c.createArrayOf("text", col(claims, x -> x.m().to())));
            st.setArray(i++, c.createArrayOf("text", col(claims, x -> x.m().subject())));
            st.setArray(i++, c.createArrayOf("text", col(claims, x -> x.m().body())));
            st.setArray(i++, c.createArrayOf("text", col(claims, x -> x.m().html())));
            st.setArray(i++, c.createArrayOf("uuid", col(claims, x -> x.m().campaignId())));
            st.setArray(i++, c.createArrayOf("text", col(claims, x -> x.m().contactId())));
            st.setArray(i++, c.createArrayOf("text", col(claims, x -> x.m().unsubscribeToken())));
            Timestamp at = Timestamp.from(now);
            st.setTimestamp(i++, at);
            st.setInt(i++, node);
            st.setTimestamp(i++, at);
            st.setTimestamp(i++, at);
            st.setTimestamp(i, at);
            return ids(st);
        }
    }

    /** Moves stored QUEUED messages (agentless sends) to SUBMITTING; returns the ids that were still QUEUED. */
    static Set<UUID> claimQueued(Connection c, List<UUID> ids, int node, Instant now) throws SQLException {
        if (ids.isEmpty()) {
            return Set.of();
        }
        try (PreparedStatement st = c.prepareStatement("""
                WITH claimed AS (
                  UPDATE message SET status = 'SUBMITTING', owner_node = ?, updated_at = ? WHERE id = ANY (?) AND status = 'QUEUED'
                  RETURNING id)
                INSERT INTO message_event (message_id, at, status) SELECT id, ?, 'SUBMITTING' FROM claimed RETURNING message_id""")) {
            st.setInt(1, node);
            st.setTimestamp(2, Timestamp.from(now));
            st.setArray(3, c.createArrayOf("uuid", ids.toArray()));
            st.setTimestamp(4, Timestamp.from(now));
            return ids(st);
        }
    }

    /**
     * Stores outcomes: SMS part ids, the message's status (from SUBMITTING, or UNKNOWN when a late answer comes
     * after another node gave up on this one), the contact's state (SENT, UNKNOWN, PENDING again for a retryable
     * refusal under {@code maxAttempts}, else FAILED), the histories, and receipts that were waiting for the ids.
     */
    static List<Receipts.Applied> finish(Connection c, List<Outcome> outcomes, int maxAttempts, Instant now) throws SQLException {
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
        Timestamp at = Timestamp.from(now);
        try (PreparedStatement st = c.prepareStatement("""
                WITH u AS (SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[])
                  AS u(id, status, detail, segments, email_id, event_detail)),
                changed AS (
                  UPDATE message m SET status = u.status, status_detail = u.detail, segments = u.segments,
                    email_message_id = u.email_id, updated_at = ?
                  FROM u WHERE m.id = u.id AND m.status IN ('SUBMITTING', 'UNKNOWN') RETURNING m.id)
                INSERT INTO message_event (message_id, at, status, detail)
                SELECT u.id, ?, u.status, u.event_detail FROM u JOIN changed ON changed.id = u.id""")) {
            st.setArray(1, c.createArrayOf("uuid", col(outcomes, Outcome::messageId)));
            st.setArray(2, c.createArrayOf("text", col(outcomes, o -> o.status().name())));
            st.setArray(3, c.createArrayOf("text", col(outcomes, Outcome::detail)));
            st.setArray(4, c.createArrayOf("integer", col(outcomes, o -> o.smscIds().isEmpty() ? null : o.smscIds().size())));
            st.setArray(5, c.createArrayOf("text", col(outcomes, Outcome::emailMessageId)));
            st.setArray(6, c.createArrayOf("text", col(outcomes, o -> o.smscIds().isEmpty()
                    ? (o.detail() != null ? o.detail() : o.emailMessageId()) : "SMSC ids " + String.join(",", o.smscIds()))));
            st.setTimestamp(7, at);
            st.setTimestamp(8, at);
            st.executeUpdate();
        }
        List<Outcome> contacts = outcomes.stream().filter(o -> o.contactId() != null).toList();
        if (!contacts.isEmpty()) {
            try (PreparedStatement st = c.prepareStatement("""
                    WITH u AS (SELECT * FROM unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::boolean[])
                      AS u(campaign, contact, mid, status, detail, retryable)),
                    done AS (
                      UPDATE campaign_contact cc SET
                        state = CASE WHEN u.status = 'SENT' THEN 'SENT' WHEN u.status = 'UNKNOWN' THEN 'UNKNOWN'
                                     WHEN u.retryable AND cc.attempts + 1 < ? THEN 'PENDING' ELSE 'FAILED' END,
                        reason = CASE WHEN u.status = 'SENT' THEN NULL ELSE u.detail END,
                        attempts = cc.attempts + CASE WHEN cc.state = 'UNKNOWN' THEN 0 ELSE 1 END, last_attempt_at = ?
                      FROM u WHERE cc.campaign_id = u.campaign AND cc.contact_id = u.contact AND cc.message_id = u.mid
                        AND cc.state IN ('SUBMITTING', 'UNKNOWN')
                      RETURNING u.campaign, u.contact, u.mid, u.status, u.detail)
                    INSERT INTO campaign_attempt (campaign_id, contact_id, message_id, at, outcome, detail)
                    SELECT campaign, contact, mid, ?, CASE status WHEN 'SENT' THEN 'ACCEPTED' WHEN 'UNKNOWN' THEN 'UNKNOWN'
                      ELSE 'REJECTED' END, detail FROM done""")) {
                st.setArray(1, c.createArrayOf("uuid", col(contacts, Outcome::campaignId)));
                st.setArray(2, c.createArrayOf("text", col(contacts, Outcome::contactId)));
                st.setArray(3, c.createArrayOf("uuid", col(contacts, Outcome::messageId)));
                st.setArray(4, c.createArrayOf("text", col(contacts, o -> o.status().name())));
                st.setArray(5, c.createArrayOf("text", col(contacts, Outcome::detail)));
                st.setArray(6, c.createArrayOf("boolean", col(contacts, Outcome::retryable)));
                st.setInt(7, maxAttempts);
                st.setTimestamp(8, at);
                st.setTimestamp(9, at);
                st.executeUpdate();
            }
        }
        return Receipts.matchWaiting(c, partIds);
    }

    private static Set<UUID> ids(PreparedStatement st) throws SQLException {
        Set<UUID> out = new HashSet<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getObject(1, UUID.class));
            }
        }
        return out;
    }

    static <T> Object[] col(List<T> rows, Function<T, ?> f) {
        Object[] out = new Object[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.apply(rows.get(i));
        }
        return out;
    }
}
