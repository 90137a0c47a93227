package org.opendialer.contacts.lists;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.contacts.Conflict;
import org.opendialer.contacts.NamedRows;
import org.opendialer.contacts.dnc.DncEntries;
import org.opendialer.store.DatabaseException;
import org.opendialer.store.Jdbc;

/**
 * Contacts of a list one by one or in batches (the API's insert, read, update, delete) and the dialing order:
 * "dial next" contacts first, then list order. Blocks (JDBC).
 */
public final class ContactStore {

    /** Contacts one insert may carry. */
    public static final int MAX_BATCH = 1000;

    static final String COLUMNS = "id, list_id, data, priority, callable, attempts, last_attempt_at, last_result, skip_reason,"
            + " callback_at, callback_number, created_at, modified_at, version";

    private final Jdbc jdbc;
    private final ContactListStore lists;

    public ContactStore(DataSource dataSource, ContactListStore lists) {
        this.jdbc = new Jdbc(dataSource);
        this.lists = lists;
    }

    /**
     * Adds contacts (column to value) to a list, all or none; a contact whose key is already in the list
     * replaces that one's columns (and makes it "dial next" with {@code priority}).
     *
     * @throws DncEntries.InvalidBatch naming each bad contact by index
     * @throws NoSuchElementException  when there is no such list
     */
    public List<ListContact> insert(UUID listId, List<Map<String, String>> contacts, boolean priority) {
        if (contacts.isEmpty() || contacts.size() > MAX_BATCH) {
            throw new IllegalArgumentException("send 1 to " + MAX_BATCH + " contacts per request, not " + contacts.size());
        }
        ContactList list = lists.require(listId);
        ContactRows rows = new ContactRows(list, lists.addresses());
        List<String> bad = new ArrayList<>();
        List<Map<String, String>> good = new ArrayList<>();
        for (int i = 0; i < contacts.size(); i++) {
            Map<String, String> data = new LinkedHashMap<>();
            String reason = fill(list, contacts.get(i), data);
            reason = reason != null ? reason : rows.normalise(data);
            if (reason != null) {
                bad.add("[" + i + "] " + reason);
            }
            good.add(data);
        }
        if (!bad.isEmpty()) {
            throw new DncEntries.InvalidBatch(bad);
        }
        return jdbc.tx("contact insert", c -> {
            ContactPartitions.ensure(c, listId);
            List<ListContact> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO contact (list_id, id, line_no, data, key, priority) VALUES (?, ?, 0, ?::jsonb, ?, ?)
                    ON CONFLICT (list_id, key) WHERE key IS NOT NULL DO UPDATE SET data = EXCLUDED.data,
                        priority = contact.priority OR EXCLUDED.priority, modified_at = now(), version = contact.version + 1
                    RETURNING\s""" + COLUMNS)) {
                for (Map<String, String> data : good) {
                    st.setObject(1, listId);
                    st.setString(2, UUID.randomUUID().toString());
                    st.setString(3, ContactListStore.json(data));
                    st.setString(4, rows.key(data));
                    st.setBoolean(5, priority);
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        out.add(map(rs));
                    }
                }
            }
            touch(c, listId);
            return out;
        });
    }

    public Optional<ListContact> find(UUID listId, String contactId) {
        return jdbc.with("contact", c -> NamedRows.one(c, ContactStore::map,
                "SELECT " + COLUMNS + " FROM contact WHERE list_id = ? AND id = ?", listId, contactId));
    }

    /**
     * Replaces a contact's columns and flags; {@code version} must be the stored one.
     *
     * @throws Conflict when the version is stale or the new key belongs to another contact
     */
    public ListContact update(UUID listId, String contactId, Map<String, String> given, boolean priority, boolean callable, int version) {
        ContactList list = lists.require(listId);
        ContactRows rows = new ContactRows(list, lists.addresses());
        Map<String, String> data = new LinkedHashMap<>();
        String reason = fill(list, given, data);
        reason = reason != null ? reason : rows.normalise(data);
        if (reason != null) {
            throw new IllegalArgumentException("data: " + reason);
        }
        try {
            return jdbc.tx("contact update", c -> {
                Optional<ListContact> done = NamedRows.one(c, ContactStore::map, """
                        UPDATE contact SET data = ?::jsonb, key = ?, priority = ?, callable = ?, modified_at = now(),
                               version = version + 1 WHERE list_id = ? AND id = ? AND version = ? RETURNING\s""" + COLUMNS,
                        ContactListStore.json(data), rows.key(data), priority, callable, listId, contactId, version);
                if (done.isEmpty()) {
                    ListContact now = NamedRows.one(c, ContactStore::map, "SELECT " + COLUMNS + " FROM contact WHERE list_id = ? AND id = ?",
                            listId, contactId).orElseThrow(() -> new NoSuchElementException("no contact " + contactId + " in list " + listId));
                    throw new Conflict("version " + version + " is stale: the contact is at version " + now.version());
                }
                touch(c, listId);
                return done.get();
            });
        } catch (DatabaseException e) {
            if (e.getCause() instanceof SQLException s && "23505".equals(s.getSQLState())) {
                throw new Conflict("another contact of the list has the key '" + rows.key(data) + "'");
            }
            throw e;
        }
    }

    public boolean delete(UUID listId, String contactId) {
        return jdbc.tx("contact delete", c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM contact WHERE list_id = ? AND id = ?")) {
                st.setObject(1, listId);
                st.setString(2, contactId);
                boolean gone = st.executeUpdate() == 1;
                if (gone) {
                    touch(c, listId);
                }
                return gone;
            }
        });
    }

    /** The next {@code limit} callable contacts in dialing order: "dial next" ones first, then list order. */
    public List<ListContact> next(UUID listId, int limit) {
        return jdbc.with("next contacts", c -> {
            List<ListContact> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM contact WHERE list_id = ? AND callable ORDER BY priority DESC, seq LIMIT ?")) {
                st.setObject(1, listId);
                st.setInt(2, limit);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(map(rs));
                    }
                }
            }
            return out;
        });
    }

    /** Copies {@code given} into {@code data} in the list's column order (absent = empty); null, or the unknown column. */
    private static String fill(ContactList list, Map<String, String> given, Map<String, String> data) {
        for (String k : given.keySet()) {
            if (!list.columns().contains(k)) {
                return "column '" + k + "' is not a column of the list " + list.columns();
            }
        }
        for (String col : list.columns()) {
            String v = given.get(col);
            data.put(col, v == null ? "" : v.strip());
        }
        return null;
    }

    private static void touch(Connection c, UUID listId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE contact_list SET modified_at = now() WHERE id = ?")) {
            st.setObject(1, listId);
            st.executeUpdate();
        }
    }

    static ListContact map(ResultSet rs) throws SQLException {
        return new ListContact(rs.getString(1), rs.getObject(2, UUID.class), ContactListStore.parse(rs.getString(3)),
                rs.getBoolean(4), rs.getBoolean(5), rs.getInt(6), instant(rs.getTimestamp(7)), rs.getString(8), rs.getString(9),
                instant(rs.getTimestamp(10)), rs.getString(11), instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)),
                rs.getInt(14));
    }

    private static java.time.Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
