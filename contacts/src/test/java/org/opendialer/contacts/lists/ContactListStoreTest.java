package org.opendialer.contacts.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.store.testing.TestDb;

class ContactListStoreTest {

    private final ContactListStore store = new ContactListStore(TestDb.dataSource(), new Addresses("US"));
    private final CsvContactParser.Spec spec = new CsvContactParser.Spec(List.of("phone"), List.of("email"), "tz");

    @Test
    void uploadsAListWithNormalisedAddresses() {
        String csv = """
                name,phone,email,tz,note
                Ann,(555) 301-0001,Ann@Example.org,America/Chicago,"two
                lines"
                Bob,+1 555 301 0002,,Europe/Paris,
                """;
        ContactList list = store.create("upload-ok", csv, spec);
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.columns()).containsExactly("name", "phone", "email", "tz", "note");
        List<Contact> contacts = store.contacts(list.id());
        assertThat(contacts.get(0).get("phone")).isEqualTo("+15553010001");
        assertThat(contacts.get(0).get("email")).isEqualTo("ann@example.org");
        assertThat(contacts.get(0).get("note")).isEqualTo("two\nlines");
        assertThat(contacts.get(1).lineNo()).isEqualTo(4);
    }

    @Test
    void aBadRowIsReportedWithItsLineAndNothingIsStored() {
        String csv = """
                name,phone,email,tz,note
                Ann,5553010001,,UTC,
                Bob,not-a-number,,UTC,
                """;
        assertThatThrownBy(() -> store.create("upload-bad", csv, spec))
                .isInstanceOf(ContactImportException.class)
                .hasMessage("line 3: column 'phone': 'not-a-number' is not a valid phone number")
                .satisfies(e -> assertThat(((ContactImportException) e).line()).isEqualTo(3));
        assertThat(store.list()).noneMatch(l -> l.name().equals("upload-bad"));
    }

    @Test
    void rowsWithTheWrongNumberOfCellsAndUnknownZonesAreRefused() {
        assertThatThrownBy(() -> store.create("x1", "name,phone,email,tz,note\nAnn,5553010001\n", spec))
                .hasMessage("line 2: has 2 cells, the header has 5");
        assertThatThrownBy(() -> store.create("x2", "name,phone,email,tz,note\nAnn,5553010001,,Mars/Base,\n", spec))
                .hasMessageContaining("line 2: column 'tz'");
        assertThatThrownBy(() -> store.create("x3", "name,mobile\nAnn,5553010001\n", spec))
                .hasMessageContaining("line 1: column 'phone'");
    }

    @Test
    void aNameIsUsedOnce() {
        store.create("dup", "name,phone,email,tz,note\nAnn,5553010009,,,\n", spec);
        assertThatThrownBy(() -> store.create("dup", "name,phone,email,tz,note\nAnn,5553010009,,,\n", spec))
                .hasMessageContaining("exists already");
    }
}
