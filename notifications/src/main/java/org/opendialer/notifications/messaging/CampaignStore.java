package org.opendialer.notifications.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.store.Jdbc;

/** Messaging campaigns, where each contact stands, and the attempt history. Blocks (JDBC). */
public final class CampaignStore {

    /** A contact waiting to be sent to, with its list row as JSON. */
    public record PendingContact(String contactId, int lineNo, String dataJson, int attempts, String timeZone) {
    }

    /** One line of the results export. */
    public record ResultRow(String contactId, int lineNo, String address, String state, String reason, int attempts,
                            Instant lastAttemptAt, UUID messageId, String messageStatus, String messageDetail) {
    }

    /** One attempt of the detailed history. */
    public record Attempt(String contactId, UUID messageId, Instant at, String outcome, String detail) {
    }

    private static final String COLUMNS = """
            id, name, channel, contact_list_id, address_column, from_address, subject, template, html_template,
            message_column, messages_per_minute, callable_from, callable_to, default_time_zone, status, created_at, updated_at""";

    private final Jdbc jdbc;

    public CampaignStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** Stores the campaign (OFF) and one PENDING row per contact of its list, in one transaction. */
    public MessagingCampaign create(MessagingCampaign c, Instant now) {
        return jdbc.tx("create campaign", conn -> {
            try (PreparedStatement st = conn.prepareStatement("INSERT INTO messaging_campaign (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OFF', ?, ?) ON CONFLICT (name) DO NOTHING")) {
                int i = bind(st, c);
                st.setTimestamp(i++, Timestamp.from(now));
                st.setTimestamp(i, Timestamp.from(now));
                if (st.executeUpdate() == 0) {
                    throw new IllegalArgumentException("name: a campaign named '" + c.name() + "' exists already");
                }
            }
            try (PreparedStatement st = conn.prepareStatement("""
                    INSERT INTO campaign_contact (campaign_id, contact_id, line_no, state)
                    SELECT ?, id, line_no, 'PENDING' FROM contact WHERE list_id = ?""")) {
                st.setObject(1, c.id());
                st.setObject(2, c.contactListId());
                st.executeUpdate();
            }
            return one(conn, c.id()).orElseThrow();
        });
    }

    /** Replaces the settings (not the list, not the status). */
    public Optional<MessagingCampaign> update(MessagingCampaign c, Instant now) {
        return jdbc.tx("update campaign", conn -> {
            try (PreparedStatement st = conn.prepareStatement("""
                    UPDATE messaging_campaign SET name = ?, address_column = ?, from_address = ?, subject = ?, template = ?,
                      html_template = ?, message_column = ?, messages_per_minute = ?, callable_from = ?, callable_to = ?,
                      default_time_zone = ?, updated_at = ? WHERE id = ?""")) {
                st.setString(1, c.name());
                st.setString(2, c.addressColumn());
                st.setString(3, c.fromAddress());
                st.setString(4, c.subject());
                st.setString(5, c.template());
                st.setString(6, c.htmlTemplate());
                st.setString(7, c.messageColumn());
                st.setInt(8, c.messagesPerMinute());
                st.setTime(9, c.callableFrom() == null ? null : Time.valueOf(c.callableFrom()));
                st.setTime(10, c.callableTo() == null ? null : Time.valueOf(c.callableTo()));
                st.setString(11, c.defaultTimeZone().getId());
                st.setTimestamp(12, Timestamp.from(now));
                st.setObject(13, c.id());
                if (st.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            return one(conn, c.id());
        });
    }

    private static int bind(PreparedStatement st, MessagingCampaign c) throws SQLException {
        int i = 1;
        st.setObject(i++, c.id());
        st.setString(i++, c.name());
        st.setString(i++, c.channel().name());
        st.setObject(i++, c.contactListId());
        st.setString(i++, c.addressColumn());
        st.setString(i++, c.fromAddress());
        st.setString(i++, c.subject());
        st.setString(i++, c.template());
        st.setString(i++, c.htmlTemplate());
        st.setString(i++, c.messageColumn());
        st.setInt(i++, c.messagesPerMinute());
        st.setTime(i++, c.callableFrom() == null ? null : Time.valueOf(c.callableFrom()));
        st.setTime(i++, c.callableTo() == null ? null : Time.valueOf(c.callableTo()));
        st.setString(i++, c.defaultTimeZone().getId());
        return i;
    }

    public Optional<MessagingCampaign> find(UUID id) {
        return jdbc.with("campaign", c -> one(c, id));
    }

    public List<MessagingCampaign> list() {
        return jdbc.with("campaigns", c -> many(c, "TRUE ORDER BY created_at"));
    }

    public List<MessagingCampaign> running() {
        return jdbc.with("running campaigns", c -> many(c, "status = 'ON' ORDER BY created_at"));
    }

    public boolean delete(UUID id) {
        return jdbc.tx("delete campaign", c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM messaging_campaign WHERE id = ? AND status <> 'ON'")) {
                st.setObject(1, id);
                return st.executeUpdate() > 0;
            }
        });
    }

