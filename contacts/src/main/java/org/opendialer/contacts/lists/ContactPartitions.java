package org.opendialer.contacts.lists;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * Each list's partition of {@code contact} (V32): {@code contact_<list id without dashes>}, made at the list's first
 * write. It is made as a plain table and then attached, because ATTACH PARTITION takes only SHARE UPDATE EXCLUSIVE
 * on {@code contact} (claims, reads and writes of every list go on), where CREATE TABLE … PARTITION OF would take
 * ACCESS EXCLUSIVE. Whoever makes one holds the list's row ({@link #lockList}), so two first writes never race.
 */
final class ContactPartitions {

    private ContactPartitions() {
    }

    static String name(UUID listId) {
        return "contact_" + listId.toString().replace("-", "");
    }

    /**
     * Locks the list's row until the transaction ends (FOR NO KEY UPDATE: inserts' foreign-key checks still pass,
     * another first write or upload into the list waits) and says whether the list has its partition yet.
     *
     * @throws NoSuchElementException when there is no such list
     */
    static boolean lockList(Connection c, UUID listId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM contact_list WHERE id = ? FOR NO KEY UPDATE")) {
            st.setObject(1, listId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new NoSuchElementException("no contact list " + listId);
                }
            }
        }
        return exists(c, listId);
    }

    /**
     * Makes the plain table that becomes the list's partition, with the list's CHECK (so {@link #attach} needs no
     * scan to prove every row belongs). Rows copied into it in the same transaction may be frozen (COPY FREEZE).
     */
    static void create(Connection c, UUID listId) throws SQLException {
        String name = name(listId);
        execute(c, "CREATE TABLE " + name + " (LIKE contact INCLUDING DEFAULTS, CONSTRAINT " + name + "_list CHECK (list_id = '"
                + listId + "'))");
    }

    /** Attaches the table {@link #create} made: the parent's indexes are built on it here, each by one sort. */
    static void attach(Connection c, UUID listId) throws SQLException {
        execute(c, "ALTER TABLE contact ATTACH PARTITION " + name(listId) + " FOR VALUES IN ('" + listId + "')");
    }

    /**
     * Gathers the planner's statistics of the list's partition, every column but {@code data}: the JSONB values are
     * the dearest to compare and no plan of ours reads their statistics (claims filter on the typed columns; filters
     * on {@code data->>…} expressions do not use them). An ANALYZE of some columns leaves the table's count of
     * changed rows as it is, so autovacuum's ANALYZE still comes by after the commit and covers {@code data} too.
     */
    static void analyze(Connection c, UUID listId) throws SQLException {
        String columns;
        try (PreparedStatement st = c.prepareStatement("SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute"
                + " WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped AND attname <> 'data'")) {
            st.setString(1, name(listId));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                columns = rs.getString(1);
            }
        }
        execute(c, "ANALYZE " + name(listId) + " (" + columns + ")");
    }

    /** Gives the list its partition if it has none yet: for writers of a few rows (API inserts). */
    static void ensure(Connection c, UUID listId) throws SQLException {
        if (exists(c, listId) || lockList(c, listId)) {
            return;
        }
        create(c, listId);
        attach(c, listId);
    }

    /**
     * Reads pg_class with the statement's snapshot, not the name cache to_regclass uses: after waiting for
     * {@link #lockList} that cache may still say "no such table" about one another transaction has just made.
     */
    static boolean exists(Connection c, UUID listId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM pg_class WHERE relname = ? AND relnamespace = current_schema()::regnamespace)")) {
            st.setString(1, name(listId));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.execute();
        }
    }
}
