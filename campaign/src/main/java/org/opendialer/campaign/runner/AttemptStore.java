package org.opendialer.campaign.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.campaign.settings.ResultKind;
import org.opendialer.contacts.Slice;
import org.opendialer.store.Jdbc;

/**
 * The attempt history: results set once (a row already settled is never overwritten, so a late event or a second
 * node cannot change it), the contact's dialing state kept in step in the same transaction, attempts left open by
 * a dead node ended {@code interrupted}, and the reads the gate and the abandon meter need. Blocks (JDBC).
 */
public final class AttemptStore implements Gate.History {

    /** The columns {@link #read} maps, in its order (the reports read attempts the same way). */
    public static final String COLUMNS = "id, campaign_id, contact_id, number, phone_column, node, created_at, caller_id,"
            + " trunk_group, call_id, result, sip_status, q850, disposition, cpa, amd_result, amd_evidence::text, live_answer,"
            + " abandoned, answered_at, ended_at, time_to_answer_ms, talk_ms, duration_ms, agent_id, time_to_agent_ms,"
            + " agent_talk_ms, wrap_up_ms";

    private final Jdbc jdbc;

    public AttemptStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    public void callPlaced(UUID attemptId, String callId) {
        jdbc.with("attempt call id", c -> exec(c, "UPDATE dial_attempt SET call_id = ? WHERE id = ?", callId, attemptId));
    }

