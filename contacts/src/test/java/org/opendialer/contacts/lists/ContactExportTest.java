package org.opendialer.contacts.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.store.testing.TestDb;

/**
 * The CSV export: the list's columns in list order with each contact's dialing state (its scheduled callback and
 * that callback's own number included), uploadable again.
 */
class ContactExportTest {

    final DataSource db = TestDb.dataSource();
    final ContactListStore lists = new ContactListStore(db, new Addresses("US"));
    final ContactStore contacts = new ContactStore(db, lists);
    final ContactExport export = new ContactExport(db, lists);
    final ContactCsvImport imports = new ContactCsvImport(db, lists);
    final CsvContactParser.Spec spec = new CsvContactParser.Spec(List.of("phone"), List.of("home"), List.of(), null, null, null, null);

    @Test
    void theExportCarriesTheColumnsAndTheDialingStateAndRoundTrips() throws Exception {
        ContactList l = lists.create("export " + UUID.randomUUID(), List.of("name", "phone", "note"), spec);
        List<ListContact> added = contacts.insert(l.id(), List.of(Map.of("name", "Ann", "phone", "5553010001", "note", "says \"hi\",\nbye"),
                Map.of("name", "Bob", "phone", "5553010002")), false);
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("""
                UPDATE contact SET attempts = 2, last_result = 'busy', last_attempt_at = '2026-05-01T10:00:00Z',
                       callable = false, skip_reason = 'attemptLimit', callback_at = '2026-05-02T09:30:00Z',
                       callback_number = '+15553010009' WHERE list_id = ? AND id = ?""")) {
            st.setObject(1, l.id());
            st.setString(2, added.get(1).id());
            st.executeUpdate();
        }
        StringWriter out = new StringWriter();
        assertThat(export.write(l.id(), out)).isEqualTo(2);
        List<CSVRecord> rows;
        try (CSVParser p = CSVParser.parse(out.toString(), CSVFormat.RFC4180.builder().setHeader().get())) {
            assertThat(p.getHeaderNames()).containsExactly("name", "phone", "note", "outbound-contact-id", "outbound-priority",
                    "outbound-callable", "outbound-attempts", "outbound-last-attempt", "outbound-last-result", "outbound-skip-reason",
                    "outbound-callback-time", "outbound-callback-number");
            rows = p.getRecords();
        }
        assertThat(rows.get(0).toMap()).containsEntry("name", "Ann").containsEntry("phone", "+15553010001")
                .containsEntry("note", "says \"hi\",\nbye").containsEntry("outbound-attempts", "0").containsEntry("outbound-callable", "true")
                .containsEntry("outbound-last-result", "").containsEntry("outbound-contact-id", added.get(0).id())
                .containsEntry("outbound-callback-time", "").containsEntry("outbound-callback-number", "");
        assertThat(rows.get(1).toMap()).containsEntry("name", "Bob").containsEntry("outbound-attempts", "2")
                .containsEntry("outbound-last-result", "busy").containsEntry("outbound-last-attempt", "2026-05-01T10:00:00Z")
                .containsEntry("outbound-callable", "false").containsEntry("outbound-skip-reason", "attemptLimit")
                .containsEntry("outbound-callback-time", "2026-05-02T09:30:00Z")
                .containsEntry("outbound-callback-number", "+15553010009");

        ContactList copy = lists.create("export copy " + UUID.randomUUID(), List.of("name", "phone", "note"), spec);
        imports.load(copy.id(), new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)),
                ContactCsvImport.Mode.REJECT_FILE, Map.of(), null);
        assertThat(lists.contacts(copy.id())).extracting(Contact::data)
                .containsExactly(added.get(0).data(), added.get(1).data());
    }
}
