package org.opendialer.campaign.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
     * no longer AVAILABLE or no record may be previewed to it now. The agent's own due callbacks are judged first.
     * External DNC providers answer over the network (up to their budget): they are asked before the transaction,
     * as a claim does ({@link ContactClaims#claim}), so no lock is held meanwhile and a kill -9 during the scrub
     * leaves nothing reserved; a record the scrub did not cover waits for a later tick.
     */
    Optional<UUID> reserve(Campaign campaign, Gate gate, Free agent, Instant now) {
        CampaignSettings s = campaign.settings();
        Gate judged = gate.asksOutside()
                ? gate.scrubbed(jdbc.with("preview reserve peek", c -> scan(c, campaign, agent, now, false)).all())
                : gate;
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
            Scan scan = scan(c, campaign, agent, now, true);
            UUID[] id = new UUID[1];
            ContactClaims.judge(c, campaign, judged, scan.all(), 1, now, (cand, v) -> {
                id[0] = UUID.randomUUID();
                exec(c, "INSERT INTO campaign_preview (id, campaign_id, agent_id, list_id, contact_id, state, prev_last_result,"
                        + " offered_at) VALUES (?, ?, ?, ?, ?, 'offered', ?, ?)", id[0], campaign.id(), agent.agentId(),
                        s.contactListId(), cand.contactId(), cand.lastResult(), Timestamp.from(now));
                ContactClaims.update(c, s.contactListId(), cand.contactId(), "UPDATE contact SET last_result = ?",
                        Candidate.PREVIEWING);
                Decisions.log(c, campaign.id(), cand.contactId(), now, new Verdict(false, "previewed", v.number(),
                        v.column(), (scan.ownCallbacks().contains(cand.contactId()) ? "the callback it scheduled, " : "")
                        + "shown to agent " + agent.agentId() + " before any call"));
            });
            if (id[0] != null) {
                AgentStore.moveIf(c, agent.agentId(), AgentState.AVAILABLE, AgentState.Event.PREVIEW, now);
            }
            return Optional.ofNullable(id[0]);
        });
    }

    /** What one agent's reservation scans: its own due callbacks first, then the records it may be shown. */
    private record Scan(List<Candidate> all, Set<String> ownCallbacks) {
    }

    private static Scan scan(Connection c, Campaign campaign, Free agent, Instant now, boolean lock) throws SQLException {
        CampaignSettings s = campaign.settings();
        List<Candidate> own = ContactClaims.candidates(c, s, now, PreviewScope.ownCallbacks(agent.agentId(), now), lock);
        Set<String> ids = new HashSet<>();
        own.forEach(x -> ids.add(x.contactId()));
        List<Candidate> all = new ArrayList<>(own);
        for (Candidate x : ContactClaims.candidates(c, s, now,
                PreviewScope.forAgent(s, campaign.id(), agent.agentId(), agent.sipUser(), now), lock)) {
            if (!ids.contains(x.contactId())) {
                all.add(x);
            }
        }
        return new Scan(all, ids);
    }

    /** Whether the campaign has a callback due now that waits for the agent who scheduled it. */
    boolean ownedCallbackDue(Campaign campaign, Instant now) {
        return jdbc.count("owned callbacks due", "SELECT count(*) FROM contact WHERE list_id = ? AND callback_agent_id"
                + " IS NOT NULL AND callback_at <= ?", campaign.settings().contactListId(), Timestamp.from(now)) > 0;
    }

    /**
     * Due callbacks whose scheduling agent is away (not signed in, on break, not in the campaign's queue) or did not
     * take them within {@code agentMode.callbackOwnerWaitSeconds}: any agent of the queue may have them now, and the
     * decision log says why ({@code callbackToQueue}). One on its owner's open card stays.
     */
    int releaseOwnedCallbacks(Campaign campaign, Instant now) {
        CampaignSettings s = campaign.settings();
        int wait = s.agentMode().callbackOwnerWaitSeconds();
        return jdbc.tx("owned callbacks released", c -> {
            List<String[]> gone = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("WITH r AS (SELECT k.id, k.callback_agent_id, k.callback_at <= ?"
                    + " AS waited, (SELECT u.state FROM routing_user u JOIN routing_queue_member m ON m.user_id = u.id"
                    + " AND m.queue_id = ? WHERE u.id = k.callback_agent_id) AS owner_state FROM contact k WHERE"
                    + " k.list_id = ? AND k.callback_agent_id IS NOT NULL AND k.callback_at <= ?"
                    + " AND coalesce(k.last_result, '') <> ? FOR UPDATE SKIP LOCKED)"
                    + " UPDATE contact k SET callback_agent_id = NULL FROM r WHERE k.list_id = ? AND k.id = r.id"
                    + " AND (r.waited OR r.owner_state IS NULL OR r.owner_state NOT IN (" + SIGNED_IN + "))"
                    + " RETURNING r.id, r.callback_agent_id, r.waited, r.owner_state")) {
                bind(st, Timestamp.from(now.minusSeconds(wait)), s.queueId(), s.contactListId(), Timestamp.from(now),
                        Candidate.PREVIEWING, s.contactListId());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        String owner = rs.getString(2);
                        String why = rs.getBoolean(3) && rs.getString(4) != null && SIGNED_IN.contains("'" + rs.getString(4) + "'")
                                ? "not free within " + wait + " s (" + rs.getString(4) + ")"
                                : rs.getString(4) == null ? "not in the campaign's queue" : "away (" + rs.getString(4) + ")";
                        gone.add(new String[] {rs.getString(1), "the callback agent " + owner + " scheduled goes to any"
                                + " agent of the queue: the agent is " + why});
                    }
                }
            }
            for (String[] g : gone) {
                Decisions.log(c, campaign.id(), g[0], now, new Verdict(false, "callbackToQueue", null, null, g[1]));
            }
            return gone.size();
        });
    }

    /** States in which an agent is signed in and on queue: its due callback waits for it. */
    private static final String SIGNED_IN = "'AVAILABLE', 'PREVIEWING', 'ALERTING', 'ON_CALL', 'WRAP_UP'";

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

    private static void bind(PreparedStatement st, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            st.setObject(i + 1, args[i]);
        }
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
