package org.opendialer.contacts.dnc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.contacts.Conflict;
import org.opendialer.contacts.NamedRows;
import org.opendialer.contacts.Slice;
import org.opendialer.store.Jdbc;

/**
 * The DNC lists themselves (name, version); their entries are in {@link DncEntries}. The internal list
 * ({@link #INTERNAL}) is created by the migration and refuses rename and delete. Blocks (JDBC).
 */
public final class DncLists {

    /** Id of the internal list: the consent ledger seen as a DNC list. */
    public static final UUID INTERNAL = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final String COLUMNS = "id, name, internal, created_at, modified_at, version, dnc_source_type";

    private final Jdbc jdbc;

    public DncLists(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** @throws Conflict when the name is taken */
    public DncList create(String name) {
        return NamedRows.uniqueName(name, () -> jdbc.with("dnc list create", c -> one(c,
                "INSERT INTO dnc_list (id, name) VALUES (?, ?) RETURNING " + COLUMNS, UUID.randomUUID(), name.strip())
                .orElseThrow()));
    }

    public Optional<DncList> find(UUID id) {
        return jdbc.with("dnc list find", c -> one(c, "SELECT " + COLUMNS + " FROM dnc_list WHERE id = ?", id));
    }

    /** @throws NoSuchElementException when there is no such list */
    public DncList require(UUID id) {
        return find(id).orElseThrow(() -> new NoSuchElementException("no DNC list " + id));
    }

    /** The internal list first, then by name. */
    public Slice<DncList> page(int pageSize, int pageNumber) {
        return NamedRows.page(jdbc, DncLists::read, COLUMNS, "dnc_list", "internal DESC, name", pageSize, pageNumber);
    }

    /**
     * Renames a list whose stored version is {@code version}.
     *
     * @throws NoSuchElementException when there is no such list
     * @throws Conflict on a stale version, a taken name, or the internal list
     */
    public DncList rename(UUID id, String name, int version) {
        refuseInternal(id, "renamed");
        return NamedRows.uniqueName(name, () -> jdbc.with("dnc list rename", c -> one(c, "UPDATE dnc_list SET name = ?, version = version + 1,"
                + " modified_at = now() WHERE id = ? AND version = ? RETURNING " + COLUMNS, name.strip(), id, version)))
                .orElseThrow(() -> staleOrMissing(id, version));
    }

    /** Deletes a list and its entries; false when there was none. @throws Conflict for the internal list */
    public boolean delete(UUID id) {
        refuseInternal(id, "deleted");
        return jdbc.with("dnc list delete", c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM dnc_list WHERE id = ?")) {
                st.setObject(1, id);
                return st.executeUpdate() > 0;
            }
        });
    }

    private static void refuseInternal(UUID id, String what) {
        if (INTERNAL.equals(id)) {
            throw new Conflict("the internal DNC list (the opt-out ledger of every channel) cannot be " + what);
        }
    }

    private RuntimeException staleOrMissing(UUID id, int version) {
        return find(id).<RuntimeException>map(l -> new Conflict("DNC list " + id + " is at version " + l.version()
                + ", not " + version + ": read it again")).orElseGet(() -> new NoSuchElementException("no DNC list " + id));
    }

    private static Optional<DncList> one(Connection c, String sql, Object... args) throws SQLException {
        return NamedRows.one(c, DncLists::read, sql, args);
    }

    private static DncList read(ResultSet rs) throws SQLException {
        return new DncList(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3), rs.getTimestamp(4).toInstant(),
                rs.getTimestamp(5).toInstant(), rs.getInt(6), rs.getString(7));
    }
}
