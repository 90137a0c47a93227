package org.opendialer.contacts.lists;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.store.Jdbc;

/** Contact lists in PostgreSQL. An upload is stored in one transaction: all rows, or none. Blocks (JDBC). */
public final class ContactListStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> ROW = new TypeReference<>() { };

    private final Jdbc jdbc;
    private final CsvContactParser parser;
    private final Addresses addresses;

    public ContactListStore(DataSource dataSource, Addresses addresses) {
        this.jdbc = new Jdbc(dataSource);
        this.parser = new CsvContactParser(addresses);
        this.addresses = addresses;
    }

    /** The node's default region, for lists that name none. */
    public Addresses addresses() {
        return addresses;
    }

    /**
     * Parses and stores a new list with its contacts (a later row wins over an earlier one with the same key).
     *
     * @throws ContactImportException when a row is bad (nothing is stored) or the name is taken
     */
    public ContactList create(String name, String csv, CsvContactParser.Spec spec) {
        CsvContactParser.Parsed parsed = parser.parse(csv, spec);
        ContactList draft = spec.draft(UUID.randomUUID(), name, parsed.columns());
        return jdbc.tx("contact list upload", c -> {
            insertList(c, draft);
            ContactPartitions.ensure(c, draft.id());
            ContactRows rows = new ContactRows(draft, addresses);
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO contact (list_id, id, line_no, data, key) VALUES (?, ?, ?, ?::jsonb, ?)
                    ON CONFLICT (list_id, key) WHERE key IS NOT NULL DO UPDATE SET data = EXCLUDED.data""")) {
                int batch = 0;
                for (Contact contact : parsed.contacts()) {
                    st.setObject(1, draft.id());
                    st.setString(2, contact.id());
                    st.setInt(3, contact.lineNo());
                    st.setString(4, json(contact.data()));
                    st.setString(5, rows.key(contact.data()));
                    st.addBatch();
                    if (++batch % 500 == 0) {
                        st.executeBatch();
                    }
                }
                st.executeBatch();
            }
            return find(c, draft.id()).orElseThrow();
        });
    }

    /**
     * A new list without contacts, its columns given: fill it with a CSV upload or API inserts.
     *
     * @throws ContactImportException when the roles do not fit the columns or the name is taken
     */
    public ContactList create(String name, List<String> columns, CsvContactParser.Spec spec) {
        CsvContactParser.checkHeader(columns.stream().map(String::strip).toList(), spec);
        ContactList draft = spec.draft(UUID.randomUUID(), name, columns.stream().map(String::strip).toList());
        return jdbc.tx("contact list", c -> {
            insertList(c, draft);
            return find(c, draft.id()).orElseThrow();
        });
    }

    private static void insertList(Connection c, ContactList l) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO contact_list (id, name, columns, phone_columns, phone_types, email_columns, timezone_column,
                                          postal_code_column, key_column, default_region)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING""")) {
            st.setObject(1, l.id());
            st.setString(2, l.name());
            st.setArray(3, c.createArrayOf("text", l.columns().toArray()));
            st.setArray(4, c.createArrayOf("text", l.phoneColumns().toArray()));
            st.setArray(5, c.createArrayOf("text", l.phoneTypes().toArray()));
            st.setArray(6, c.createArrayOf("text", l.emailColumns().toArray()));
            st.setString(7, l.timeZoneColumn());
            st.setString(8, l.postalCodeColumn());
            st.setString(9, l.keyColumn());
            st.setString(10, l.defaultRegion());
            if (st.executeUpdate() == 0) {
                throw new ContactImportException(0, null, "a contact list named '" + l.name() + "' exists already");
            }
        }
    }

    /** The list, or {@link java.util.NoSuchElementException}. */
    public ContactList require(UUID id) {
        return find(id).orElseThrow(() -> new java.util.NoSuchElementException("no contact list " + id));
    }

    public Optional<ContactList> find(UUID id) {
        return jdbc.with("contact list", c -> find(c, id));
    }

    /** Every list, newest first. */
    public List<ContactList> list() {
        return list(Integer.MAX_VALUE, 0);
    }

    /** One page of lists, newest first. */
    public List<ContactList> list(int limit, long offset) {
        return jdbc.with("contact lists", c -> {
            List<ContactList> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(SELECT + " ORDER BY l.created_at DESC, l.id LIMIT ? OFFSET ?")) {
                st.setInt(1, limit);
                st.setLong(2, offset);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(map(rs));
                    }
                }
            }
            return out;
        });
    }

    public long count() {
        return jdbc.count("count contact lists", "SELECT count(*) FROM contact_list");
    }

    /** Contacts of a list in upload order. */
    public List<Contact> contacts(UUID listId) {
        return jdbc.with("contacts", c -> {
            List<Contact> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id, line_no, data FROM contact WHERE list_id = ? ORDER BY seq")) {
                st.setObject(1, listId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Contact(rs.getString(1), rs.getInt(2), parse(rs.getString(3))));
                    }
                }
            }
            return out;
        });
    }

    public Optional<Contact> contact(UUID listId, String contactId) {
        return jdbc.with("contact", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT id, line_no, data FROM contact WHERE list_id = ? AND id = ?")) {
                st.setObject(1, listId);
                st.setString(2, contactId);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(new Contact(rs.getString(1), rs.getInt(2), parse(rs.getString(3)))) : Optional.empty();
                }
            }
        });
    }

    private static final String SELECT = """
            SELECT l.id, l.name, l.columns, l.phone_columns, l.email_columns, l.timezone_column, l.created_at,
                   (SELECT count(*) FROM contact c WHERE c.list_id = l.id), l.version, l.phone_types, l.postal_code_column,
                   l.key_column, l.default_region, l.modified_at FROM contact_list l""";

    private static Optional<ContactList> find(Connection c, UUID id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(SELECT + " WHERE l.id = ?")) {
            st.setObject(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    private static ContactList map(ResultSet rs) throws SQLException {
        return new ContactList(rs.getObject(1, UUID.class), rs.getString(2), strings(rs.getArray(3)), strings(rs.getArray(4)),
                strings(rs.getArray(10)), strings(rs.getArray(5)), rs.getString(6), rs.getString(11), rs.getString(12),
                rs.getString(13), rs.getLong(8), rs.getTimestamp(7).toInstant(), rs.getTimestamp(14).toInstant(), rs.getInt(9));
    }

    private static List<String> strings(Array a) throws SQLException {
        return Arrays.asList((String[]) a.getArray());
    }

    static String json(Map<String, String> data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> parse(String json) {
        try {
            return JSON.readValue(json, ROW);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("contact row is not JSON: " + e.getMessage(), e);
        }
    }
}
