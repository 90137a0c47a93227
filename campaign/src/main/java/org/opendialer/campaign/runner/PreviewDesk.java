package org.opendialer.campaign.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.acd.routing.AgentState;
import org.opendialer.acd.routing.AgentStore;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignSettings;
import org.opendialer.campaign.settings.CampaignStatus;
import org.opendialer.campaign.settings.CampaignStore;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.store.Jdbc;

/**
 * What an agent asks of preview beyond a card's call or skip: a <b>callback</b> for its record at a time (the
 * campaign dials it then, the gate judging DNC, hours and limits as for any record), and Genesys' <b>search a
 * record</b>: the campaign's records whose column holds a value, each with whether it may be called now, and
 * taking one as the agent's card (the gate asked first; a refusal is logged in the decision log and answered with
 * its code). Only an agent of the campaign's queue may search it. Blocks (JDBC).
 */
public final class PreviewDesk {

    /** How far ahead a callback may be scheduled. */
    public static final Duration MAX_AHEAD = Duration.ofDays(365);
    /** The most matches one page of a search may hold. */
    public static final int MAX_PAGE = 100;

    /** A callback as scheduled; {@code number} (E.164) is the one it dials, null for the contact's own. */
    public record Scheduled(UUID previewId, UUID campaignId, String contactId, Instant at, String number) {
    }

    /** A record a search found, and what the gate says of calling it now ({@code code}, {@code detail}). */
    public record Found(String contactId, Map<String, String> contact, String lastResult, int attempts,
                        boolean callableNow, String code, String detail) {
    }

    /** One page of a search and how many records matched in all. */
    public record Page(List<Found> items, long total) {
    }

    /** The gate (or the record's state) refused a searched record; nothing changed but the decision log. */
    public static final class Refused extends IllegalStateException {
        private final String code;

        Refused(String code, String detail) {
            super(code + ": " + detail);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Jdbc jdbc;
    private final CampaignStore campaigns;
    private final Gates gates;
    private final Clock clock;

    PreviewDesk(DataSource ds, CampaignStore campaigns, Gates gates, Clock clock) {
        this.jdbc = new Jdbc(ds);
        this.campaigns = campaigns;
        this.gates = gates;
        this.clock = clock;
    }

    /**
     * Schedules a callback for the record of the agent's preview {@code previewId} at {@code at}. While the card is
     * open it ends ({@code callback}: the record goes back as it was, the agent is available again); after its call
     * the record is due again at {@code at} whatever its result (a callback replaces retry delay and finality).
     *
     * @param numbers Genesys' {@code callbackNumbers}: empty (or null) for the contact's own numbers, else one number
     *                to dial instead, in any spelling the list's default region reads
     * @throws IllegalArgumentException {@code at} is not in the future, or too far ahead; a number is not one, or
     *                                  more than one is named (nothing changed)
     * @throws NoSuchElementException   no such preview of this agent
     */
    public Scheduled callback(UUID agentId, UUID previewId, Instant at, List<String> numbers) {
        Instant now = ahead(at);
        return jdbc.tx("preview callback", c -> {
            UUID campaignId;
            UUID listId;
            String contactId;
            String state;
            try (PreparedStatement st = c.prepareStatement("SELECT campaign_id, list_id, contact_id, state FROM campaign_preview"
                    + " WHERE id = ? AND agent_id = ? FOR UPDATE")) {
                st.setObject(1, previewId);
                st.setObject(2, agentId);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        throw new NoSuchElementException("no preview " + previewId + " of this agent");
                    }
                    campaignId = rs.getObject(1, UUID.class);
                    listId = rs.getObject(2, UUID.class);
                    contactId = rs.getString(3);
                    state = rs.getString(4);
                }
            }
            String number = number(listId, numbers);
            String detail = "agent " + agentId + " scheduled a callback for " + at + to(number);
            if (state.equals("offered")) { // logs the decision too
                PreviewReservations.giveBack(c, previewId, "callback", "agent", "callbackScheduled", detail, now);
            } else {
                Decisions.log(c, campaignId, contactId, now, new Verdict(false, "callbackScheduled", null, null, detail));
            }
            own(c, listId, contactId, agentId, at, number);
            return new Scheduled(previewId, campaignId, contactId, at, number);
        });
    }

