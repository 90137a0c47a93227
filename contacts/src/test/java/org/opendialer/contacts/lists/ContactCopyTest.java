package org.opendialer.contacts.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.store.Jdbc;
import org.opendialer.store.testing.Await;
import org.opendialer.store.testing.TestDb;

/** How an upload's rows reach the table: straight into the list's partition as they arrive, repeated keys replaced at the end. */
class ContactCopyTest {

    final DataSource db = TestDb.dataSource();
    final ContactListStore lists = new ContactListStore(db, new Addresses("US"));
    final ContactStore contacts = new ContactStore(db, lists);
    final ContactCsvImport imports = new ContactCsvImport(db, lists);

    ContactList newList(String key) {
        return lists.create("copy " + UUID.randomUUID(), List.of("name", "home", "custId"),
                new CsvContactParser.Spec(List.of("home"), List.of("home"), List.of(), null, null, key, null));
    }

    ImportStatus load(ContactList l, String text) {
        return imports.load(l.id(), new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), ContactCsvImport.Mode.REJECT_FILE,
                Map.of(), null);
    }

    /** The table a COPY into this database is filling now (pg_stat_progress_copy), once it has taken rows. */
    Long copyingInto() {
        return new Jdbc(db).with("copy progress", c -> {
            try (var st = c.prepareStatement("SELECT relid FROM pg_stat_progress_copy WHERE command = 'COPY FROM'"
                    + " AND datname = current_database() AND tuples_processed > 0 ORDER BY tuples_processed DESC LIMIT 1");
                 var rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        });
    }

    @Test
    void aListsFirstRowsGoStraightIntoItsOwnPartitionWhileTheyArriveStillInvisible() throws Exception {
        ContactList l = newList("custId");
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream reader = new PipedInputStream(writer, 1 << 20);
        CompletableFuture<ImportStatus> done = CompletableFuture.supplyAsync(() ->
                imports.load(l.id(), reader, ContactCsvImport.Mode.REJECT_FILE, Map.of(), null));
        try {
            StringBuilder head = new StringBuilder("name,home,custId\n");
            for (int i = 0; i < 20_000; i++) {
                head.append("n").append(i).append(",+1555").append(String.format("%07d", 3000000 + i)).append(",K").append(i).append('\n');
            }
            writer.write(head.toString().getBytes(StandardCharsets.UTF_8));
            writer.flush();
            // Before: every row went to a temporary staging table first and reached contact only after the file ended.
            Long[] table = new Long[1];
            Await.until("rows are copied while the file is still open", () -> (table[0] = copyingInto()) != null);
            assertThat(contacts.next(l.id(), 1)).as("nothing is visible before the commit").isEmpty();
            writer.write("last,+15559999999,K20000\n".getBytes(StandardCharsets.UTF_8));
            writer.close();
            assertThat(done.get().completedRecords()).isEqualTo(20_001);
            assertThat(table[0]).as("the table being filled became the list's partition")
                    .isEqualTo(new Jdbc(db).count("partition", "SELECT to_regclass(?)::oid", ContactPartitions.name(l.id())));
            assertThat(contacts.next(l.id(), 20_001)).hasSize(20_001).last().satisfies(c -> assertThat(c.data()).containsEntry("name", "last"));
        } finally {
            writer.close();
        }
    }

    @Test
    void aRepeatedKeyKeepsTheFilesLastRowAtItsOwnPlaceAndAKeyThatOnlySharesAHashIsNoRepeat() {
        ContactList l = newList("custId");
        // "Aa" and "BB" have the same String.hashCode, so "BB" takes the way of a repeated key without being one.
        ImportStatus s = load(l, "name,home,custId\nAnn,5553010001,A1\nBob,5553010002,B2\nAnn again,5553010011,A1\nAa,5553010003,Aa\n"
                + "Cy,5553010004,C3\nBB,5553010005,BB\nAnn last,5553010021,A1\nBob again,5553010012,B2\nDee,5553010006,D4\n");
        assertThat(s.completedRecords()).isEqualTo(6);
        assertThat(s.duplicateRecords()).isEqualTo(3);
        List<ListContact> all = contacts.next(l.id(), 10);
        assertThat(all).extracting(c -> c.data().get("name")).containsExactly("Aa", "Cy", "BB", "Ann last", "Bob again", "Dee");
        assertThat(all).extracting(ListContact::id).doesNotHaveDuplicates().allMatch(id -> id.matches("c\\d+"));

        ImportStatus again = load(l, "name,home,custId\nBB two,5553010031,BB\nEve,5553010007,E5\nBB three,5553010032,BB\n");
        assertThat(again.completedRecords()).isEqualTo(2);
        assertThat(again.duplicateRecords()).isEqualTo(1);
        List<ListContact> after = contacts.next(l.id(), 10);
        assertThat(after).extracting(c -> c.data().get("name")).containsExactly("Aa", "Cy", "BB three", "Ann last", "Bob again", "Dee", "Eve");
        assertThat(after.get(2).id()).as("a key already in the list is updated in place").isEqualTo(all.get(2).id());
        assertThat(after.get(2).version()).isEqualTo(2);
    }

    @Test
    void aListsFirstUploadLeavesStatisticsOnItsPartitionForEveryColumnButTheJson() {
        ContactList l = newList("custId");
        // with a repeated key, so the replacement of repeats (which reads these statistics) runs too
        load(l, "name,home,custId\nAnn,5553020001,A1\nBob,5553020002,B2\nAnn again,5553020011,A1\n");
        List<String> analysed = new Jdbc(db).with("statistics", c -> {
            try (var st = c.prepareStatement("SELECT attname FROM pg_stats WHERE tablename = ? ORDER BY attname")) {
                st.setString(1, ContactPartitions.name(l.id()));
                try (var rs = st.executeQuery()) {
                    List<String> names = new java.util.ArrayList<>();
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                    return names;
                }
            }
        });
        // what a campaign's claim filters and orders on, without waiting for autovacuum; data is left to autovacuum
        assertThat(analysed).contains("list_id", "key", "seq", "priority", "callable", "attempts", "last_result").doesNotContain("data");
        assertThat(contacts.next(l.id(), 10)).extracting(c -> c.data().get("name")).containsExactly("Bob", "Ann again");
    }

    @Test
    void aListWithoutAKeyColumnKeepsEveryRowInFileOrder() {
        ContactList l = newList(null);
        load(l, "name,home,custId\nAnn,5553010001,A1\nAnn,5553010001,A1\nBob,5553010002,\n");
        load(l, "name,home,custId\nCy,5553010003,A1\n");
        assertThat(contacts.next(l.id(), 10)).extracting(c -> c.data().get("name")).containsExactly("Ann", "Ann", "Bob", "Cy");
    }

    @Test
    void aKeyAnotherWriterCommitsDuringTheUploadFailsTheUploadWholeAndCleanly() throws Exception {
        ContactList l = newList("custId");
        // an empty list that has its partition (a first upload would hold the list until it ends: see below)
        contacts.delete(l.id(), contacts.insert(l.id(), List.of(Map.of("name", "Cy", "home", "5553010009", "custId", "C3")), false).get(0).id());
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream reader = new PipedInputStream(writer, 1 << 16);
        CompletableFuture<ImportStatus> done = CompletableFuture.supplyAsync(() ->
                imports.load(l.id(), reader, ContactCsvImport.Mode.SKIP_BAD_ROWS, Map.of(), null));
        writer.write("name,home,custId\nAnn,5553010001,A1\n".getBytes(StandardCharsets.UTF_8));
        writer.flush();
        Await.until("the upload has begun", () -> imports.status(l.id()).map(s -> s.totalRecords() > 0).orElse(false));
        contacts.insert(l.id(), List.of(Map.of("name", "Bob", "home", "5553010002", "custId", "B2")), false);
        writer.write("Bob from the file,5553010003,B2\n".getBytes(StandardCharsets.UTF_8));
        writer.close();
        assertThat(done).failsWithin(java.time.Duration.ofSeconds(30));
        assertThat(imports.status(l.id()).orElseThrow().state()).isEqualTo(ImportStatus.State.FAILED);
        assertThat(contacts.next(l.id(), 10)).extracting(c -> c.data().get("name")).containsExactly("Bob");
    }

    @Test
    void anInsertIntoAListDuringItsFirstUploadWaitsForTheUploadThenGoesIn() throws Exception {
        ContactList l = newList("custId");
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream reader = new PipedInputStream(writer, 1 << 16);
        CompletableFuture<ImportStatus> done = CompletableFuture.supplyAsync(() ->
                imports.load(l.id(), reader, ContactCsvImport.Mode.REJECT_FILE, Map.of(), null));
        try {
            writer.write("name,home,custId\nAnn,5553010001,A1\n".getBytes(StandardCharsets.UTF_8));
            writer.flush();
            Await.until("the upload has begun", () -> imports.status(l.id()).map(s -> s.totalRecords() > 0).orElse(false));
            // its own thread: the common pool may have one, which the upload holds
            CompletableFuture<List<ListContact>> insert = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    insert.complete(contacts.insert(l.id(), List.of(Map.of("name", "Bob", "home", "5553010002", "custId", "B2")), true));
                } catch (RuntimeException e) {
                    insert.completeExceptionally(e);
                }
            });
            Await.until("the insert waits for the list", () -> insert.isDone() || new Jdbc(db).count("waiting", "SELECT count(*)"
                    + " FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
                    + " AND query LIKE '%contact_list%FOR NO KEY UPDATE%'") > 0);
            assertThat(insert).isNotDone();
            writer.write("Cy,5553010003,C3\n".getBytes(StandardCharsets.UTF_8));
            writer.close();
            assertThat(done.get().completedRecords()).isEqualTo(2);
            assertThat(insert.get()).hasSize(1);
            assertThat(contacts.next(l.id(), 10)).extracting(c -> c.data().get("name")).containsExactly("Bob", "Ann", "Cy");
        } finally {
            writer.close();
        }
    }
}
