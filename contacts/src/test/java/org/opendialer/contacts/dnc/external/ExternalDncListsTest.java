package org.opendialer.contacts.dnc.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opendialer.contacts.Conflict;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.contacts.consent.ConsentLedger;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.contacts.dnc.DncCsvImport;
import org.opendialer.contacts.dnc.DncEntries;
import org.opendialer.contacts.dnc.DncList;
import org.opendialer.contacts.dnc.DncLists;
import org.opendialer.store.testing.ManualClock;
import org.opendialer.store.testing.TestDb;

/** External lists on a real PostgreSQL: their entries live at the provider, so none can be added here. */
class ExternalDncListsTest {

    final DataSource db = TestDb.dataSource();
    final Addresses addresses = new Addresses("US");
    final DncLists lists = new DncLists(db);
    final DncEntries entries = new DncEntries(db, lists, new ConsentLedger(db, addresses));
    final ExternalDncLists external = new ExternalDncLists(db, new SecretSeal(new SecureRandom().generateSeed(32)),
            ExternalDncLists.DNC_COM_URL, ExternalDncLists.BUDGET, new ManualClock(Instant.parse("2026-06-01T00:00:00Z")));

    @Test
    void aDncComListTakesNoEntryThroughTheApiBatchesNorAnUploadAndStaysEmpty() {
        DncList l = external.create("dncCom " + UUID.randomUUID(), ExternalDncLists.DNC_COM, "key-1");
        assertThatThrownBy(() -> entries.add(l.id(), ContactChannel.PHONE, List.of("+15035550100"), null))
                .isInstanceOf(Conflict.class).hasMessageContaining("entries live at the provider");
        assertThatThrownBy(() -> entries.remove(l.id(), ContactChannel.PHONE, List.of("+15035550100")))
                .isInstanceOf(Conflict.class).hasMessageContaining("dncCom list");
        assertThatThrownBy(() -> new DncCsvImport(db, lists, addresses).load(l.id(),
                new ByteArrayInputStream("phone\n+15035550100\n".getBytes(StandardCharsets.UTF_8)), DncCsvImport.Mode.SKIP_BAD_ROWS))
                .isInstanceOf(Conflict.class).hasMessageContaining("entries live at the provider");
        assertThat(entries.page(l.id(), null, 10, 1).total()).isZero();

        DncList own = lists.create("rds " + UUID.randomUUID());
        assertThat(entries.add(own.id(), ContactChannel.PHONE, List.of("+15035550100"), null)).as("an rds list still takes them")
                .isEqualTo(1);
    }

    @Test
    void aListsProviderAndItsCacheAndBreakerAreKeptAcrossTicks() {
        DncList a = external.create("dncCom " + UUID.randomUUID(), ExternalDncLists.DNC_COM, "key-a");
        DncList b = external.create("dncCom " + UUID.randomUUID(), ExternalDncLists.DNC_COM, "key-b");
        List<ExternalDncLists.Source> first = external.of(List.of(a.id(), b.id()));
        List<ExternalDncLists.Source> again = external.of(List.of(a.id(), b.id()));
        assertThat(first).hasSize(2);
        assertThat(again).extracting(ExternalDncLists.Source::provider)
                .containsExactlyInAnyOrderElementsOf(first.stream().map(ExternalDncLists.Source::provider).toList());
        assertThat(first.get(0).budget()).isEqualTo(Duration.ofMillis(800));
    }
}
