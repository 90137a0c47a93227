package org.opendialer.contacts.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.store.testing.Await;
import org.opendialer.store.testing.TestDb;

/** Streamed CSV uploads into contact lists through COPY: the file's edge cases, bad rows, all or nothing, progress. */
class ContactCsvImportTest {

    final DataSource db = TestDb.dataSource();
    final ContactListStore lists = new ContactListStore(db, new Addresses("US"));
    final ContactStore contacts = new ContactStore(db, lists);
    final ContactCsvImport imports = new ContactCsvImport(db, lists);

    ContactList newList(String key) {
        return lists.create("import " + UUID.randomUUID(), List.of("name", "home", "cell", "email", "tz", "zip", "custId"),
                new CsvContactParser.Spec(List.of("home", "cell"), List.of("home", "cell"), List.of("email"), "tz", "zip", key, null));
    }

    static InputStream csv(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    ImportStatus load(ContactList l, String text, ContactCsvImport.Mode mode) {
        return imports.load(l.id(), csv(text), mode, Map.of(), null);
    }

    @Test
    void aBomCrlfAndLooselyNamedHeadersAreRead() {
        ContactList l = newList(null);
        ImportStatus s = load(l, "\uFEFFName,Home,CELL,E-mail,TZ,Zip,Cust_Id,Unknown\r\n"
                + "Ann,(555) 301-0001,,Ann@Example.org,America/Chicago,60601,A1,x\r\n"
                + "Bob,,+44 20 7946 0958,,,,B2,y\r\n", ContactCsvImport.Mode.REJECT_FILE);
        assertThat(s.state()).isEqualTo(ImportStatus.State.COMPLETED);
        assertThat(s.totalRecords()).isEqualTo(2);
        assertThat(s.completedRecords()).isEqualTo(2);
        assertThat(s.percentComplete()).isEqualTo(100);
        List<ListContact> all = contacts.next(l.id(), 10);
        assertThat(all).extracting(c -> c.data().get("name")).containsExactly("Ann", "Bob");
        assertThat(all.get(0).data()).containsEntry("home", "+15553010001").containsEntry("email", "ann@example.org")
                .containsEntry("zip", "60601").containsEntry("custId", "A1");
        assertThat(all.get(1).data()).containsEntry("cell", "+442079460958").containsEntry("home", "");
        assertThat(lists.require(l.id()).size()).isEqualTo(2);
    }

    @Test
    void anExplicitHeaderMapAndTheListsOwnRegionAreUsed() {
        ContactList l = lists.create("import " + UUID.randomUUID(), List.of("name", "mobile"),
                new CsvContactParser.Spec(List.of("mobile"), List.of("cell"), List.of(), null, null, null, "GB"));
        ImportStatus s = imports.load(l.id(), csv("who,number\nAnn,020 7946 0958\n"), ContactCsvImport.Mode.REJECT_FILE,
                Map.of("who", "name", "number", "mobile"), null);
        assertThat(s.completedRecords()).isEqualTo(1);
        assertThat(contacts.next(l.id(), 1).getFirst().data()).containsEntry("name", "Ann").containsEntry("mobile", "+442079460958");
    }

    @Test
    void rejectTheFileReportsEveryBadRowByLineAndStoresNothing() {
        ContactList l = newList(null);
        String text = "name,home,email,tz\nAnn,5553010001,,UTC\nBob,not-a-number,,UTC\n\nCy,5553010003,nope,UTC\n"
                + "Di,5553010004,,Mars/Base\n\"Ed\nTwo lines\",5553010005,,UTC,extra\n";
        assertThatThrownBy(() -> load(l, text, ContactCsvImport.Mode.REJECT_FILE))
                .isInstanceOfSatisfying(ContactCsvImport.Rejected.class, r -> {
                    assertThat(r.status().state()).isEqualTo(ImportStatus.State.FAILED);
                    assertThat(r.status().badRows()).extracting(ImportStatus.RowError::line).containsExactly(3L, 5L, 6L, 7L);
                    assertThat(r.status().badRows().get(0).reason()).contains("'not-a-number' is not a valid phone number");
                    assertThat(r.status().badRows().get(1).reason()).contains("'nope' is not a valid email address");
                    assertThat(r.status().badRows().get(2).reason()).contains("Mars/Base");
                    assertThat(r.status().badRows().get(3).reason()).contains("has 5 cells, the header has 4");
                    assertThat(r.status().failureReason()).contains("4 bad row(s)").contains("nothing was imported");
                });
        assertThat(contacts.next(l.id(), 10)).isEmpty();
        assertThat(imports.status(l.id()).orElseThrow().state()).isEqualTo(ImportStatus.State.FAILED);
    }

    @Test
    void skipBadRowsStoresTheRestAndReportsTheBadOnes() {
        ContactList l = newList(null);
        ImportStatus s = load(l, "name,home\nAnn,5553010001\nBob,123\nCy,5553010003\n", ContactCsvImport.Mode.SKIP_BAD_ROWS);
        assertThat(s.state()).isEqualTo(ImportStatus.State.COMPLETED);
        assertThat(s.totalRecords()).isEqualTo(3);
        assertThat(s.badRecords()).isEqualTo(1);
        assertThat(s.badRows()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(3));
        assertThat(contacts.next(l.id(), 10)).extracting(c -> c.data().get("name")).containsExactly("Ann", "Cy");
    }

    @Test
    void aHeaderWithoutContactColumnsOrAnEmptyFileIsRefusedInEitherMode() {
        ContactList l = newList(null);
        for (ContactCsvImport.Mode mode : ContactCsvImport.Mode.values()) {
            assertThatThrownBy(() -> load(l, "name,tz\nAnn,UTC\n", mode)).isInstanceOfSatisfying(ContactCsvImport.Rejected.class,
                    r -> assertThat(r.status().badRows().getFirst().reason()).contains("none of the list's phone or email columns"));
            assertThatThrownBy(() -> load(l, "", mode)).isInstanceOf(ContactCsvImport.Rejected.class);
        }
        assertThat(contacts.next(l.id(), 10)).isEmpty();
    }

    @Test
    void theKeyColumnDedupesWithinTheFileAndAgainstTheList() {
        ContactList l = newList("custId");
        load(l, "name,home,custId\nAnn,5553010001,A1\nBob,5553010002,B2\nAnn again,5553010011,A1\n", ContactCsvImport.Mode.REJECT_FILE);
        List<ListContact> first = contacts.next(l.id(), 10);
        assertThat(first).extracting(c -> c.data().get("name")).containsExactly("Bob", "Ann again");
        ImportStatus s = load(l, "name,home,custId\nBobby,5553010022,B2\nCy,5553010003,C3\n", ContactCsvImport.Mode.REJECT_FILE);
        assertThat(s.completedRecords()).isEqualTo(2);
        List<ListContact> after = contacts.next(l.id(), 10);
        assertThat(after).extracting(c -> c.data().get("name")).containsExactly("Bobby", "Ann again", "Cy");
        assertThat(after.getFirst().id()).as("updated in place").isEqualTo(first.getFirst().id());
        assertThat(after.getFirst().version()).isEqualTo(2);
        assertThat(load(l, "name,home,custId\nX,5553010001,Z\nY,5553010001,Z\n", ContactCsvImport.Mode.REJECT_FILE).duplicateRecords())
                .isEqualTo(1);
        assertThatThrownBy(() -> load(l, "name,home,custId\nNo key,5553010009,\n", ContactCsvImport.Mode.REJECT_FILE))
                .hasMessageContaining("the key column is empty");
    }

    @Test
    void anUploadThatBreaksOffStoresNothing() {
        ContactList l = newList(null);
        InputStream broken = new SequenceInputStream(csv("name,home\nAnn,5553010001\n"), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });
        assertThatThrownBy(() -> imports.load(l.id(), broken, ContactCsvImport.Mode.SKIP_BAD_ROWS, Map.of(), null))
                .isInstanceOfSatisfying(ContactCsvImport.Rejected.class,
                        r -> assertThat(r.status().failureReason()).contains("broke off").contains("connection reset"));
        assertThat(contacts.next(l.id(), 10)).isEmpty();
    }