    /**
     * Schedules a callback for the record of a campaign call the agent is handling or wrapping up (interaction
     * {@code interactionId}, any agent mode: Genesys' callback from a conversation's participant): the record is due
     * again at {@code at} whatever the call's result, and when due is previewed to this agent first
     * ({@code agentMode.callbackOwnerWaitSeconds}), the gate judging it then as any record.
     *
     * @param numbers as {@link #callback}'s
     * @throws IllegalArgumentException {@code at} is not in the future, or too far ahead; a number is not one, or
     *                                  more than one is named (nothing changed)
     * @throws NoSuchElementException   the interaction is not this agent's, or not a campaign call
     * @throws IllegalStateException    the campaign is stopping or off (a campaign COMPLETE because this was its last
     *                                  call is turned on again: the callback is pending)
     */
    public Scheduled callbackFor(UUID agentId, UUID interactionId, Instant at, List<String> numbers) {
        Instant now = ahead(at);
        return jdbc.tx("interaction callback", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT a.campaign_id, a.list_id, a.contact_id FROM routing_interaction i"
                    + " JOIN dial_attempt a ON a.call_id = i.call_id AND a.campaign_id = i.campaign_id WHERE i.id = ?"
                    + " AND i.agent_id = ?")) {
                bind(st, interactionId, agentId);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        throw new NoSuchElementException("interaction " + interactionId + " is no campaign call of this agent");
                    }
                    UUID campaignId = rs.getObject(1, UUID.class);
                    String contactId = rs.getString(3);
                    String number = number(rs.getObject(2, UUID.class), numbers);
                    CampaignStatus status = campaigns.require(campaignId).status();
                    // COMPLETE is the runner's "nothing left": its last call ended before the agent's wrap-up asked
                    // for this callback, so the campaign is on again for it; OFF and STOPPING were someone's choice
                    boolean reopen = status == CampaignStatus.COMPLETE && PreviewReservations.exec(c, "UPDATE voice_campaign"
                            + " SET status = ?, modified_at = now(), version = version + 1 WHERE id = ? AND status = ?",
                            CampaignStore.wire(CampaignStatus.ON), campaignId, CampaignStore.wire(CampaignStatus.COMPLETE)) == 1;
                    if (!reopen && status != CampaignStatus.ON && status != CampaignStatus.PAUSED) {
                        throw new IllegalStateException("campaign " + campaignId + " is " + status + ": it dials no callback");
                    }
                    Decisions.log(c, campaignId, contactId, now, new Verdict(false, "callbackScheduled", null, null,
                            "agent " + agentId + " scheduled a callback for " + at + to(number) + " on interaction "
                            + interactionId + (reopen ? "; the campaign, complete, is on again for it" : "")));
                    own(c, rs.getObject(2, UUID.class), contactId, agentId, at, number);
                    return new Scheduled(null, campaignId, contactId, at, number);
                }
            }
        });
    }

    /** Now, if {@code at} is a time a callback may be scheduled for. */
    private Instant ahead(Instant at) {
        Instant now = clock.instant();
        if (!at.isAfter(now) || at.isAfter(now.plus(MAX_AHEAD))) {
            throw new IllegalArgumentException("callbackScheduledTime: must be in the future, within " + MAX_AHEAD.toDays()
                    + " days");
        }
        return now;
    }

    /**
     * The one number of Genesys' {@code callbackNumbers} in E.164, read as the list reads its numbers; null when none
     * is named. More than one is refused rather than half-honoured: a callback dials one number (V39).
     */
    private String number(UUID listId, List<String> numbers) {
        if (numbers == null || numbers.isEmpty()) {
            return null;
        }
        if (numbers.size() > 1) {
            throw new IllegalArgumentException("callbackNumbers: one number supported, got " + numbers.size());
        }
        Addresses read = gates.addresses(listId);
        String raw = numbers.get(0) == null ? "" : numbers.get(0);
        return read.e164(raw).orElseThrow(() -> new IllegalArgumentException("callbackNumbers: '" + raw
                + "' is not a phone number (national numbers are read in region " + read.defaultRegion() + ")"));
    }

    private static String to(String number) {
        return number == null ? "" : " to " + number;
    }

    /** The record due at {@code at} (to {@code number}, null: its own), waiting first for the agent who scheduled it. */
    private static void own(Connection c, UUID listId, String contactId, UUID agentId, Instant at, String number)
            throws SQLException {
        PreviewReservations.exec(c, "UPDATE contact SET callback_at = ?, callback_agent_id = ?, callback_number = ?"
                + " WHERE list_id = ? AND id = ?", Timestamp.from(at), agentId, number, listId, contactId);
    }

    /**
     * One page of the campaign's records whose {@code column} equals {@code value} (case-insensitive), in list
     * order, each judged by the gate now; {@link Page#total} counts every match.
     *
     * @throws IllegalArgumentException {@code pageSize} is not 1..{@link #MAX_PAGE} or {@code pageNumber} under 1
     * @throws NoSuchElementException the campaign does not exist, or the agent is not in its queue
     * @throws IllegalStateException  the campaign previews nothing, or is not on
     */
    public Page search(UUID agentId, UUID campaignId, String column, String value, int pageSize, int pageNumber) {
        if (pageSize < 1 || pageSize > MAX_PAGE || pageNumber < 1) {
            throw new IllegalArgumentException("pageSize: 1.." + MAX_PAGE + ", pageNumber: from 1");
        }
        Campaign campaign = previewing(agentId, campaignId);
        CampaignSettings s = campaign.settings();
        Instant now = clock.instant();
        return jdbc.with("preview search", c -> {
            String match = " FROM contact WHERE list_id = ? AND lower(coalesce(data->>?, '')) = lower(?)";
            long total;
            try (PreparedStatement st = c.prepareStatement("SELECT count(*)" + match)) {
                bind(st, s.contactListId(), column, value);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Candidate> page = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT " + ContactClaims.CANDIDATE + match
                    + " ORDER BY seq LIMIT ? OFFSET ?")) {
                bind(st, s.contactListId(), column, value, pageSize, (long) (pageNumber - 1) * pageSize);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        page.add(ContactClaims.read(rs));
                    }
                }
            }
            Gate gate = page.isEmpty() ? null : gates.of(campaign).forBatch(page, now);
            String sipUser = sipUser(c, agentId);
            List<Found> out = new ArrayList<>();
            for (Candidate cand : page) {
                Verdict v = judge(gate, s, cand, agentId, sipUser, now);
                out.add(new Found(cand.contactId(), cand.data(), cand.lastResult(), cand.attempts(), v.dial(), v.code(),
                        v.detail()));
            }
            return new Page(out, total);
        });
    }

    /**
     * Takes the searched record {@code contactId} as the agent's preview card, if the gate lets it be called now:
     * a card the agent has open goes back (released) for it; the agent must be available or previewing.
     *
     * @return the new preview's id; its card reaches the desktop on the runner's next tick
     * @throws Refused                the record may not be called now (the decision log says why)
     * @throws IllegalStateException  the agent is on a call, in wrap-up, or away
     * @throws NoSuchElementException no such campaign for this agent, or no such record
     */
    public UUID take(UUID agentId, UUID campaignId, String contactId) {
        Campaign campaign = previewing(agentId, campaignId);
        CampaignSettings s = campaign.settings();
        Instant now = clock.instant();
        Gate gate = gates.of(campaign);
        Object outcome = jdbc.tx("preview take", c -> {
            ContactClaims.lock(c, campaignId);
            String state = lockedState(c, agentId);
            if (!state.equals(AgentState.AVAILABLE.name()) && !state.equals(AgentState.PREVIEWING.name())) {
                return new IllegalStateException("the agent is " + state + ": it can take a record only when available"
                        + " or previewing");
            }
            Candidate cand = lockedContact(c, s.contactListId(), contactId);
            Verdict v = judge(gate.forBatch(List.of(cand), now), s, cand, agentId, sipUser(c, agentId), now);
            if (!v.dial()) {
                Decisions.log(c, campaignId, contactId, now, new Verdict(false, v.code(), v.number(), v.column(),
                        "searched by agent " + agentId + ", not taken: " + v.detail()));
                return new Refused(v.code(), v.detail());
            }
            try (PreparedStatement st = c.prepareStatement("SELECT id, state FROM campaign_preview WHERE agent_id = ?"
                    + " AND state IN ('offered', 'dialing') FOR UPDATE")) {
                st.setObject(1, agentId);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        if (rs.getString(2).equals("dialing")) {
                            return new IllegalStateException("the agent's preview call is still being placed");
                        }
                        PreviewReservations.giveBack(c, rs.getObject(1, UUID.class), "released", "agent",
                                "previewReleased", "agent " + agentId + " took a searched record instead; not dialled", now);
                    }
                }
            }
            UUID id = UUID.randomUUID();
            PreviewReservations.exec(c, "INSERT INTO campaign_preview (id, campaign_id, agent_id, list_id, contact_id, state,"
                    + " prev_last_result, offered_at) VALUES (?, ?, ?, ?, ?, 'offered', ?, ?)", id, campaignId, agentId,
                    s.contactListId(), contactId, cand.lastResult(), Timestamp.from(now));
            ContactClaims.update(c, s.contactListId(), contactId, "UPDATE contact SET last_result = ?", Candidate.PREVIEWING);
            Decisions.log(c, campaignId, contactId, now, new Verdict(false, "previewed", v.number(), v.column(),
                    "searched and taken by agent " + agentId + " before any call"));
            AgentStore.moveIf(c, agentId, AgentState.AVAILABLE, AgentState.Event.PREVIEW, now);
            return id;
        });
        if (outcome instanceof RuntimeException e) {
            throw e;
        }
        return (UUID) outcome;
    }

    /** The gate's verdict, after what the gate does not know: another agent's card or ownership of the record. */
    private static Verdict judge(Gate gate, CampaignSettings s, Candidate cand, UUID agentId, String sipUser, Instant now) {
        if (Candidate.PREVIEWING.equals(cand.lastResult())) {
            return Verdict.skip("previewing", "the record is on an agent's preview card");
        }
        String owner = s.agentMode().agentOwnerColumn() == null ? "" : cand.get(s.agentMode().agentOwnerColumn());
        if (!owner.isBlank() && !owner.equals(agentId.toString()) && !owner.equals(sipUser)) {
            return Verdict.skip("ownedByAnotherAgent", "the record belongs to agent " + owner);
        }
        return gate.judge(cand, now);
    }

    /** The campaign, if it previews records, is on, and the agent is in its queue. */
    private Campaign previewing(UUID agentId, UUID campaignId) {
        Campaign campaign = campaigns.find(campaignId).orElseThrow(() -> new NoSuchElementException("no campaign " + campaignId));
        boolean member = jdbc.with("queue member", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM routing_queue_member WHERE queue_id = ? AND user_id = ?")) {
                bind(st, campaign.settings().queueId(), agentId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (!member) {
            throw new NoSuchElementException("no campaign " + campaignId + " of this agent's queues");
        }
        if (!PreviewDialing.applies(campaign) || campaign.status() != CampaignStatus.ON) {
            throw new IllegalStateException("campaign " + campaignId + " previews no records now");
        }
        return campaign;
    }

    private static String lockedState(Connection c, UUID agentId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT state FROM routing_user WHERE id = ? FOR UPDATE")) {
            st.setObject(1, agentId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new NoSuchElementException("no agent " + agentId);
                }
                return rs.getString(1);
            }
        }
    }

    private static String sipUser(Connection c, UUID agentId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT sip_user FROM routing_user WHERE id = ?")) {
            st.setObject(1, agentId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getString(1) != null ? rs.getString(1) : "";
            }
        }
    }

    private static Candidate lockedContact(Connection c, UUID listId, String contactId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + ContactClaims.CANDIDATE + " FROM contact WHERE list_id = ?"
                + " AND id = ? FOR UPDATE")) {
            bind(st, listId, contactId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new NoSuchElementException("no record " + contactId + " in the campaign's list");
                }
                return ContactClaims.read(rs);
            }
        }
    }

    private static void bind(PreparedStatement st, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            st.setObject(i + 1, args[i]);
        }
    }
}