    public Optional<MessagingCampaign> setStatus(UUID id, MessagingCampaign.Status status, Instant now) {
        return jdbc.with("campaign status", c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE messaging_campaign SET status = ?, updated_at = ? WHERE id = ?")) {
                st.setString(1, status.name());
                st.setTimestamp(2, Timestamp.from(now));
                st.setObject(3, id);
                st.executeUpdate();
            }
            return one(c, id);
        });
    }

    /** Pending contacts in list order, at most {@code limit}. */
    public List<PendingContact> pending(UUID campaignId, int limit) {
        return jdbc.with("pending contacts", c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT cc.contact_id, cc.line_no, ct.data::text, cc.attempts, ct.data ->> l.timezone_column
                    FROM campaign_contact cc
                    JOIN messaging_campaign m ON m.id = cc.campaign_id
                    JOIN contact_list l ON l.id = m.contact_list_id
                    JOIN contact ct ON ct.list_id = m.contact_list_id AND ct.id = cc.contact_id
                    WHERE cc.campaign_id = ? AND cc.state = 'PENDING' ORDER BY cc.line_no LIMIT ?""")) {
                st.setObject(1, campaignId);
                st.setInt(2, limit);
                List<PendingContact> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new PendingContact(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getString(5)));
                    }
                }
                return out;
            }
        });
    }

    /** One contact's outcome of a tick, for {@link #recordAll}. */
    public record Outcome(String contactId, String state, String reason, String address, UUID messageId, String attemptOutcome,
                          boolean countsAsAttempt) {
    }

    /**
     * Records a tick's skips (and suppressions) in one transaction: the contact's new state and a history row,
     * for contacts still PENDING only.
     */
    public void recordAll(UUID campaignId, List<Outcome> outcomes, Instant now) {
        if (outcomes.isEmpty()) {
            return;
        }
        jdbc.tx("campaign attempts", c -> {
            java.sql.Array contacts = c.createArrayOf("text", outcomes.stream().map(Outcome::contactId).toArray());
            java.sql.Array reasons = c.createArrayOf("text", outcomes.stream().map(Outcome::reason).toArray());
            java.sql.Array messages = c.createArrayOf("uuid", outcomes.stream().map(Outcome::messageId).toArray());
            // Only contacts still PENDING: one another node has claimed meanwhile is its to record.
            try (PreparedStatement st = c.prepareStatement("""
                    WITH u AS (SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::int[], ?::text[])
                      AS u(contact_id, state, reason, address, message_id, attempt, outcome)),
                    done AS (
                      UPDATE campaign_contact cc SET state = u.state, reason = u.reason, address = coalesce(u.address, cc.address),
                        message_id = coalesce(u.message_id, cc.message_id), attempts = cc.attempts + u.attempt, last_attempt_at = ?
                      FROM u WHERE cc.campaign_id = ? AND cc.contact_id = u.contact_id AND cc.state = 'PENDING'
                      RETURNING u.contact_id, u.message_id, u.outcome, u.reason)
                    INSERT INTO campaign_attempt (campaign_id, contact_id, message_id, at, outcome, detail)
                    SELECT ?, contact_id, message_id, ?, outcome, reason FROM done""")) {
                st.setArray(1, contacts);
                st.setArray(2, c.createArrayOf("text", outcomes.stream().map(Outcome::state).toArray()));
                st.setArray(3, reasons);
                st.setArray(4, c.createArrayOf("text", outcomes.stream().map(Outcome::address).toArray()));
                st.setArray(5, messages);
                st.setArray(6, c.createArrayOf("integer", outcomes.stream().map(o -> o.countsAsAttempt() ? 1 : 0).toArray()));
                st.setArray(7, c.createArrayOf("text", outcomes.stream().map(Outcome::attemptOutcome).toArray()));
                st.setTimestamp(8, Timestamp.from(now));
                st.setObject(9, campaignId);
                st.setObject(10, campaignId);
                st.setTimestamp(11, Timestamp.from(now));
                st.executeUpdate();
            }
            return null;
        });
    }

    public MessagingCampaign.Progress progress(MessagingCampaign campaign) {
        return jdbc.with("campaign progress", c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT count(*), count(*) FILTER (WHERE cc.state IN ('PENDING', 'SUBMITTING')), count(*) FILTER (WHERE cc.state = 'SENT'),
                      count(*) FILTER (WHERE cc.state = 'SKIPPED'), count(*) FILTER (WHERE cc.state = 'FAILED'),
                      count(*) FILTER (WHERE m.status = 'DELIVERED'),
                      count(*) FILTER (WHERE m.status IN ('FAILED', 'EXPIRED', 'BOUNCED')),
                      count(*) FILTER (WHERE cc.state = 'UNKNOWN')
                    FROM campaign_contact cc LEFT JOIN message m ON m.id = cc.message_id WHERE cc.campaign_id = ?""")) {
                st.setObject(1, campaign.id());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    int total = rs.getInt(1);
                    int pending = rs.getInt(2);
                    return new MessagingCampaign.Progress(campaign.id(), campaign.status(), total, total - pending, pending,
                            rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8));
                }
            }
        });
    }

    /** Every contact's outcome in list order, for the export. */
    public List<ResultRow> results(UUID campaignId) {
        return jdbc.with("campaign results", c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT cc.contact_id, cc.line_no, cc.address, cc.state, cc.reason, cc.attempts, cc.last_attempt_at,
                      cc.message_id, m.status, m.status_detail
                    FROM campaign_contact cc LEFT JOIN message m ON m.id = cc.message_id
                    WHERE cc.campaign_id = ? ORDER BY cc.line_no""")) {
                st.setObject(1, campaignId);
                List<ResultRow> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Timestamp at = rs.getTimestamp(7);
                        out.add(new ResultRow(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getInt(6), at == null ? null : at.toInstant(), rs.getObject(8, UUID.class), rs.getString(9),
                                rs.getString(10)));
                    }
                }
                return out;
            }
        });
    }

    public List<Attempt> attempts(UUID campaignId) {
        return jdbc.with("campaign attempts", c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT contact_id, message_id, at, outcome, detail FROM campaign_attempt WHERE campaign_id = ? ORDER BY id")) {
                st.setObject(1, campaignId);
                List<Attempt> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Attempt(rs.getString(1), rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant(),
                                rs.getString(4), rs.getString(5)));
                    }
                }
                return out;
            }
        });
    }

    private static Optional<MessagingCampaign> one(Connection c, UUID id) throws SQLException {
        return many(c, "id = ?", id).stream().findFirst();
    }

    private static List<MessagingCampaign> many(Connection c, String where, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM messaging_campaign WHERE " + where)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            List<MessagingCampaign> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Time from = rs.getTime(12);
                    Time to = rs.getTime(13);
                    out.add(new MessagingCampaign(rs.getObject(1, UUID.class), rs.getString(2), Channel.valueOf(rs.getString(3)),
                            rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), rs.getInt(11), from == null ? null : from.toLocalTime(),
                            to == null ? null : to.toLocalTime(), ZoneId.of(rs.getString(14)),
                            MessagingCampaign.Status.valueOf(rs.getString(15)), rs.getTimestamp(16).toInstant(),
                            rs.getTimestamp(17).toInstant()));
                }
            }
            return out;
        }
    }
}
