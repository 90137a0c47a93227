package org.opendialer.api.desktop;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.api.http.Casing;
import org.opendialer.store.Jdbc;

/**
 * What the pages show, computed from the database in one place so the REST answers and the streams agree: an
 * agent's desktop (status and the screen pop of its interaction) and the supervisor's queues.
 */
public final class DesktopViews {

    private final Jdbc jdbc;

    public DesktopViews(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /** An agent's view with its session number ({@code session}), or empty when the user does not exist. */
    public Optional<JsonObject> agent(UUID userId) {
        return jdbc.with("agent desktop", c -> {
            JsonObject out;
            UUID interaction;
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT name, sip_user, state, state_reason, state_since, state_until, interaction_id, desktop_session
                    FROM routing_user WHERE id = ?""")) {
                s.setObject(1, userId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.empty();
                    }
                    JsonObject status = new JsonObject().put("status", Casing.camel(r.getString("state")));
                    put(status, "reason", r.getString("state_reason"));
                    put(status, "since", r.getTimestamp("state_since"));
                    put(status, "until", r.getTimestamp("state_until"));
                    out = new JsonObject().put("user", new JsonObject().put("id", userId.toString())
                                    .put("name", r.getString("name")).put("sipUser", r.getString("sip_user"))
                                    .put("selfUri", "/api/v2/users/" + userId))
                            .put("routingStatus", status).put("session", r.getInt("desktop_session"));
                    interaction = r.getObject("interaction_id", UUID.class);
                }
            }
            if (interaction != null) {
                try (PreparedStatement s = c.prepareStatement(InteractionStore.BY_ID)) {
                    s.setObject(1, interaction);
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next()) {
                            out.put("interaction", InteractionStore.json(r));
                        }
                    }
                }
                JsonObject i = out.getJsonObject("interaction");
                if (i != null && i.getString("campaignId") != null) {
                    UUID campaign = UUID.fromString(i.getString("campaignId"));
                    put(i, "script", script(c, campaign, i.getJsonObject("participantData")));
                    put(i, "callbackNumber", callbackNumber(c, campaign, i.getString("callId")));
                }
            }
            return Optional.of(out);
        });
    }

    /** Every queue: waiting, longest wait (s), abandoned, and its members counted by state. */
    public JsonObject queues() {
        return jdbc.with("supervisor queues", c -> {
            Map<UUID, JsonObject> byId = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT q.id, q.name,
                      count(i.id) FILTER (WHERE i.state = 'WAITING') AS waiting,
                      COALESCE(floor(extract(epoch FROM now() - min(i.enqueued_at) FILTER (WHERE i.state = 'WAITING'))), 0)::bigint AS longest,
                      count(i.id) FILTER (WHERE i.state = 'ABANDONED') AS abandoned
                    FROM routing_queue q LEFT JOIN routing_interaction i ON i.queue_id = q.id
                    GROUP BY q.id, q.name ORDER BY q.name""");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    UUID id = r.getObject(1, UUID.class);
                    byId.put(id, new JsonObject().put("id", id.toString()).put("name", r.getString(2))
                            .put("waiting", r.getLong(3)).put("longestWaitSeconds", r.getLong(4))
                            .put("abandoned", r.getLong(5)).put("agentsByState", new JsonObject()));
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT m.queue_id, u.state, count(*) FROM routing_queue_member m JOIN routing_user u ON u.id = m.user_id
                    GROUP BY m.queue_id, u.state""");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    JsonObject q = byId.get(r.getObject(1, UUID.class));
                    if (q != null) {
                        q.getJsonObject("agentsByState").put(Casing.camel(r.getString(2)), r.getLong(3));
                    }
                }
            }
            return new JsonObject().put("queues", new JsonArray(new java.util.ArrayList<>(byId.values())));
        });
    }

    /**
     * A campaign call's agent script over the contact's columns (the interaction's participant data), HTML-escaped,
     * with its buttons; null when the campaign has none.
     */
    private static JsonObject script(java.sql.Connection c, UUID campaignId, JsonObject columns) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT settings->'agentMode'->'script' FROM voice_campaign WHERE id = ?")) {
            s.setObject(1, campaignId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next() || r.getString(1) == null) {
                    return null;
                }
                var script = org.opendialer.campaign.settings.CampaignStore.JSON.readValue(r.getString(1),
                        org.opendialer.campaign.settings.CampaignSettings.Script.class);
                Map<String, Object> values = columns == null ? Map.of() : columns.getMap();
                JsonArray actions = new JsonArray();
                script.actions().forEach(a -> actions.add(new JsonObject().put("label", a.label())
                        .put("kind", org.opendialer.campaign.settings.CampaignStore.wire(a.kind())).put("value", a.value())));
                return new JsonObject().put("html", org.opendialer.notifications.messaging.Templates.html(script.template(), values))
                        .put("actions", actions);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                return null; // a script that no longer reads shows nothing rather than failing the whole view
            }
        }
    }

    /** The number a campaign call dials as a callback's own (phone column {@code callback}), else null. */
    private static String callbackNumber(java.sql.Connection c, UUID campaignId, String callId) throws java.sql.SQLException {
        if (callId == null) {
            return null;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT number FROM dial_attempt WHERE campaign_id = ? AND call_id = ?"
                + " AND phone_column = ?")) {
            s.setObject(1, campaignId);
            s.setString(2, callId);
            s.setString(3, org.opendialer.campaign.runner.Candidate.CALLBACK_COLUMN);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private static void put(JsonObject o, String key, Object value) {
        if (value instanceof Timestamp t) {
            o.put(key, t.toInstant().toString());
        } else if (value != null) {
            o.put(key, value);
        }
    }
}
