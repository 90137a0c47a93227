package org.opendialer.campaign.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignSettings;
import org.opendialer.campaign.settings.ResultKind;
import org.opendialer.store.AdvisoryLock;
import org.opendialer.store.Jdbc;

/**
 * Picks the next contacts of a campaign and records each attempt <em>before</em> its INVITE: one transaction per
 * tick and campaign takes the campaign's advisory lock (so two nodes never both fill the same free lines), reads
 * candidates in dialling order with {@code FOR UPDATE SKIP LOCKED}, asks the {@link Gate}, and for each contact to
 * dial inserts the attempt row and marks the contact in flight. Only after the commit are the calls placed, so a
 * crash can leave an attempt without a call, never a call without its attempt. External DNC providers are asked
 * before that transaction ({@link Gate#scrubbed}), never while it holds locks. Blocks (JDBC; the scrub, HTTP).
 */
public final class ContactClaims {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> ROW = new TypeReference<>() { };
    /** Candidates read per claim beyond those wanted: the gate skips some (hours, DNC) and the scan goes on. */
    static final int SCAN = 200;
    /** The columns {@link #read} reads. */
    static final String CANDIDATE = "id, data, callable, attempts, last_result, last_attempt_at, skip_reason, callback_at, callback_number";

    /** A contact claimed for one attempt. */
    public record Claim(UUID attemptId, Candidate contact, Verdict verdict) {
    }

    private final Jdbc jdbc;