    /** Settles an open attempt and its contact; false when it was settled already (e.g. ended interrupted). */
    public boolean finish(UUID attemptId, Outcome o) {
        return jdbc.tx("attempt finish", c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE dial_attempt SET result = ?, sip_status = ?, q850 = ?,"
                    + " disposition = ?, cpa = ?, amd_result = ?, amd_evidence = ?::jsonb, live_answer = ?, answered_at = ?,"
                    + " ended_at = ?, time_to_answer_ms = ?, talk_ms = ?, duration_ms = ?, abandoned = ?, agent_id = ?,"
                    + " interaction_id = ?, time_to_agent_ms = ?, agent_talk_ms = ? WHERE id = ? AND result IS NULL"
                    + " RETURNING list_id, contact_id")) {
                Object[] args = {o.result().wire(), o.sipStatus(), o.q850(), o.disposition(), o.cpa(), o.amdResult(),
                    o.amdEvidence(), o.liveAnswer(), ts(o.answeredAt()), ts(o.endedAt()), o.timeToAnswerMs(), o.talkMs(),
                    o.durationMs(), o.agent().abandoned(), o.agent().agentId(), o.agent().interactionId(),
                    o.agent().timeToAgentMs(), o.agent().agentTalkMs(), attemptId};
                bind(st, args);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    exec(c, "UPDATE contact SET last_result = ? WHERE list_id = ? AND id = ?", o.result().wire(),
                            rs.getObject(1, UUID.class), rs.getString(2));
                    return true;
                }
            }
        });
    }

    /** A settled attempt as pacing reads it back: result, ms to answer (or to the end), talk and wrap-up with an agent. */
    public record Paced(String result, Long toAnswerMs, Long agentTalkMs, Long wrapUpMs) {
    }

    /** The campaign's latest {@code limit} settled attempts, oldest first: a restarted pacer's statistics. */
    public List<Paced> recentSettled(UUID campaignId, int limit) {
        return jdbc.with("recent attempts", c -> {
            List<Paced> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT result, COALESCE(time_to_answer_ms, duration_ms),"
                    + " agent_talk_ms, wrap_up_ms FROM (SELECT * FROM dial_attempt WHERE campaign_id = ? AND result IS NOT NULL"
                    + " ORDER BY created_at DESC LIMIT ?) a ORDER BY created_at")) {
                bind(st, new Object[] {campaignId, limit});
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Paced(rs.getString(1), (Long) rs.getObject(2), (Long) rs.getObject(3), (Long) rs.getObject(4)));
                    }
                }
            }
            return out;
        });
    }

    /** The agent's wrap-up after this attempt's call, known once the agent left wrap-up. */
    public void wrapUp(UUID attemptId, long wrapUpMs) {
        jdbc.with("attempt wrap-up", c -> exec(c, "UPDATE dial_attempt SET wrap_up_ms = ? WHERE id = ?", wrapUpMs, attemptId));
    }

    /**
     * Ends every open attempt of {@code node} as {@code interrupted} (its calls died with it) and frees its
     * contacts for a later attempt, which counts: the INVITE may have left. Returns how many.
     */
    public int interrupt(String node, Instant at) {
        return jdbc.tx("attempts interrupted", c -> {
            int n = 0;
            try (PreparedStatement st = c.prepareStatement("UPDATE dial_attempt SET result = ?, ended_at = ?"
                    + " WHERE node = ? AND result IS NULL RETURNING list_id, contact_id")) {
                bind(st, new Object[] {ResultKind.INTERRUPTED.wire(), Timestamp.from(at), node});
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        n++;
                        exec(c, "UPDATE contact SET last_result = ? WHERE list_id = ? AND id = ? AND last_result = ?",
                                ResultKind.INTERRUPTED.wire(), rs.getObject(1, UUID.class), rs.getString(2), Candidate.IN_FLIGHT);
                    }
                }
            }
            return n;
        });
    }

    /** Nodes other than {@code self} with open attempts. */
    public List<String> nodesWithOpenAttempts(String self) {
        return jdbc.with("attempt owners", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT DISTINCT node FROM dial_attempt WHERE result IS NULL AND node <> ?")) {
                st.setString(1, self);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    public int open(UUID campaignId) {
        return jdbc.with("open attempts", c -> ContactClaims.open(c, campaignId));
    }

    @Override
    public int attemptsTo(UUID campaignId, String contactId, String number) {
        return (int) jdbc.count("attempts to number", "SELECT count(*) FROM dial_attempt WHERE campaign_id = ? AND contact_id = ? AND number = ?",
                campaignId, contactId, number);
    }

    @Override
    public Gate.History snapshot(UUID campaignId, java.util.Collection<String> contactIds, java.util.Collection<String> numbers) {
        return jdbc.with("attempt history (batch)", c -> {
            java.util.Map<String, Integer> tries = new java.util.HashMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT contact_id, number, count(*) FROM dial_attempt"
                    + " WHERE campaign_id = ? AND contact_id = ANY(?) GROUP BY contact_id, number")) {
                st.setObject(1, campaignId);
                st.setArray(2, c.createArrayOf("text", contactIds.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        tries.put(rs.getString(1) + "\n" + rs.getString(2), rs.getInt(3));
                    }
                }
            }
            java.util.Set<String> gone = new java.util.HashSet<>();
            try (PreparedStatement st = c.prepareStatement("SELECT DISTINCT number FROM dial_attempt"
                    + " WHERE number = ANY(?) AND result = 'sitDisconnected'")) {
                st.setArray(1, c.createArrayOf("text", numbers.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        gone.add(rs.getString(1));
                    }
                }
            }
            java.util.Set<String> contacts = java.util.Set.copyOf(contactIds);
            java.util.Set<String> read = java.util.Set.copyOf(numbers);
            AttemptStore live = this;
            return new Gate.History() {
                @Override
                public int attemptsTo(UUID campaign, String contactId, String number) {
                    return campaign.equals(campaignId) && contacts.contains(contactId) && read.contains(number)
                            ? tries.getOrDefault(contactId + "\n" + number, 0) : live.attemptsTo(campaign, contactId, number);
                }

                @Override
                public boolean disconnected(String number) {
                    return read.contains(number) ? gone.contains(number) : live.disconnected(number);
                }
            };
        });
    }

    @Override
    public boolean disconnected(String number) {
        return jdbc.count("disconnected number", "SELECT count(*) FROM dial_attempt WHERE number = ? AND result = 'sitDisconnected'", number) > 0;
    }

    /** Live answers since {@code since} in order, with whether each was abandoned: the abandon meter's history. */
    public List<Object[]> liveAnswers(UUID campaignId, Instant since) {
        return jdbc.with("live answers", c -> {
            List<Object[]> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT answered_at, abandoned FROM dial_attempt WHERE campaign_id = ?"
                    + " AND live_answer AND answered_at >= ? ORDER BY answered_at")) {
                bind(st, new Object[] {campaignId, Timestamp.from(since)});
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Object[] {rs.getTimestamp(1).toInstant(), rs.getBoolean(2)});
                    }
                }
            }
            return out;
        });
    }

    /** A live answer another node settled: what this node's abandon meter needs of it. */
    public record Answer(UUID id, Instant answeredAt, boolean abandoned, Instant endedAt) {
    }

    /**
     * The campaign's live answers that nodes other than {@code node} settled with an end after {@code endedAfter}
     * (calls placed within the 4 h before it, so the claim-time index bounds the scan).
     */
    public List<Answer> liveAnswersElsewhere(UUID campaignId, String node, Instant endedAfter) {
        return jdbc.with("other nodes' live answers", c -> {
            List<Answer> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id, answered_at, abandoned, ended_at FROM dial_attempt"
                    + " WHERE campaign_id = ? AND created_at > ? AND node <> ? AND live_answer AND ended_at > ?"
                    + " ORDER BY ended_at")) {
                bind(st, new Object[] {campaignId, Timestamp.from(endedAfter.minusSeconds(4 * 3600)), node,
                    Timestamp.from(endedAfter)});
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Timestamp answered = rs.getTimestamp(2);
                        Timestamp ended = rs.getTimestamp(4);
                        out.add(new Answer(rs.getObject(1, UUID.class), (answered != null ? answered : ended).toInstant(),
                                rs.getBoolean(3), ended.toInstant()));
                    }
                }
            }
            return out;
        });
    }

    /** Newest first. */
    public Slice<Attempt> page(UUID campaignId, int pageSize, int pageNumber) {
        return jdbc.with("attempts", c -> {
            List<Attempt> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM dial_attempt WHERE campaign_id = ?"
                    + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?")) {
                bind(st, new Object[] {campaignId, pageSize, Slice.offset(pageSize, pageNumber)});
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
            }
            return new Slice<>(out, jdbc.count("attempt count", "SELECT count(*) FROM dial_attempt WHERE campaign_id = ?", campaignId),
                    pageSize, pageNumber);
        });
    }

    public static Attempt read(ResultSet rs) throws SQLException {
        return new Attempt(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), (Integer) rs.getObject(12), (Integer) rs.getObject(13), rs.getString(14),
                rs.getString(15), rs.getString(16), rs.getString(17), rs.getBoolean(18), rs.getBoolean(19),
                instant(rs.getTimestamp(20)), instant(rs.getTimestamp(21)), (Long) rs.getObject(22), (Long) rs.getObject(23),
                (Long) rs.getObject(24), new Attempt.AgentTimes(rs.getObject(25, UUID.class), (Long) rs.getObject(26),
                (Long) rs.getObject(27), (Long) rs.getObject(28)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static int exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            bind(st, args);
            return st.executeUpdate();
        }
    }

    private static void bind(PreparedStatement st, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                st.setNull(i + 1, Types.NULL);
            } else {
                st.setObject(i + 1, args[i]);
            }
        }
    }
}
