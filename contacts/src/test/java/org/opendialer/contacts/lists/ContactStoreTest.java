package org.opendialer.contacts.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opendialer.contacts.Conflict;
import org.opendialer.contacts.callable.CallableContact;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.contacts.dnc.DncEntries;
import org.opendialer.store.testing.TestDb;

/** API-style inserts in batches, "dial next", one contact's read/update/delete, and the callable-contact view. */
class ContactStoreTest {

    final DataSource db = TestDb.dataSource();
    final ContactListStore lists = new ContactListStore(db, new Addresses("US"));
    final ContactStore contacts = new ContactStore(db, lists);

    ContactList newList() {
        return lists.create("api " + UUID.randomUUID(), List.of("name", "phone", "tz", "zip", "id"),
                new CsvContactParser.Spec(List.of("phone"), List.of("cell"), List.of(), "tz", "zip", "id", null));
    }

    @Test
    void aPriorityInsertIsDialedBeforeTheListInListOrder() {
        ContactList l = newList();
        contacts.insert(l.id(), List.of(Map.of("name", "a", "phone", "5553010001", "id", "1"),
                Map.of("name", "b", "phone", "5553010002", "id", "2")), false);
        contacts.insert(l.id(), List.of(Map.of("name", "c", "phone", "5553010003", "id", "3")), false);
        contacts.insert(l.id(), List.of(Map.of("name", "urgent", "phone", "5553010009", "id", "9"),
                Map.of("name", "urgent2", "phone", "5553010008", "id", "8")), true);
        assertThat(contacts.next(l.id(), 10)).extracting(c -> c.data().get("name"))
                .containsExactly("urgent", "urgent2", "a", "b", "c");
        assertThat(contacts.next(l.id(), 10).getFirst().priority()).isTrue();
    }

    @Test
    void aBatchWithABadContactStoresNothingAndNamesEachByIndex() {
        ContactList l = newList();
        assertThatThrownBy(() -> contacts.insert(l.id(), List.of(Map.of("name", "ok", "phone", "5553010001", "id", "1"),
                Map.of("name", "bad", "phone", "12", "id", "2"), Map.of("nope", "x", "id", "3")), false))
                .isInstanceOfSatisfying(DncEntries.InvalidBatch.class, e -> assertThat(e.reasons())
                        .containsExactly("[1] column 'phone': '12' is not a valid phone number",
                                "[2] column 'nope' is not a column of the list [name, phone, tz, zip, id]"));
        assertThat(contacts.next(l.id(), 10)).isEmpty();
        assertThatThrownBy(() -> contacts.insert(l.id(), java.util.Collections.nCopies(ContactStore.MAX_BATCH + 1,
                Map.of("phone", "5553010001", "id", "1")), false)).hasMessageContaining("1 to 1000");
    }

    @Test
    void aContactIsReadUpdatedByVersionAndDeleted() {
        ContactList l = newList();
        ListContact c = contacts.insert(l.id(), List.of(Map.of("name", "a", "phone", "5553010001", "id", "1")), false).getFirst();
        assertThat(contacts.find(l.id(), c.id())).contains(c);
        ListContact changed = contacts.update(l.id(), c.id(), Map.of("name", "A", "phone", "+1 555 301 0002", "id", "1"), true, false, 1);
        assertThat(changed.version()).isEqualTo(2);
        assertThat(changed.data()).containsEntry("phone", "+15553010002").containsEntry("name", "A");
        assertThat(changed.callable()).isFalse();
        assertThat(contacts.next(l.id(), 10)).as("uncallable").isEmpty();
        assertThatThrownBy(() -> contacts.update(l.id(), c.id(), Map.of("phone", "5553010001", "id", "1"), false, true, 1))
                .isInstanceOf(Conflict.class).hasMessageContaining("version 1 is stale");
        ListContact other = contacts.insert(l.id(), List.of(Map.of("phone", "5553010003", "id", "2")), false).getFirst();
        assertThatThrownBy(() -> contacts.update(l.id(), other.id(), Map.of("phone", "5553010003", "id", "1"), false, true, 1))
                .isInstanceOf(Conflict.class).hasMessageContaining("key '1'");
        assertThat(contacts.delete(l.id(), c.id())).isTrue();
        assertThat(contacts.delete(l.id(), c.id())).isFalse();
        assertThat(contacts.find(l.id(), c.id())).isEmpty();
    }

    @Test
    void theCallableViewTakesTheZoneColumnThenThePostalCodeThenThePhones() {
        ContactList l = newList();
        assertThat(l.callable(Map.of("phone", "+15553010001", "tz", "America/Chicago", "zip", "10001")))
                .isEqualTo(new CallableContact("America/Chicago", "10001", List.of("+15553010001")));
        assertThat(l.callable(Map.of("phone", "+15553010001", "tz", "", "zip", "")))
                .isEqualTo(new CallableContact(null, null, List.of("+15553010001")));
    }
}