    public ContactClaims(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /**
     * Claims up to {@code want} contacts, never beyond the campaign's free lines over all nodes; writes the decision
     * log for every change of verdict. Records the campaign previews (owned or forced, {@link PreviewScope}) are not
     * auto-dialled.
     */
    public List<Claim> claim(Campaign campaign, Gate gate, int want, Instant now, String node) {
        CampaignSettings s = campaign.settings();
        // External DNC providers answer over the network (up to their budget): asked before the transaction, so
        // the advisory lock and the contacts' row locks are never held meanwhile; a kill -9 during the scrub leaves
        // nothing claimed. Inside, a contact the scrub did not cover (read since by a concurrent change) waits.
        Gate judged = gate.asksOutside() ? gate.scrubbed(peek(campaign, want, now)) : gate;
        return jdbc.tx("campaign claim", c -> {
            lock(c, campaign.id());
            int free = Math.min(want, s.maxLines() - open(c, campaign.id()));
            List<Claim> out = new ArrayList<>();
            if (free <= 0) {
                return out;
            }
            judge(c, campaign, judged, candidates(c, s, now, PreviewScope.autoDialled(s)), free, now, (cand, v) -> {
                UUID id = UUID.randomUUID();
                attempt(c, id, campaign, cand, v, now, node);
                out.add(new Claim(id, cand, v));
            });
            return out;
        });
    }

    /** The candidates a claim would scan now, read without locks (none when the campaign has no free line). */
    private List<Candidate> peek(Campaign campaign, int want, Instant now) {
        CampaignSettings s = campaign.settings();
        return jdbc.with("campaign claim peek", c -> Math.min(want, s.maxLines() - open(c, campaign.id())) <= 0 ? List.of()
                : candidates(c, s, now, PreviewScope.autoDialled(s), false));
    }

    /** What a claim does with a contact the gate lets through (inside the claim's transaction). */
    @FunctionalInterface
    interface Take {
        void take(Candidate cand, Verdict v) throws SQLException;
    }

    static void lock(Connection c, UUID campaignId) throws SQLException {
        AdvisoryLock.CAMPAIGN_CLAIM.lockForTransaction(c, campaignId.toString());
    }

    /**
     * The gate over {@code scan} in order until {@code free} contacts are taken: each passing one to {@code take},
     * the others' skip reasons stored (and the decision log written) when they change.
     */
    static void judge(Connection c, Campaign campaign, Gate gate, List<Candidate> scan, int free, Instant now, Take take)
            throws SQLException {
        CampaignSettings s = campaign.settings();
        Gate batch = gate.forBatch(scan, now);
        int taken = 0;
        for (Candidate cand : scan) {
            if (taken >= free) {
                break;
            }
            Verdict v = batch.judge(cand, now);
            if (v.dial()) {
                take.take(cand, v);
                taken++;
            }
            if (v.rules().priority() != null) {
                update(c, s.contactListId(), cand.contactId(), "UPDATE contact SET priority = ?", v.rules().priority());
            }
            if (v.dial()) {
                continue;
            }
            if (!v.code().equals(cand.skipReason()) && !v.code().equals("retryDelay")) {
                update(c, s.contactListId(), cand.contactId(), "UPDATE contact SET skip_reason = ?"
                        + (v.permanent() ? ", callable = false" : ""), v.code());
                Decisions.log(c, campaign.id(), cand.contactId(), now, v);
            }
        }
    }

    /** The attempt row, the contact in flight and the decision log: committed before the INVITE. */
    static void attempt(Connection c, UUID id, Campaign campaign, Candidate cand, Verdict v, Instant now, String node)
            throws SQLException {
        insertAttempt(c, id, campaign, cand, v, now, node);
        update(c, campaign.settings().contactListId(), cand.contactId(), "UPDATE contact SET attempts = attempts + 1,"
                + " callback_at = NULL, callback_agent_id = NULL, callback_number = NULL, last_attempt_at = ?, last_result = '" + Candidate.IN_FLIGHT + "', skip_reason = NULL",
                Timestamp.from(now));
        Decisions.log(c, campaign.id(), cand.contactId(), now, v);
    }

    /** Contacts that may still be dialled some day (callable, under the limit, not reached, not in flight). */
    public long pending(Campaign campaign) {
        CampaignSettings s = campaign.settings();
        return jdbc.count("campaign pending", "SELECT count(*) FROM contact WHERE list_id = ? AND callable AND attempts < ?"
                + " AND (last_result IS NULL OR last_result NOT IN (" + finals() + ") OR callback_at IS NOT NULL)"
                + " AND (skip_reason IS NULL OR skip_reason NOT IN ('dnc', 'numberAttemptLimit', 'filtered'))",
                s.contactListId(), s.maxAttemptsPerContact());
    }

    static int open(Connection c, UUID campaignId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM dial_attempt WHERE campaign_id = ? AND result IS NULL")) {
            st.setObject(1, campaignId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    static List<Candidate> candidates(Connection c, CampaignSettings s, Instant now, PreviewScope scope) throws SQLException {
        return candidates(c, s, now, scope, true);
    }

    /** @param lock whether to lock the rows read ({@code FOR UPDATE SKIP LOCKED}), inside a claim's transaction */
    static List<Candidate> candidates(Connection c, CampaignSettings s, Instant now, PreviewScope scope, boolean lock)
            throws SQLException {
        StringBuilder order = new StringBuilder("priority DESC");
        List<Object> args = new ArrayList<>(List.of(s.contactListId(), s.maxAttemptsPerContact()));
        StringBuilder where = new StringBuilder();
        for (CampaignSettings.Filter f : s.filters()) { // the gate checks them again; here they narrow the scan
            where.append(" AND ").append(switch (f.operator()) {
                case EQUALS -> "coalesce(data->>?, '') = ?";
                case NOT_EQUALS -> "coalesce(data->>?, '') <> ?";
                case CONTAINS -> "strpos(lower(coalesce(data->>?, '')), lower(?)) > 0";
                case EMPTY -> "coalesce(data->>?, '') = ''";
                case NOT_EMPTY -> "coalesce(data->>?, '') <> ''";
            });
            args.add(f.column());
            if (f.operator() != CampaignSettings.Filter.Operator.EMPTY && f.operator() != CampaignSettings.Filter.Operator.NOT_EMPTY) {
                args.add(f.value());
            }
        }
        where.append(scope.sql());
        args.addAll(scope.args());
        List<Object> orderArgs = new ArrayList<>();
        for (CampaignSettings.SortKey k : s.sorting()) {
            order.append(", data->>? ").append(k.descending() ? "DESC" : "ASC");
            orderArgs.add(k.column());
        }
        args.addAll(orderArgs);
        args.add(SCAN);
        String sql = "SELECT " + CANDIDATE + " FROM contact WHERE list_id = ? AND callable AND attempts < ? AND (last_result IS NULL"
                + " OR last_result NOT IN ('" + Candidate.IN_FLIGHT + "', '" + Candidate.PREVIEWING + "') AND (last_result NOT IN (" + finals() + ") OR callback_at IS NOT NULL))" + where + " ORDER BY " + order + ", seq LIMIT ?" + (lock ? " FOR UPDATE SKIP LOCKED" : "");
        List<Candidate> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                st.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    static Candidate read(ResultSet rs) throws SQLException {
        Timestamp last = rs.getTimestamp(6);
        Timestamp callback = rs.getTimestamp(8);
        try {
            return new Candidate(rs.getString(1), JSON.readValue(rs.getString(2), ROW), rs.getBoolean(3), rs.getInt(4),
                    rs.getString(5), last == null ? null : last.toInstant(), rs.getString(7), callback == null ? null : callback.toInstant(), rs.getString(9));
        } catch (JsonProcessingException e) {
            throw new SQLException("contact " + rs.getString(1) + " is not JSON", e);
        }
    }

    static String finals() {
        StringBuilder b = new StringBuilder();
        for (ResultKind k : ResultKind.values()) {
            if (k.isFinal()) {
                b.append(b.isEmpty() ? "" : ", ").append('\'').append(k.wire()).append('\'');
            }
        }
        return b.toString();
    }

    private static void insertAttempt(Connection c, UUID id, Campaign campaign, Candidate cand, Verdict v, Instant now,
                                      String node) throws SQLException {
        CampaignSettings s = campaign.settings();
        try (PreparedStatement st = c.prepareStatement("INSERT INTO dial_attempt (id, campaign_id, list_id, contact_id,"
                + " number, phone_column, node, created_at, caller_id, trunk_group) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setObject(1, id);
            st.setObject(2, campaign.id());
            st.setObject(3, s.contactListId());
            st.setString(4, cand.contactId());
            st.setString(5, v.number());
            st.setString(6, v.column());
            st.setString(7, node);
            st.setTimestamp(8, Timestamp.from(now));
            String number = v.rules().callerId() != null ? v.rules().callerId() : s.callerIdAddress();
            st.setString(9, s.callerIdName().isEmpty() ? number : s.callerIdName() + " <" + number + ">");
            st.setString(10, s.trunkGroup());
            st.executeUpdate();
        }
    }

    static void update(Connection c, UUID listId, String contactId, String set, Object arg) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(set + " WHERE list_id = ? AND id = ?")) {
            st.setObject(1, arg);
            st.setObject(2, listId);
            st.setString(3, contactId);
            st.executeUpdate();
        }
    }
}
