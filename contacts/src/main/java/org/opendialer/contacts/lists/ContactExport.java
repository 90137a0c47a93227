package org.opendialer.contacts.lists;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.opendialer.store.Jdbc;

/**
 * A list as CSV, in list order: the list's columns, then each contact's dialing state under the names in
 * {@link #STATE_COLUMNS} (an upload ignores them, so an export can be uploaded again). Rows are read with a
 * cursor and written as they come, so a list of any size streams in constant memory.
 */
public final class ContactExport {

    /**
     * Columns after the list's own: id, "dial next", callable, attempts, last attempt (ISO instant), last result, why
     * skipped, the scheduled callback (ISO instant) and the number it dials instead of the contact's own (E.164).
     */
    public static final List<String> STATE_COLUMNS = List.of("outbound-contact-id", "outbound-priority", "outbound-callable",
            "outbound-attempts", "outbound-last-attempt", "outbound-last-result", "outbound-skip-reason",
            "outbound-callback-time", "outbound-callback-number");
    private static final int FETCH = 1000;

    private final Jdbc jdbc;
    private final ContactListStore lists;

    public ContactExport(DataSource dataSource, ContactListStore lists) {
        this.jdbc = new Jdbc(dataSource);
        this.lists = lists;
    }

    /**
     * Writes the list to {@code out} (not closed).
     *
     * @return contacts written
     * @throws java.util.NoSuchElementException when there is no such list (before anything is written)
     * @throws UncheckedIOException             when {@code out} fails (the client went away)
     */
    public long write(UUID listId, Writer out) {
        ContactList list = lists.require(listId);
        List<String> header = new ArrayList<>(list.columns());
        header.addAll(STATE_COLUMNS);
        // A cursor needs a transaction; the export only reads.
        return jdbc.tx("contact export", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + ContactStore.COLUMNS + " FROM contact WHERE list_id = ? ORDER BY seq")) {
                st.setFetchSize(FETCH);
                st.setObject(1, listId);
                // Not closed: closing the printer would close the caller's writer.
                CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
                long n = 0;
                List<Object> row = new ArrayList<>(header.size());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        ListContact contact = ContactStore.map(rs);
                        row.clear();
                        list.columns().forEach(col -> row.add(contact.data().getOrDefault(col, "")));
                        row.add(contact.id());
                        row.add(contact.priority());
                        row.add(contact.callable());
                        row.add(contact.attempts());
                        row.add(contact.lastAttemptAt() == null ? "" : contact.lastAttemptAt().toString());
                        row.add(contact.lastResult() == null ? "" : contact.lastResult());
                        row.add(contact.skipReason() == null ? "" : contact.skipReason());
                        row.add(contact.callbackAt() == null ? "" : contact.callbackAt().toString());
                        row.add(contact.callbackNumber() == null ? "" : contact.callbackNumber());
                        csv.printRecord(row);
                        n++;
                    }
                }
                csv.flush();
                return n;
            } catch (IOException e) {
                throw new UncheckedIOException("the export could not be written: " + e.getMessage(), e);
            }
        });
    }
}
