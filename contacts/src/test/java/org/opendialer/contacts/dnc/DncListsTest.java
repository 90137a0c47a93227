package org.opendialer.contacts.dnc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opendialer.contacts.Conflict;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.contacts.consent.ConsentLedger;
import org.opendialer.contacts.consent.ConsentSource;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.store.testing.TestDb;

/** DNC lists and their entries on a real PostgreSQL; the internal list is the consent ledger itself. */
class DncListsTest {

    final DataSource db = TestDb.dataSource();
    final ConsentLedger ledger = new ConsentLedger(db, new Addresses("US"));
    final DncLists lists = new DncLists(db);
    final DncEntries entries = new DncEntries(db, lists, ledger);

    static String unique(String name) {
        return name + " " + UUID.randomUUID();
    }

    @Test
    void listsAreCreatedRenamedWithTheirVersionAndDeleted() {
        DncList l = lists.create(unique("Do not call"));
        assertThat(l.version()).isEqualTo(1);
        assertThat(l.internal()).isFalse();
        DncList renamed = lists.rename(l.id(), l.name() + " (national)", 1);
        assertThat(renamed.version()).isEqualTo(2);
        assertThat(renamed.dateModified()).isAfterOrEqualTo(l.dateModified());
        assertThatThrownBy(() -> lists.rename(l.id(), "stale " + UUID.randomUUID(), 1))
                .isInstanceOf(Conflict.class).hasMessageContaining("version 2, not 1");
        assertThatThrownBy(() -> lists.create(renamed.name())).isInstanceOf(Conflict.class).hasMessageContaining("taken");
        assertThat(lists.delete(l.id())).isTrue();
        assertThat(lists.find(l.id())).isEmpty();
        assertThatThrownBy(() -> lists.rename(l.id(), "gone", 2)).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void theInternalListIsListedFirstAndCannotBeRenamedOrDeleted() {
        lists.create(unique("A list"));
        assertThat(lists.page(25, 1).items().getFirst().id()).isEqualTo(DncLists.INTERNAL);
        assertThat(lists.page(25, 1).total()).isGreaterThanOrEqualTo(2);
        assertThatThrownBy(() -> lists.delete(DncLists.INTERNAL)).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> lists.rename(DncLists.INTERNAL, "mine", 1)).isInstanceOf(Conflict.class);
    }

    @Test
    void entriesAreCanonicalAndTheCheckHonoursExpiry() {
        UUID id = lists.create(unique("Expiring")).id();
        Instant now = Instant.parse("2026-06-01T12:00:00Z");
        entries.add(id, ContactChannel.PHONE, List.of("(555) 301-0001"), null);
        entries.add(id, ContactChannel.PHONE, List.of("+1 555 301 0002"), now.plusSeconds(3600));
        entries.add(id, ContactChannel.EMAIL, List.of("Ann@Example.COM"), null);
        assertThat(entries.blockedBy(Set.of(id), ContactChannel.PHONE, "+15553010001", now)).contains(id);
        assertThat(entries.blockedBy(Set.of(id), ContactChannel.PHONE, "5553010002", now)).contains(id);
        assertThat(entries.blockedBy(Set.of(id), ContactChannel.PHONE, "5553010002", now.plusSeconds(3600))).isEmpty();
        assertThat(entries.blockedBy(Set.of(id), ContactChannel.EMAIL, "ann@example.com", now)).contains(id);
        assertThat(entries.blockedBy(Set.of(id), ContactChannel.PHONE, "+15553010003", now)).isEmpty();
        assertThat(entries.page(id, null, 2, 1).total()).isEqualTo(3);
        assertThat(entries.page(id, ContactChannel.PHONE, 25, 1).items()).extracting(DncEntry::address)
                .containsExactlyInAnyOrder("+15553010001", "+15553010002");
        assertThat(entries.remove(id, ContactChannel.PHONE, List.of("555-301-0001", "555-301-0009"))).isEqualTo(1);
        assertThat(entries.blockedBy(Set.of(id), ContactChannel.PHONE, "+15553010001", now)).isEmpty();
    }

