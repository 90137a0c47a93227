package org.opendialer.campaign.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.contacts.Conflict;
import org.opendialer.contacts.NamedRows;
import org.opendialer.contacts.Slice;
import org.opendialer.store.Jdbc;

/**
 * Campaigns in PostgreSQL: settings as JSON, status moved only along {@link CampaignStatus}'s table (the UPDATE
 * names the states it may come from, so two nodes or two requests cannot both win a move). Blocks (JDBC).
 */
public final class CampaignStore {

    /** The settings' JSON form, the same as the API's campaign body. */
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String COLUMNS = "id, settings, status, created_at, modified_at, version";

    private final Jdbc jdbc;

    public CampaignStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** @throws Conflict when the name is taken; IllegalArgumentException when the contact list does not exist */
    public Campaign create(CampaignSettings s) {
        return NamedRows.uniqueName(s.name(), () -> jdbc.with("campaign create", c -> {
            requireList(c, s.contactListId());
            return one(c, "INSERT INTO voice_campaign (id, name, contact_list_id, dialing_mode, priority, settings)"
                    + " VALUES (?, ?, ?, ?, ?, ?::jsonb) RETURNING " + COLUMNS, UUID.randomUUID(), s.name().strip(),
                    s.contactListId(), s.dialingMode().name(), s.priority(), json(s)).orElseThrow();
        }));
    }

    public Optional<Campaign> find(UUID id) {
        return jdbc.with("campaign find", c -> one(c, "SELECT " + COLUMNS + " FROM voice_campaign WHERE id = ?", id));
    }

    public Campaign require(UUID id) {
        return find(id).orElseThrow(() -> new NoSuchElementException("no campaign " + id));
    }

    public Slice<Campaign> page(int pageSize, int pageNumber) {
        return NamedRows.page(jdbc, CampaignStore::read, COLUMNS, "voice_campaign", "name", pageSize, pageNumber);
    }

    /** Campaigns a runner looks at (ON, STOPPING or PAUSED), higher priority first. */
    public List<Campaign> running() {
        return jdbc.with("running campaigns", c -> {
            List<Campaign> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM voice_campaign WHERE status IN ('on', 'stopping', 'paused') ORDER BY priority DESC, created_at");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        });
    }

    /**
     * Replaces the settings of a campaign whose stored version is {@code version}; a running one picks them up at
     * its next tick.
     *
     * @throws Conflict on a stale version or a taken name
     */
    public Campaign update(UUID id, CampaignSettings s, int version) {
        return NamedRows.uniqueName(s.name(), () -> jdbc.with("campaign update", c -> {
            requireList(c, s.contactListId());
            return one(c, "UPDATE voice_campaign SET name = ?, contact_list_id = ?, dialing_mode = ?, priority = ?,"
                    + " settings = ?::jsonb, version = version + 1, modified_at = now() WHERE id = ? AND version = ?"
                    + " RETURNING " + COLUMNS, s.name().strip(), s.contactListId(), s.dialingMode().name(), s.priority(),
                    json(s), id, version);
        })).orElseThrow(() -> stale(id, version));
    }

    /** Deletes a campaign that is not running (its attempts and decisions go with it). */
    public boolean delete(UUID id) {
        return jdbc.with("campaign delete", c -> {
            Optional<Campaign> found = one(c, "SELECT " + COLUMNS + " FROM voice_campaign WHERE id = ?", id);
            if (found.isEmpty()) {
                return false;
            }
            if (found.get().status().running()) {
                throw new Conflict("campaign " + id + " is " + wire(found.get().status()) + ": stop it first");
            }
            try (PreparedStatement st = c.prepareStatement("DELETE FROM voice_campaign WHERE id = ? AND status IN ('off', 'complete')")) {
                st.setObject(1, id);
                return st.executeUpdate() > 0;
            }
        });
    }

    /**
     * Moves the campaign to {@code next} when its table allows it from the stored state; staying in a state is
     * a no-op.
     *
     * @throws Conflict when the move is not allowed
     * @throws NoSuchElementException when there is no such campaign
     */
    public Campaign moveTo(UUID id, CampaignStatus next) {
        Campaign now = require(id);
        if (now.status() == next) {
            return now;
        }
        List<String> from = new ArrayList<>();
        for (CampaignStatus s : CampaignStatus.values()) {
            if (s.canMoveTo(next)) {
                from.add(wire(s));
            }
        }
        return jdbc.with("campaign status", c -> one(c, "UPDATE voice_campaign SET status = ?, modified_at = now(), version = version + 1"
                + " WHERE id = ? AND status = ANY (?) RETURNING " + COLUMNS, wire(next), id,
                c.createArrayOf("text", from.toArray()))).orElseThrow(() -> new Conflict("campaign " + id + " is "
                + wire(require(id).status()) + " and cannot become " + wire(next)));
    }

    public static String wire(Enum<?> e) {
        return com.fasterxml.jackson.databind.EnumNamingStrategies.CamelCaseStrategy.INSTANCE.convertEnumToExternalName(e.name());
    }

    private static void requireList(Connection c, UUID listId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM contact_list WHERE id = ?")) {
            st.setObject(1, listId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("contactListId: no contact list " + listId);
                }
            }
        }
    }

    private RuntimeException stale(UUID id, int version) {
        return find(id).<RuntimeException>map(x -> new Conflict("campaign " + id + " is at version " + x.version()
                + ", not " + version + ": read it again")).orElseGet(() -> new NoSuchElementException("no campaign " + id));
    }

    private static Optional<Campaign> one(Connection c, String sql, Object... args) throws SQLException {
        return NamedRows.one(c, CampaignStore::read, sql, args);
    }

    static String json(CampaignSettings s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Campaign read(ResultSet rs) throws SQLException {
        CampaignSettings s;
        try {
            s = JSON.readValue(rs.getString(2), CampaignSettings.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("settings of campaign " + rs.getString(1) + " are not readable: " + e.getMessage(), e);
        }
        return new Campaign(rs.getObject(1, UUID.class), s, CampaignStatus.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
                rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getInt(6));
    }
}
