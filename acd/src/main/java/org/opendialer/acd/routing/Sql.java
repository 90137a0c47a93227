package org.opendialer.acd.routing;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.opendialer.store.DatabaseException;

/** JDBC details the ACD stores share: UUID arrays, nullable columns, and constraint violations as API errors. */
final class Sql {

    private Sql() {
    }

    static Array uuids(Connection c, Collection<UUID> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.toArray());
    }

    static Set<UUID> uuids(ResultSet r, String column) throws SQLException {
        Array a = r.getArray(column);
        Set<UUID> out = new LinkedHashSet<>();
        if (a != null) {
            for (Object o : (Object[]) a.getArray()) {
                out.add((UUID) o);
            }
        }
        return out;
    }

    static Instant instant(ResultSet r, String column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static Integer intOrNull(ResultSet r, String column) throws SQLException {
        int v = r.getInt(column);
        return r.wasNull() ? null : v;
    }

    static void setInt(PreparedStatement s, int i, Integer v) throws SQLException {
        if (v == null) {
            s.setNull(i, java.sql.Types.INTEGER);
        } else {
            s.setInt(i, v);
        }
    }

    static long count(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /**
     * A unique violation becomes a {@link Conflict}, a missing reference an {@link IllegalArgumentException}
     * naming {@code field}; anything else is rethrown.
     */
    static RuntimeException translate(DatabaseException e, String what, String field) {
        if (e.getCause() instanceof SQLException s) {
            if ("23505".equals(s.getSQLState())) {
                return new Conflict(what + " already exists");
            }
            if ("23503".equals(s.getSQLState())) {
                return new IllegalArgumentException(field + ": refers to nothing that exists");
            }
        }
        return e;
    }
}
