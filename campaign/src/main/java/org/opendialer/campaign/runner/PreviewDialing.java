package org.opendialer.campaign.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.opendialer.campaign.pacing.DialingMode;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignSettings;
import org.opendialer.campaign.settings.CampaignStatus;
import org.opendialer.campaign.settings.CampaignStore;
import org.opendialer.notifications.messaging.Templates;
import org.opendialer.store.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Preview dialing, and the records the other agent modes preview instead of dialling (owned by an agent, forced):
 * each tick gives every AVAILABLE agent of the campaign's queue one record ({@link PreviewReservations}) and shows
 * it on the agent's desktop ({@link PreviewCards}) with the campaign's script; the agent's <em>call</em> (or the
 * auto-dial timer) commits the attempt and places it through the runner's one call path, the answer going to that
 * agent only; <em>skip</em> gives the record back and the next is offered. A preview the agent leaves (break,
 * sign-out) gives the record back untouched.
 */
final class PreviewDialing {

    private static final Logger LOG = LoggerFactory.getLogger(PreviewDialing.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** An open card is sent again this often (a desktop that reloaded or reconnected shows it again). */
    static final Duration RESEND = Duration.ofSeconds(3);

    private final Jdbc jdbc;
    private final PreviewReservations reservations;
    private final CampaignStore campaigns;
    private final Gates gates;
    private final VoiceCampaignRunner runner;
    private final Clock clock;
    private final Map<UUID, Instant> sent = new ConcurrentHashMap<>();
    private volatile PreviewCards cards = PreviewCards.NONE;

    PreviewDialing(DataSource ds, CampaignStore campaigns, Gates gates, VoiceCampaignRunner runner, Clock clock) {
        this.jdbc = new Jdbc(ds);
        this.reservations = new PreviewReservations(ds);
        this.campaigns = campaigns;
        this.gates = gates;
        this.runner = runner;
        this.clock = clock;
    }

    void use(PreviewCards cards) {
        this.cards = cards;
    }

    /** Whether the campaign previews records: preview mode, or an agent mode with owned or forced records. */
    static boolean applies(Campaign c) {
        DialingMode m = c.settings().dialingMode();
        return m == DialingMode.PREVIEW || m.needsAgents() && c.settings().agentMode().previewsSome();
    }

    /**
     * Whether the runner ticks preview for the campaign: when it {@link #applies}, and in every agent mode, whose
     * callbacks an agent scheduled are previewed to that agent (Genesys' agent-owned callback, "agent first").
     */
    static boolean ticks(Campaign c) {
        return applies(c) || c.settings().dialingMode().needsAgents();
    }

    /**
     * One pass: agents that left give back, settled calls end, callbacks whose agent is away go to the queue, free
     * agents get a record, timers run, cards go out.
     */
    void tick(Campaign c) {
        Instant now = clock.instant();
        reservations.releaseAbandoned(c.id(), now);
        reservations.settle(c.id(), now);
        reservations.releaseOwnedCallbacks(c, now);
        boolean offers = applies(c) || reservations.ownedCallbackDue(c, now);
        Gate gate = null;
        for (PreviewReservations.Free a : offers ? reservations.freeAgents(c.settings().queueId())
                : java.util.List.<PreviewReservations.Free>of()) {
            gate = gate == null ? gates.of(c) : gate;
            reservations.reserve(c, gate, a, now).ifPresent(id ->
                    LOG.info("campaign {}: preview {} offered to agent {}", c.id(), id, a.agentId()));
        }
        int timer = c.settings().agentMode().previewTimer();
        for (PreviewReservations.Open o : reservations.open(c.id())) {
            if (!o.state().equals("offered")) {
                continue;
            }
            if (timer > 0 && !now.isBefore(o.offeredAt().plusSeconds(timer))) {
                try {
                    call(c, o.agentId(), o.id(), "timer");
                } catch (RuntimeException e) {
                    LOG.info("campaign {}: preview {} timer: {}", c.id(), o.id(), e.getMessage());
                }
                continue;
            }
            Instant last = sent.get(o.id());
            if (last == null || !now.isBefore(last.plus(RESEND))) {
                sent.put(o.id(), now);
                show(c, o);
            }
        }
        if (sent.size() > 10_000) {
            sent.clear();
        }
    }

    /** The campaign stops: open cards are withdrawn, their records given back. */
    void stop(Campaign c) {
        reservations.releaseAll(c.id(), clock.instant());
    }

    /**
     * The agent's decision on its card.
     *
     * @throws NoSuchElementException when no such preview is open for this agent
     * @throws IllegalStateException  when the record may not be called now (the gate said no: it is given back)
     */
    void decide(UUID agentId, UUID previewId, boolean call) {
        UUID campaignId = jdbc.with("preview campaign", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT campaign_id FROM campaign_preview WHERE id = ? AND agent_id = ?"
                    + " AND state = 'offered'")) {
                st.setObject(1, previewId);
                st.setObject(2, agentId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? rs.getObject(1, UUID.class) : null;
                }
            }
        });
        if (campaignId == null) {
            throw new NoSuchElementException("no preview " + previewId + " is open for this agent");
        }
        Campaign campaign = campaigns.require(campaignId);
        if (call) {
            call(campaign, agentId, previewId, "agent");
            return;
        }
        Instant now = clock.instant();
        jdbc.tx("preview skip", c -> {
            PreviewReservations.lockOffered(c, previewId, agentId).orElseThrow(
                    () -> new NoSuchElementException("no preview " + previewId + " is open for this agent"));
            PreviewReservations.giveBack(c, previewId, "skipped", "agent", "skippedByAgent", "skipped by agent " + agentId, now);
            return null;
        });
        LOG.info("campaign {}: preview {} skipped by agent {}", campaignId, previewId, agentId);
    }

    /**
     * Places the preview's call: the gate judges the record again now (DNC, hours, limits may have changed since
     * it was shown), the attempt is committed, then the call leaves through the runner; its answer is for this agent.
     */
    private void call(Campaign campaign, UUID agentId, UUID previewId, String by) {
        if (campaign.status() != CampaignStatus.ON) {
            throw new IllegalStateException("campaign " + campaign.id() + " is not on");
        }
        Instant now = clock.instant();
        CampaignSettings s = campaign.settings();
        // An external DNC provider is asked before the transaction (as a claim does): no lock is held while it
        // thinks, and a kill -9 meanwhile leaves the card offered, nothing committed; a number changed since is not
        // dialled by this call (the gate refuses what the scrub did not cover).
        Gate gate = gates.of(campaign);
        if (gate.asksOutside()) {
            Candidate peek = jdbc.with("preview call peek", c -> contact(c, s.contactListId(),
                    offeredContact(c, previewId, agentId), previewId, false));
            gate = gate.scrubbed(java.util.List.of(peek));
        }
        Gate judged = gate;
        Optional<ContactClaims.Claim> claim = jdbc.tx("preview call", c -> {
            PreviewReservations.Open o = PreviewReservations.lockOffered(c, previewId, agentId).orElseThrow(
                    () -> new NoSuchElementException("no preview " + previewId + " is open for this agent"));
            Candidate cand = contact(c, s.contactListId(), o.contactId(), previewId, true);
            Verdict v = judged.forBatch(java.util.List.of(cand), now).judge(cand, now);
            if (!v.dial()) {
                PreviewReservations.giveBack(c, previewId, "released", by, v.code(), "not called: " + v.detail(), now);
                return Optional.<ContactClaims.Claim>empty();
            }
            UUID attemptId = UUID.randomUUID();
            ContactClaims.attempt(c, attemptId, campaign, cand, v, now, runner.node());
            PreviewReservations.exec(c, "UPDATE campaign_preview SET state = 'dialing', attempt_id = ?, decided_at = ?,"
                    + " decided_by = ? WHERE id = ?", attemptId, Timestamp.from(now), by, previewId);
            return Optional.of(new ContactClaims.Claim(attemptId, cand, v));
        });
        if (claim.isEmpty()) {
            throw new IllegalStateException("the record may not be called now; it went back to the list");
        }
        LOG.info("campaign {}: preview {} called by {} (agent {})", campaign.id(), previewId, by, agentId);
        runner.place(campaign, claim.get(), agentId);
    }

    /** The contact of the agent's offered preview, read without a lock. */
    private static String offeredContact(java.sql.Connection c, UUID previewId, UUID agentId) throws java.sql.SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT contact_id FROM campaign_preview WHERE id = ? AND agent_id = ?"
                + " AND state = 'offered'")) {
            st.setObject(1, previewId);
            st.setObject(2, agentId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new NoSuchElementException("no preview " + previewId + " is open for this agent");
                }
                return rs.getString(1);
            }
        }
    }

    /** The record as the gate sees it, with the last result it had before the preview reserved it. */
    private static Candidate contact(java.sql.Connection c, UUID listId, String contactId, UUID previewId, boolean lock)
            throws java.sql.SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT " + ContactClaims.CANDIDATE + " FROM contact WHERE list_id = ?"
                + " AND id = ?" + (lock ? " FOR UPDATE" : ""))) {
            st.setObject(1, listId);
            st.setString(2, contactId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new NoSuchElementException("contact " + contactId + " is gone");
                }
                Candidate read = ContactClaims.read(rs);
                String before;
                try (PreparedStatement p = c.prepareStatement("SELECT prev_last_result FROM campaign_preview WHERE id = ?")) {
                    p.setObject(1, previewId);
                    try (ResultSet r = p.executeQuery()) {
                        r.next();
                        before = r.getString(1);
                    }
                }
                return new Candidate(read.contactId(), read.data(), read.callable(), read.attempts(), before,
                        read.lastAttemptAt(), read.skipReason(), read.callbackAt(), read.callbackNumber());
            }
        }
    }

    /** The record's columns, and its due callback's own number (null: none, or the contact's own). */
    private record Shown(Map<String, String> data, String callbackNumber) {
    }

    private void show(Campaign c, PreviewReservations.Open o) {
        Shown shown = jdbc.with("preview contact", con -> {
            // a card with a callback is a due one (the gate shows no other): its number is what Call dials
            try (PreparedStatement st = con.prepareStatement("SELECT data, CASE WHEN callback_at IS NOT NULL"
                    + " THEN callback_number END FROM contact WHERE list_id = ? AND id = ?")) {
                st.setObject(1, c.settings().contactListId());
                st.setString(2, o.contactId());
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? new Shown(parse(rs.getString(1)), rs.getString(2)) : new Shown(Map.of(), null);
                }
            }
        });
        Map<String, String> data = shown.data();
        CampaignSettings.AgentMode m = c.settings().agentMode();
        try {
            cards.show(new PreviewCards.Card(o.id(), o.agentId(), c.id(), c.settings().name(), o.contactId(), data,
                    script(m.script(), data), m.script() == null ? java.util.List.of() : m.script().actions(),
                    m.previewTimer(), o.offeredAt(), shown.callbackNumber()));
        } catch (RuntimeException e) {
            LOG.warn("campaign {}: preview card {} not sent: {}", c.id(), o.id(), e.toString());
        }
    }

    /** The script over the contact's columns, every value HTML-escaped (Mustache's {@code {{x}}}). */
    static String script(CampaignSettings.Script script, Map<String, String> columns) {
        return script == null ? "" : Templates.html(script.template(), columns);
    }

    private static Map<String, String> parse(String json) throws java.sql.SQLException {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new java.sql.SQLException("contact is not JSON", e);
        }
    }
}