    @Test
    void progressIsVisibleWhileTheRowsStayInvisibleUntilTheEnd() throws Exception {
        ContactList l = newList(null);
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream reader = new PipedInputStream(writer, 1 << 20);
        byte[] head = rows(0, 2000, true);
        byte[] tail = rows(2000, 4000, false);
        CompletableFuture<ImportStatus> done = CompletableFuture.supplyAsync(() ->
                imports.load(l.id(), reader, ContactCsvImport.Mode.REJECT_FILE, Map.of(), (long) (head.length + tail.length)));
        writer.write(head);
        writer.flush();
        Await.until("the job shows rows read", () -> imports.status(l.id()).map(s -> s.totalRecords() > 0 && s.percentComplete() > 0).orElse(false));
        ImportStatus running = imports.status(l.id()).orElseThrow();
        assertThat(running.state()).isEqualTo(ImportStatus.State.IN_PROGRESS);
        assertThat(running.percentComplete()).isBetween(1, 99);
        assertThat(contacts.next(l.id(), 1)).as("nothing is visible before the commit").isEmpty();
        writer.write(tail);
        writer.close();
        ImportStatus s = done.get();
        assertThat(s.completedRecords()).isEqualTo(4000);
        assertThat(imports.status(l.id()).orElseThrow().state()).isEqualTo(ImportStatus.State.COMPLETED);
    }

