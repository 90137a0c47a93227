package org.opendialer.contacts.dnc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.contacts.consent.ConsentLedger;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.store.testing.TestDb;

/** CSV uploads into DNC lists through COPY: edge cases of the file, bad rows, all or nothing. */
class DncCsvImportTest {

    final DataSource db = TestDb.dataSource();
    final Addresses addresses = new Addresses("US");
    final ConsentLedger ledger = new ConsentLedger(db, addresses);
    final DncLists lists = new DncLists(db);
    final DncEntries entries = new DncEntries(db, lists, ledger);
    final DncCsvImport imports = new DncCsvImport(db, lists, addresses);
    final Instant now = Instant.parse("2026-06-01T00:00:00Z");

    UUID newList() {
        return lists.create("upload " + UUID.randomUUID()).id();
    }

    static InputStream csv(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    boolean blocked(UUID list, ContactChannel ch, String address) {
        return entries.blockedBy(Set.of(list), ch, address, now).isPresent();
    }

    @Test
    void aBomCrlfAndMixedColumnsAreRead() {
        UUID id = newList();
        DncImportReport r = imports.load(id, csv("\uFEFFPhone Number,Email,Expires\r\n(555) 401-0001,,\r\n,Bob@Example.org,2027-01-01\r\n"
                + "+15554010003,carol@example.org,2026-05-01T00:00:00Z\r\n"), DncCsvImport.Mode.REJECT_FILE);
        assertThat(r.imported()).isTrue();
        assertThat(r.rows()).isEqualTo(3);
        assertThat(r.stored()).isEqualTo(4);
        assertThat(r.badRows()).isZero();
        assertThat(blocked(id, ContactChannel.PHONE, "+15554010001")).isTrue();
        assertThat(blocked(id, ContactChannel.EMAIL, "bob@example.org")).isTrue();
        assertThat(blocked(id, ContactChannel.PHONE, "+15554010003")).as("expired on 1 May").isFalse();
        assertThat(entries.page(id, ContactChannel.EMAIL, 25, 1).items()).filteredOn(e -> e.address().equals("bob@example.org"))
                .singleElement().extracting(DncEntry::expiresAt).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void rejectTheFileReportsEveryBadRowByLineAndStoresNothing() {
        UUID id = newList();
        String text = "phone,expires\n+15554020001,\n\n12,\n\"+1555402\n0002\",\n+15554020003,someday\n+15554020004,extra,cell\n";
        assertThatThrownBy(() -> imports.load(id, csv(text), DncCsvImport.Mode.REJECT_FILE))
                .isInstanceOfSatisfying(DncImportReport.Rejected.class, e -> {
                    assertThat(e.report().imported()).isFalse();
                    assertThat(e.report().errors()).extracting(DncImportReport.RowError::line).containsExactly(4L, 5L, 7L, 8L);
                    assertThat(e.report().errors().get(0).reason()).contains("'12' is not a valid phone number");
                    assertThat(e.report().errors().get(2).reason()).contains("'someday' is not a date");
                    assertThat(e.report().errors().get(3).reason()).contains("has 3 cells, the header has 2");
                });
        assertThat(blocked(id, ContactChannel.PHONE, "+15554020001")).isFalse();
    }

    @Test
    void skipBadRowsStoresTheRestAndALaterRowWins() {
        UUID id = newList();
        DncImportReport r = imports.load(id, csv("email,expires\nann@example.org,2026-01-01\nnot-an-email,\nann@example.org,\n"),
                DncCsvImport.Mode.SKIP_BAD_ROWS);
        assertThat(r.imported()).isTrue();
        assertThat(r.rows()).isEqualTo(3);
        assertThat(r.badRows()).isEqualTo(1);
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(3));
        assertThat(r.stored()).isEqualTo(1);
        assertThat(blocked(id, ContactChannel.EMAIL, "ann@example.org")).as("the later row has no expiry").isTrue();
    }

    @Test
    void aHeaderWithoutAddressColumnsOrAnEmptyFileIsRefusedInEitherMode() {
        UUID id = newList();
        assertThatThrownBy(() -> imports.load(id, csv("name,city\nann,Paris\n"), DncCsvImport.Mode.SKIP_BAD_ROWS))
                .isInstanceOfSatisfying(DncImportReport.Rejected.class, e -> assertThat(e.report().errors().getFirst().reason())
                        .contains("names no phone or email column"));
        assertThatThrownBy(() -> imports.load(id, csv(""), DncCsvImport.Mode.SKIP_BAD_ROWS))
                .isInstanceOf(DncImportReport.Rejected.class).hasMessageContaining("empty");
    }

    @Test
    void anUploadThatBreaksOffStoresNothing() {
        UUID id = newList();
        InputStream broken = new SequenceInputStream(csv("phone\n+15554030001\n+15554030002\n"), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });
        assertThatThrownBy(() -> imports.load(id, broken, DncCsvImport.Mode.SKIP_BAD_ROWS))
                .isInstanceOf(DncImportReport.Rejected.class).hasMessageContaining("connection reset");
        assertThat(blocked(id, ContactChannel.PHONE, "+15554030001")).isFalse();
    }

    @Test
    void anUploadToTheInternalListGoesOnTheLedgerAndRefusesExpiries() {
        String a = "up" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        DncImportReport r = imports.load(DncLists.INTERNAL, csv("email,expires\n" + a + ",\nlater@example.org,2027-01-01\n"),
                DncCsvImport.Mode.SKIP_BAD_ROWS);
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.reason()).contains("do not expire"));
        assertThat(ledger.find(ContactChannel.EMAIL, a)).get().satisfies(e -> assertThat(e.source().name()).isEqualTo("UPLOAD"));
    }

    @Test
    void invalidUtf8IsRefused() {
        UUID id = newList();
        byte[] bytes = {'p', 'h', 'o', 'n', 'e', '\n', (byte) 0xC3, (byte) 0x28, '\n'};
        assertThatThrownBy(() -> imports.load(id, new ByteArrayInputStream(bytes), DncCsvImport.Mode.SKIP_BAD_ROWS))
                .isInstanceOf(DncImportReport.Rejected.class).hasMessageContaining("UTF-8");
    }
}
