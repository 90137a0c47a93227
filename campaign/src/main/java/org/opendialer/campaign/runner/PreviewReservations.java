package org.opendialer.campaign.runner;

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
import org.opendialer.acd.routing.AgentState;
import org.opendialer.acd.routing.AgentStore;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignSettings;
import org.opendialer.store.Jdbc;

/**
 * Preview reservations in PostgreSQL (V28 {@code campaign_preview}): a record reserved for one agent through the
 * same gate as every claim (DNC, hours, attempts, rules), the agent moved to PREVIEWING in the same transaction;
 * the agent's call commits the attempt (the gate asked again) before the INVITE; a skip, or an agent who left,
 * gives the record back as it was. Every change is one transaction on locked rows, so two nodes (or a restart)
 * agree on what is open and nothing is dialled twice. Blocks (JDBC).
 */
final class PreviewReservations {

    /** An open preview as stored. */
    record Open(UUID id, UUID campaignId, UUID agentId, String contactId, String state, Instant offeredAt) {
    }

    /** An agent that may be given a record: AVAILABLE in the campaign's queue, no preview open. */
    record Free(UUID agentId, String sipUser) {
    }

    private final Jdbc jdbc;

    PreviewReservations(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    List<Free> freeAgents(UUID queueId) {
        return jdbc.with("preview agents", c -> {
            List<Free> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT u.id, u.sip_user FROM routing_user u JOIN routing_queue_member m"
                    + " ON m.user_id = u.id WHERE m.queue_id = ? AND u.state = 'AVAILABLE' AND NOT EXISTS (SELECT 1 FROM"
                    + " campaign_preview p WHERE p.agent_id = u.id AND p.state IN ('offered', 'dialing')) ORDER BY u.idle_since")) {
                st.setObject(1, queueId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Free(rs.getObject(1, UUID.class), rs.getString(2)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Reserves the first record the gate passes for {@code agent} and makes it PREVIEWING; empty when the agent is
     * no longer AVAILABLE or no record may be previewed to it now.
     */
    Optional<UUID> reserve(Campaign campaign, Gate gate, Free agent, Instant now) {
        CampaignSettings s = campaign.settings();
        return jdbc.tx("preview reserve", c -> {
            ContactClaims.lock(c, campaign.id());
            try (PreparedStatement st = c.prepareStatement("SELECT state FROM routing_user WHERE id = ? FOR UPDATE")) {
                st.setObject(1, agent.agentId());
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next() || !rs.getString(1).equals(AgentState.AVAILABLE.name())) {
                        return Optional.empty();
                    }
                }
            }
            List<Candidate> scan = ContactClaims.candidates(c, s, now,
                    PreviewScope.forAgent(s, campaign.id(), agent.agentId(), agent.sipUser(), now));
            UUID[] id = new UUID[1];
            ContactClaims.judge(c, campaign, gate, scan, 1, now, (cand, v) -> {
                id[0] = UUID.randomUUID();
                exec(c, "INSERT INTO campaign_preview (id, campaign_id, agent_id, list_id, contact_id, state, prev_last_result,"
                        + " offered_at) VALUES (?, ?, ?, ?, ?, 'offered', ?, ?)", id[0], campaign.id(), agent.agentId(),
                        s.contactListId(), cand.contactId(), cand.lastResult(), Timestamp.from(now));
                ContactClaims.update(c, s.contactListId(), cand.contactId(), "UPDATE contact SET last_result = ?",
                        Candidate.PREVIEWING);
                Decisions.log(c, campaign.id(), cand.contactId(), now, new Verdict(false, "previewed", v.number(),
                        v.column(), "shown to agent " + agent.agentId() + " before any call"));
            });
            if (id[0] != null) {
                AgentStore.moveIf(c, agent.agentId(), AgentState.AVAILABLE, AgentState.Event.PREVIEW, now);
            }
            return Optional.ofNullable(id[0]);
        });
    }

    List<Open> open(UUID campaignId) {
        return jdbc.with("open previews", c -> {
            List<Open> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id, campaign_id, agent_id, contact_id, state, offered_at"
                    + " FROM campaign_preview WHERE campaign_id = ? AND state IN ('offered', 'dialing')")) {
                st.setObject(1, campaignId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Open(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                                rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()));
                    }
                }
            }
            return out;
        });
    }

    /** The open preview {@code id} locked for a decision, if it is still offered to {@code agentId}. */
    static Optional<Open> lockOffered(Connection c, UUID id, UUID agentId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT id, campaign_id, agent_id, contact_id, state, offered_at"
                + " FROM campaign_preview WHERE id = ? AND agent_id = ? AND state = 'offered' FOR UPDATE")) {
            st.setObject(1, id);
            st.setObject(2, agentId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(new Open(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant()))
                        : Optional.empty();
            }
        }
    }

    /**
     * The record back to the list as it was (its last result before the preview), the preview ended in
     * {@code state} ({@code skipped} or {@code released}) with the decision logged; the agent AVAILABLE again
     * if it is still PREVIEWING.
     */
    static void giveBack(Connection c, UUID previewId, String state, String by, String code, String detail, Instant now)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE campaign_preview SET state = ?, decided_at = ?, decided_by = ?"
                + " WHERE id = ? AND state = 'offered' RETURNING campaign_id, agent_id, list_id, contact_id, prev_last_result")) {
            st.setString(1, state);
            st.setTimestamp(2, Timestamp.from(now));
            st.setString(3, by);
            st.setObject(4, previewId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                UUID campaignId = rs.getObject(1, UUID.class);
                UUID agent = rs.getObject(2, UUID.class);
                exec(c, "UPDATE contact SET last_result = ? WHERE list_id = ? AND id = ? AND last_result = ?",
                        rs.getString(5), rs.getObject(3, UUID.class), rs.getString(4), Candidate.PREVIEWING);
                Decisions.log(c, campaignId, rs.getString(4), now, new Verdict(false, code, null, null, detail));
                AgentStore.moveIf(c, agent, AgentState.PREVIEWING, AgentState.Event.GO_AVAILABLE, now);
            }
        }
    }

    /** Offered previews whose agent left PREVIEWING (break, sign-out, available again): records given back. */
    int releaseAbandoned(UUID campaignId, Instant now) {
        return jdbc.tx("previews released", c -> {
            List<UUID> gone = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT p.id FROM campaign_preview p JOIN routing_user u ON u.id = p.agent_id"
                    + " WHERE p.campaign_id = ? AND p.state = 'offered' AND u.state <> 'PREVIEWING' FOR UPDATE OF p SKIP LOCKED")) {
                st.setObject(1, campaignId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        gone.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            for (UUID id : gone) {
                giveBack(c, id, "released", "agent", "previewReleased", "the agent left the preview; not dialled", now);
            }
            return gone.size();
        });
    }

    /** Every offered preview of a campaign that stops: records given back, agents AVAILABLE. */
    void releaseAll(UUID campaignId, Instant now) {
        jdbc.tx("previews of a stopping campaign", c -> {
            for (Open o : openIn(c, campaignId)) {
                if (o.state().equals("offered")) {
                    giveBack(c, o.id(), "released", "campaign", "previewReleased", "the campaign stopped; not dialled", now);
                }
            }
            return null;
        });
    }

    /**
     * Dialling previews whose attempt is settled (normally by the call's end; after a crash, ended interrupted by the
     * runner's sweep): done, and the agent AVAILABLE again if its call never reached it.
     */
    void settle(UUID campaignId, Instant now) {
        jdbc.tx("previews settled", c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE campaign_preview p SET state = 'done' FROM dial_attempt a"
                    + " WHERE p.campaign_id = ? AND p.state = 'dialing' AND a.id = p.attempt_id AND a.result IS NOT NULL"
                    + " RETURNING p.agent_id")) {
                st.setObject(1, campaignId);
                List<UUID> agents = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        agents.add(rs.getObject(1, UUID.class));
                    }
                }
                for (UUID a : agents) {
                    AgentStore.moveIf(c, a, AgentState.PREVIEWING, AgentState.Event.GO_AVAILABLE, now);
                }
            }
            return null;
        });
    }

    private static List<Open> openIn(Connection c, UUID campaignId) throws SQLException {
        List<Open> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT id FROM campaign_preview WHERE campaign_id = ? AND state = 'offered'"
                + " FOR UPDATE SKIP LOCKED")) {
            st.setObject(1, campaignId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Open(rs.getObject(1, UUID.class), campaignId, null, null, "offered", null));
                }
            }
        }
        return out;
    }

    static int exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            return st.executeUpdate();
        }
    }
}
