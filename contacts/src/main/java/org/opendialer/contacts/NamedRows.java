package org.opendialer.contacts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.opendialer.store.DatabaseException;
import org.opendialer.store.Jdbc;

/**
 * What the stores of named, versioned resources (DNC lists, callable time sets) share: reading one row, a page
 * with its total, and a taken name as a {@link Conflict}.
 */
public final class NamedRows {

    /** Reads the current row. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private NamedRows() {
    }

    /** The first row of {@code sql} with {@code args}, or empty. */
    public static <T> Optional<T> one(Connection c, Reader<T> reader, String sql, Object... args) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(reader.read(rs)) : Optional.empty();
            }
        }
    }

    /** One page of {@code SELECT columns FROM table ORDER BY order}, and the table's row count. */
    public static <T> Slice<T> page(Jdbc jdbc, Reader<T> reader, String columns, String table, String order, int pageSize, int pageNumber) {
        return jdbc.with(table + " page", c -> {
            List<T> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT " + columns + " FROM " + table + " ORDER BY " + order + " LIMIT ? OFFSET ?")) {
                st.setInt(1, pageSize);
                st.setLong(2, Slice.offset(pageSize, pageNumber));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(reader.read(rs));
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM " + table); ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Slice<>(out, rs.getLong(1), pageSize, pageNumber);
            }
        });
    }

    /** Runs {@code work}, turning a unique-name violation into a {@link Conflict}. */
    public static <T> T uniqueName(String name, Supplier<T> work) {
        try {
            return work.get();
        } catch (DatabaseException e) {
            if (e.getCause() instanceof SQLException s && "23505".equals(s.getSQLState())) {
                throw new Conflict("the name '" + name.strip() + "' is taken");
            }
            throw e;
        }
    }
}