    @Test
    void theBatchedCheckAnswersAsTheSingleOneWithTheFirstListInTheCallersOrder() {
        UUID a = lists.create(unique("First")).id();
        UUID b = lists.create(unique("Second")).id();
        Instant now = Instant.parse("2026-06-01T12:00:00Z");
        String optedOut = "+1555305" + String.format("%04d", (int) (Math.random() * 10000));
        ledger.add(ContactChannel.PHONE, optedOut, ConsentSource.API, "test");
        entries.add(a, ContactChannel.PHONE, List.of("+15553040001", "+15553040002"), null);
        entries.add(b, ContactChannel.PHONE, List.of("+15553040002", "+15553040003", optedOut), null);
        entries.add(b, ContactChannel.PHONE, List.of("+15553040004"), now.plusSeconds(60));
        List<String> numbers = List.of("+15553040001", "+15553040002", "+15553040003", "+15553040004", "+15553040005", optedOut);

        assertThat(entries.blockedAmong(List.of(b, a, DncLists.INTERNAL), ContactChannel.PHONE, numbers, now)).isEqualTo(Map.of(
                "+15553040001", a, "+15553040002", b, "+15553040003", b, "+15553040004", b, optedOut, DncLists.INTERNAL));
        assertThat(entries.blockedAmong(List.of(a, b), ContactChannel.PHONE, numbers, now.plusSeconds(60))).isEqualTo(Map.of(
                "+15553040001", a, "+15553040002", a, "+15553040003", b, optedOut, b));
        for (String n : numbers) { // the single check gives the same answers
            assertThat(entries.blockedBy(List.of(b, a, DncLists.INTERNAL), ContactChannel.PHONE, n, now))
                    .isEqualTo(Optional.ofNullable(entries.blockedAmong(List.of(b, a, DncLists.INTERNAL), ContactChannel.PHONE, List.of(n), now).get(n)));
        }
        assertThat(entries.blockedAmong(List.of(), ContactChannel.PHONE, numbers, now)).isEmpty();
        // a spelling that is not canonical would match nothing: refused rather than let through
        assertThatThrownBy(() -> entries.blockedAmong(List.of(a), ContactChannel.PHONE, List.of("(555) 304-0001"), now))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> entries.blockedAmong(List.of(a), ContactChannel.EMAIL, List.of("Ann@Example.com"), now))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBatchWithOneBadAddressStoresNothing() {
        UUID id = lists.create(unique("Batch")).id();
        assertThatThrownBy(() -> entries.add(id, ContactChannel.PHONE, List.of("+15553020001", "12", "+15553020002"), null))
                .isInstanceOfSatisfying(DncEntries.InvalidBatch.class, e -> assertThat(e.reasons()).containsExactly(
                        "[1] '12' is not a valid phone number"));
        assertThat(entries.page(id, null, 25, 1).total()).isZero();
        assertThatThrownBy(() -> entries.add(UUID.randomUUID(), ContactChannel.PHONE, List.of("+15553020001"), null))
                .isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void theInternalListIsTheLedgerBothWays() {
        String number = "+1555303" + String.format("%04d", (int) (Math.random() * 10000));
        ledger.add(ContactChannel.PHONE, number, ConsentSource.IVR_OPTOUT, "pressed 9");
        UUID other = lists.create(unique("Other")).id();
        Instant now = Instant.now();
        assertThat(entries.blockedBy(List.of(other, DncLists.INTERNAL), ContactChannel.PHONE, number, now)).contains(DncLists.INTERNAL);
        assertThat(entries.blockedBy(List.of(other), ContactChannel.PHONE, number, now)).isEmpty();
        assertThat(entries.page(DncLists.INTERNAL, ContactChannel.PHONE, 500, 1).items())
                .anySatisfy(e -> {
                    assertThat(e.address()).isEqualTo(number);
                    assertThat(e.source()).isEqualTo("ivr_optout");
                });

        entries.add(DncLists.INTERNAL, ContactChannel.EMAIL, List.of("Opted@Out.example"), null);
        assertThat(ledger.isBlocked(ContactChannel.EMAIL, "opted@out.example")).isTrue();
        assertThatThrownBy(() -> entries.add(DncLists.INTERNAL, ContactChannel.PHONE, List.of(number), now))
                .isInstanceOf(Conflict.class).hasMessageContaining("do not expire");
        assertThat(entries.remove(DncLists.INTERNAL, ContactChannel.PHONE, List.of(number))).isEqualTo(1);
        assertThat(ledger.isBlocked(ContactChannel.PHONE, number)).isFalse();
    }
}
