package org.opendialer.acd.routing;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.store.DatabaseException;
import org.opendialer.store.Jdbc;

/** Skills and wrap-up codes: the same shape (a unique name) in two tables. */
public final class NamedStore {

    private final Jdbc jdbc;
    private final Clock clock;
    private final String table;
    private final String kind;

    private NamedStore(DataSource ds, Clock clock, String table, String kind) {
        this.jdbc = new Jdbc(ds);
        this.clock = clock;
        this.table = table;
        this.kind = kind;
    }

    public static NamedStore skills(DataSource ds, Clock clock) {
        return new NamedStore(ds, clock, "routing_skill", "skill");
    }

    public static NamedStore wrapupCodes(DataSource ds, Clock clock) {
        return new NamedStore(ds, clock, "routing_wrapup_code", "wrap-up code");
    }

    public Named create(String name) {
        String n = checkName(name);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Named created = new Named(UUID.randomUUID(), n, now, now, 1);
        try {
            jdbc.with("create " + kind, c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table
                        + " (id, name, date_created, date_modified) VALUES (?, ?, ?, ?)")) {
                    s.setObject(1, created.id());
                    s.setString(2, n);
                    s.setTimestamp(3, Sql.ts(now));
                    s.setTimestamp(4, Sql.ts(now));
                    return s.executeUpdate();
                }
            });
        } catch (DatabaseException e) {
            throw Sql.translate(e, "a " + kind + " named '" + n + "'", "name");
        }
        return created;
    }

    public Optional<Named> find(UUID id) {
        return jdbc.with("read " + kind, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + table + " WHERE id = ?")) {
                s.setObject(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(row(r)) : Optional.empty();
                }
            }
        });
    }

    public Page<Named> list(int pageNumber, int pageSize) {
        return jdbc.with("list " + kind + "s", c -> {
            List<Named> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + table + " ORDER BY name LIMIT ? OFFSET ?")) {
                s.setInt(1, pageSize);
                s.setLong(2, Page.offset(pageNumber, pageSize));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(row(r));
                    }
                }
            }
            return new Page<>(out, Sql.count(c, "SELECT count(*) FROM " + table));
        });
    }

    /** Renames; a {@code version} other than null must match the stored one (409 otherwise). */
    public Named rename(UUID id, String name, Integer version) {
        String n = checkName(name);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            int updated = jdbc.with("rename " + kind, c -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE " + table
                        + " SET name = ?, date_modified = ?, version = version + 1 WHERE id = ? AND (? IS NULL OR version = ?)")) {
                    s.setString(1, n);
                    s.setTimestamp(2, Sql.ts(now));
                    s.setObject(3, id);
                    Sql.setInt(s, 4, version);
                    Sql.setInt(s, 5, version);
                    return s.executeUpdate();
                }
            });
            if (updated == 0) {
                Named current = find(id).orElseThrow(() -> new NoSuchElementException("no " + kind + " " + id));
                throw new Conflict("version " + version + " is stale; the " + kind + " is at version " + current.version());
            }
        } catch (DatabaseException e) {
            throw Sql.translate(e, "a " + kind + " named '" + n + "'", "name");
        }
        return find(id).orElseThrow();
    }

    public void delete(UUID id) {
        int deleted = jdbc.with("delete " + kind, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
                s.setObject(1, id);
                return s.executeUpdate();
            }
        });
        if (deleted == 0) {
            throw new NoSuchElementException("no " + kind + " " + id);
        }
    }

    private String checkName(String name) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw new IllegalArgumentException("name: 1..100 characters");
        }
        return name.strip();
    }

    private static Named row(ResultSet r) throws SQLException {
        return new Named(r.getObject("id", UUID.class), r.getString("name"), Sql.instant(r, "date_created"),
                Sql.instant(r, "date_modified"), r.getInt("version"));
    }
}
