package org.opendialer.campaign.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.campaign.settings.CampaignStore;
import org.opendialer.contacts.Conflict;
import org.opendialer.contacts.NamedRows;
import org.opendialer.contacts.Slice;
import org.opendialer.store.Jdbc;

/** Stored rule sets; the rules are kept as their JSON (the API's form). Blocks (JDBC). */
public final class RuleSets {

    private static final TypeReference<List<RuleSet.Rule>> RULES = new TypeReference<>() { };
    private static final String COLUMNS = "id, name, rules, created_at, modified_at, version";

    private final Jdbc jdbc;

    public RuleSets(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    public RuleSet create(RuleSet draft) {
        return NamedRows.uniqueName(draft.name(), () -> jdbc.with("rule set create", c -> one(c, "INSERT INTO dial_rule_set"
                + " (id, name, rules) VALUES (?, ?, ?::jsonb) RETURNING " + COLUMNS, UUID.randomUUID(), draft.name().strip(),
                json(draft)).orElseThrow()));
    }

    public Optional<RuleSet> find(UUID id) {
        return jdbc.with("rule set find", c -> one(c, "SELECT " + COLUMNS + " FROM dial_rule_set WHERE id = ?", id));
    }

    /** The sets a campaign names, in its order; a missing one is an error (the campaign cannot be judged without it). */
    public List<RuleSet> all(Collection<UUID> ids) {
        List<RuleSet> out = new ArrayList<>();
        for (UUID id : ids) {
            out.add(find(id).orElseThrow(() -> new NoSuchElementException("no rule set " + id)));
        }
        return out;
    }

    public Slice<RuleSet> page(int pageSize, int pageNumber) {
        return NamedRows.page(jdbc, RuleSets::read, COLUMNS, "dial_rule_set", "name", pageSize, pageNumber);
    }

    public RuleSet update(UUID id, RuleSet draft, int version) {
        return NamedRows.uniqueName(draft.name(), () -> jdbc.with("rule set update", c -> one(c, "UPDATE dial_rule_set SET name = ?,"
                + " rules = ?::jsonb, version = version + 1, modified_at = now() WHERE id = ? AND version = ? RETURNING " + COLUMNS,
                draft.name().strip(), json(draft), id, version)))
                .orElseThrow(() -> find(id).<RuntimeException>map(s -> new Conflict("rule set " + id + " is at version "
                        + s.version() + ", not " + version + ": read it again")).orElseGet(() -> new NoSuchElementException("no rule set " + id)));
    }

    public boolean delete(UUID id) {
        return jdbc.with("rule set delete", c -> {
            try (var st = c.prepareStatement("DELETE FROM dial_rule_set WHERE id = ?")) {
                st.setObject(1, id);
                return st.executeUpdate() > 0;
            }
        });
    }

    private static String json(RuleSet s) {
        try {
            return CampaignStore.JSON.writeValueAsString(s.rules());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<RuleSet> one(Connection c, String sql, Object... args) throws SQLException {
        return NamedRows.one(c, RuleSets::read, sql, args);
    }

    private static RuleSet read(ResultSet rs) throws SQLException {
        try {
            return new RuleSet(rs.getObject(1, UUID.class), rs.getString(2), CampaignStore.JSON.readValue(rs.getString(3), RULES),
                    rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getInt(6));
        } catch (JsonProcessingException e) {
            throw new SQLException("rules of rule set " + rs.getString(1) + " are not readable", e);
        }
    }
}
