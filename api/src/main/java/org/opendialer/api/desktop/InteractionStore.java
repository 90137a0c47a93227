package org.opendialer.api.desktop;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
import org.opendialer.api.http.Casing;
import org.opendialer.api.http.Resources;
import org.opendialer.store.Jdbc;

/**
 * Interactions read for the desktop's screen pop and the interactions API, as the API's JSON: V31's view
 * {@code interaction}, the union of the ACD's voice interactions ({@code routing_interaction}, joined with their
 * queue, skills, agent and wrap-up code) and the SMS and email conversations (state {@code open}/{@code closed},
 * the latest message's {@code status}, the first message's direction and campaign).
 */
public final class InteractionStore {

    static final String BASE = "/api/v2/interactions";
    static final String SELECT = """
            SELECT i.*, q.name AS queue_name, u.name AS agent_name, w.name AS wrapup_name,
              (SELECT COALESCE(json_agg(json_build_object('id', k.id, 'name', k.name) ORDER BY k.name), '[]')::text
                 FROM routing_skill k WHERE k.id = ANY(i.skill_ids)) AS skills
            FROM interaction i LEFT JOIN routing_queue q ON q.id = i.queue_id
            LEFT JOIN routing_user u ON u.id = i.agent_id LEFT JOIN routing_wrapup_code w ON w.id = i.wrapup_code_id
            """;
    static final String VOICE_CAMPAIGNS = "/api/v2/outbound/campaigns/";
    static final String BY_ID = SELECT + " WHERE i.id = ?";

    /** Which interactions: created in [from, to), of one media type ({@code voice}, {@code sms}, {@code email}) or all (null). */
    public record Filter(Instant from, Instant to, String mediaType) {

        private String where() {
            return " WHERE i.created_at >= ? AND i.created_at < ?" + (mediaType == null ? "" : " AND i.media_type = ?");
        }

        private int bind(PreparedStatement s) throws SQLException {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(to));
            if (mediaType != null) {
                s.setString(3, mediaType);
                return 4;
            }
            return 3;
        }
    }

    /** A row visitor for streamed reads (the CSV export). */
    @FunctionalInterface
    public interface RowSink {
        void accept(JsonObject interaction) throws Exception;
    }

    private final Jdbc jdbc;

    public InteractionStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    public Optional<JsonObject> find(UUID id) {
        return jdbc.with("read interaction", c -> {
            try (PreparedStatement s = c.prepareStatement(InteractionStore.BY_ID)) {
                s.setObject(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(json(r)) : Optional.empty();
                }
            }
        });
    }

    /** The filter's interactions, newest first, one page. */
    public List<JsonObject> list(Filter f, int limit, long offset) {
        return jdbc.with("list interactions", c -> {
            List<JsonObject> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(SELECT + f.where() + " ORDER BY i.created_at DESC, i.id LIMIT ? OFFSET ?")) {
                int n = f.bind(s);
                s.setInt(n, limit);
                s.setLong(n + 1, offset);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(json(r));
                    }
                }
            }
            return out;
        });
    }

    public long count(Filter f) {
        return jdbc.with("count interactions", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM interaction i" + f.where())) {
                f.bind(s);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    /** The filter's interactions, oldest first, read with a cursor so memory stays flat. */
    public void each(Filter f, RowSink sink) {
        jdbc.tx("export interactions", c -> {
            try (PreparedStatement s = c.prepareStatement(SELECT + f.where() + " ORDER BY i.created_at, i.id")) {
                s.setFetchSize(500);
                f.bind(s);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        try {
                            sink.accept(json(r));
                        } catch (Exception e) {
                            throw new SQLException("export stopped: " + e.getMessage(), e);
                        }
                    }
                }
            }
            return null;
        });
    }

    static JsonObject json(ResultSet r) throws SQLException {
        UUID id = r.getObject("id", UUID.class);
        String media = r.getString("media_type");
        JsonObject o = new JsonObject().put("id", id.toString()).put("mediaType", media);
        put(o, "direction", r.getString("direction"));
        o.put("state", Casing.camel(r.getString("state")));
        UUID queue = r.getObject("queue_id", UUID.class);
        if (queue != null) {
            o.put("queue", new JsonObject().put("id", queue.toString()).put("name", r.getString("queue_name"))
                    .put("selfUri", "/api/v2/routing/queues/" + queue));
        }
        o.put("skills", new JsonArray(r.getString("skills")))
                .put("priority", r.getInt("priority"))
                .put("participantData", new JsonObject(r.getString("participant_data")));
        put(o, "callId", r.getString("call_id"));
        put(o, "customerAddress", r.getString("customer_address"));
        put(o, "dialedAddress", r.getString("dialed_address"));
        UUID campaign = r.getObject("campaign_id", UUID.class);
        if (campaign != null) {
            o.put("campaignId", campaign.toString()).put("campaign", "voice".equals(media)
                    ? new JsonObject().put("id", campaign.toString()).put("selfUri", VOICE_CAMPAIGNS + campaign)
                    : Resources.MESSAGING_CAMPAIGN.ref(campaign));
        }
        if (!"voice".equals(media)) { // a conversation: its latest message's status, and where its messages are
            put(o, "status", Casing.camel(r.getString("message_status")));
            o.put("messageCount", r.getInt("message_count"))
                    .put("conversation", Resources.CONVERSATION.ref(id));
        }
        UUID agent = r.getObject("agent_id", UUID.class);
        if (agent != null) {
            o.put("agent", new JsonObject().put("id", agent.toString()).put("name", r.getString("agent_name"))
                    .put("selfUri", "/api/v2/users/" + agent));
        }
        UUID code = r.getObject("wrapup_code_id", UUID.class);
        String notes = r.getString("wrapup_notes");
        if (code != null || notes != null) {
            JsonObject w = new JsonObject();
            if (code != null) {
                w.put("code", new JsonObject().put("id", code.toString()).put("name", r.getString("wrapup_name"))
                        .put("selfUri", "/api/v2/routing/wrapupcodes/" + code));
            }
            put(w, "notes", notes);
            o.put("wrapup", w);
        }
        o.put("offerCount", r.getInt("offer_count"));
        put(o, "dateCreated", time(r, "created_at"));
        put(o, "enqueuedAt", time(r, "enqueued_at"));
        put(o, "connectedAt", time(r, "connected_at"));
        put(o, "endedAt", time(r, "ended_at"));
        return o.put("selfUri", BASE + "/" + id);
    }

    private static String time(ResultSet r, String column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant().toString();
    }

    private static void put(JsonObject o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }
}
