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
import org.opendialer.store.Jdbc;

/**
 * Interactions read for the desktop's screen pop and the interactions API: voice interactions of the ACD
 * ({@code routing_interaction} with V19's columns) joined with their queue, skills, agent and wrap-up code, as the
 * API's JSON. Messaging conversations are not listed here (see docs/ACD.md).
 */
public final class InteractionStore {

    static final String BASE = "/api/v2/interactions";
    static final String SELECT = """
            SELECT i.*, q.name AS queue_name, u.name AS agent_name, w.name AS wrapup_name,
              (SELECT COALESCE(json_agg(json_build_object('id', k.id, 'name', k.name) ORDER BY k.name), '[]')::text
                 FROM routing_skill k WHERE k.id = ANY(i.skill_ids)) AS skills
            FROM routing_interaction i JOIN routing_queue q ON q.id = i.queue_id
            LEFT JOIN routing_user u ON u.id = i.agent_id LEFT JOIN routing_wrapup_code w ON w.id = i.wrapup_code_id
            """;
    static final String BY_ID = SELECT + " WHERE i.id = ?";

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

    /** Interactions created in [from, to), newest first, one page. */
    public List<JsonObject> list(Instant from, Instant to, int limit, long offset) {
        return jdbc.with("list interactions", c -> {
            List<JsonObject> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(SELECT
                    + " WHERE i.created_at >= ? AND i.created_at < ? ORDER BY i.created_at DESC, i.id LIMIT ? OFFSET ?")) {
                s.setTimestamp(1, Timestamp.from(from));
                s.setTimestamp(2, Timestamp.from(to));
                s.setInt(3, limit);
                s.setLong(4, offset);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(json(r));
                    }
                }
            }
            return out;
        });
    }

    public long count(Instant from, Instant to) {
        return jdbc.count("count interactions", "SELECT count(*) FROM routing_interaction WHERE created_at >= ? AND created_at < ?",
                Timestamp.from(from), Timestamp.from(to));
    }

    /** Every interaction created in [from, to), oldest first, read with a cursor so memory stays flat. */
    public void each(Instant from, Instant to, RowSink sink) {
        jdbc.tx("export interactions", c -> {
            try (PreparedStatement s = c.prepareStatement(SELECT
                    + " WHERE i.created_at >= ? AND i.created_at < ? ORDER BY i.created_at, i.id")) {
                s.setFetchSize(500);
                s.setTimestamp(1, Timestamp.from(from));
                s.setTimestamp(2, Timestamp.from(to));
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
        JsonObject o = new JsonObject().put("id", id.toString())
                .put("mediaType", r.getString("media_type")).put("direction", r.getString("direction"))
                .put("state", Casing.camel(r.getString("state")))
                .put("queue", new JsonObject().put("id", r.getObject("queue_id", UUID.class).toString())
                        .put("name", r.getString("queue_name"))
                        .put("selfUri", "/api/v2/routing/queues/" + r.getObject("queue_id", UUID.class)))
                .put("skills", new JsonArray(r.getString("skills")))
                .put("priority", r.getInt("priority"))
                .put("participantData", new JsonObject(r.getString("participant_data")));
        put(o, "callId", r.getString("call_id"));
        put(o, "customerAddress", r.getString("customer_address"));
        put(o, "dialedAddress", r.getString("dialed_address"));
        UUID campaign = r.getObject("campaign_id", UUID.class);
        put(o, "campaignId", campaign == null ? null : campaign.toString());
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
