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

    public ContactListStore(DataSource dataSource, Addresses addresses) {
        this.jdbc = new Jdbc(dataSource);
        this.parser = new CsvContactParser(addresses);
    }

    /**
     * Parses and stores a new list.
     *
     * @throws ContactImportException when a row is bad (nothing is stored) or the name is taken
     */
    public ContactList create(String name, String csv, CsvContactParser.Spec spec) {
        CsvContactParser.Parsed parsed = parser.parse(csv, spec);
        UUID id = UUID.randomUUID();
        return jdbc.tx("contact list upload", c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO contact_list (id, name, columns, phone_columns, email_columns, timezone_column)
                    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING""")) {
                st.setObject(1, id);
                st.setString(2, name);
                st.setArray(3, c.createArrayOf("text", parsed.columns().toArray()));
                st.setArray(4, c.createArrayOf("text", spec.phoneColumns().toArray()));
                st.setArray(5, c.createArrayOf("text", spec.emailColumns().toArray()));
                st.setString(6, spec.timeZoneColumn());
                if (st.executeUpdate() == 0) {
                    throw new ContactImportException(0, null, "a contact list named '" + name + "' exists already");
                }
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO contact (list_id, id, line_no, data) VALUES (?, ?, ?, ?::jsonb)")) {
                int batch = 0;
                for (Contact contact : parsed.contacts()) {
                    st.setObject(1, id);
                    st.setString(2, contact.id());
                    st.setInt(3, contact.lineNo());
                    st.setString(4, json(contact.data()));
                    st.addBatch();
                    if (++batch % 500 == 0) {
                        st.executeBatch();
                    }
                }
                st.executeBatch();
            }
            return find(c, id).orElseThrow();
        });
    }

    public Optional<ContactList> find(UUID id) {
        return jdbc.with("contact list", c -> find(c, id));
    }

    public List<ContactList> list() {
        return jdbc.with("contact lists", c -> {
            List<ContactList> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(SELECT + " ORDER BY l.created_at DESC");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        });
    }

    /** Contacts of a list in upload order. */
    public List<Contact> contacts(UUID listId) {
        return jdbc.with("contacts", c -> {
            List<Contact> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id, line_no, data FROM contact WHERE list_id = ? ORDER BY line_no")) {
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
                   (SELECT count(*) FROM contact c WHERE c.list_id = l.id) FROM contact_list l""";

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
                strings(rs.getArray(5)), rs.getString(6), rs.getInt(8), rs.getTimestamp(7).toInstant());
    }

    private static List<String> strings(Array a) throws SQLException {
        return Arrays.asList((String[]) a.getArray());
    }

    private static String json(Map<String, String> data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parse(String json) {
        try {
            return JSON.readValue(json, ROW);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("contact row is not JSON: " + e.getMessage(), e);
        }
    }
}