    @Test
    void rowsCheckedOnSeveralThreadsKeepTheFilesOrderLinesAndLastKeyWins() {
        // several batches (RowChecks.BATCH rows each) in flight at once, with bad rows and repeated keys across them
        StringBuilder b = new StringBuilder("name,home,custId\n");
        List<Long> badLines = new java.util.ArrayList<>();
        int n = RowChecks.BATCH * 6 + 7;
        for (int i = 0; i < n; i++) {
            long line = i + 2;
            if (i % 397 == 5) {
                badLines.add(line);
                b.append("bad").append(i).append(",12,K").append(i).append('\n');
            } else {
                // every 100th row repeats the key of a row about two batches earlier, so the later one must win
                String key = i % 100 == 99 && i > 2 * RowChecks.BATCH ? "K" + (i - 2 * RowChecks.BATCH) : "K" + i;
                b.append("n").append(i).append(",+1555").append(String.format("%07d", 3000000 + i)).append(',').append(key).append('\n');
            }
        }
        String text = b.toString();
        ContactCsvImport oneThread = new ContactCsvImport(db, lists, 1);
        ContactCsvImport fourThreads = new ContactCsvImport(db, lists, 4);
        ContactList a = newList("custId");
        ContactList c = newList("custId");
        ImportStatus sa = oneThread.load(a.id(), csv(text), ContactCsvImport.Mode.SKIP_BAD_ROWS, Map.of(), null);
        ImportStatus sc = fourThreads.load(c.id(), csv(text), ContactCsvImport.Mode.SKIP_BAD_ROWS, Map.of(), null);
        assertThat(sc.badRows()).extracting(ImportStatus.RowError::line).containsExactlyElementsOf(badLines);
        assertThat(sc.badRows()).extracting(ImportStatus.RowError::reason).containsExactlyElementsOf(
                sa.badRows().stream().map(ImportStatus.RowError::reason).toList());
        assertThat(sc.totalRecords()).isEqualTo(n);
        assertThat(sc.duplicateRecords()).isPositive().isEqualTo(sa.duplicateRecords());
        assertThat(sc.completedRecords()).isEqualTo(sa.completedRecords()).isEqualTo(n - badLines.size() - sc.duplicateRecords());
        List<ListContact> ours = contacts.next(c.id(), n);
        assertThat(ours).extracting(x -> x.data().get("name")).containsExactlyElementsOf(
                contacts.next(a.id(), n).stream().map(x -> x.data().get("name")).toList());
        assertThat(ours).extracting(x -> Integer.parseInt(x.data().get("name").substring(1))).as("file order").isSorted();
        int later = 1299;
        String key = "K" + (later - 2 * RowChecks.BATCH);
        assertThat(ours).filteredOn(x -> x.data().get("custId").equals(key)).singleElement()
                .satisfies(x -> assertThat(x.data().get("name")).isEqualTo("n" + later));
    }

    static byte[] rows(int from, int to, boolean header) {
        StringBuilder b = new StringBuilder(header ? "name,home\n" : "");
        for (int i = from; i < to; i++) {
            b.append("n").append(i).append(",+1555").append(String.format("%07d", 3000000 + i)).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
