package org.opendialer.contacts.dnc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.contacts.consent.ConsentLedger;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.store.testing.TestDb;

/**
 * The DNC check at size: a 10,000-entry list loaded through the CSV import (COPY, so the import path stays
 * exercised) next to a list of {@code dnc.bench.entries} numbers (20,000 in the normal suite) loaded by one
 * {@code INSERT ... SELECT generate_series} (the CSV import of 10 M rows takes over half an hour on a loaded machine;
 * the check is what is measured here, the import has its own figures). Then, on both lists in turn, half hits and
 * half misses: the single check ({@link DncEntries#blockedBy}: E.164 parse, one JDBC round trip) and the batched
 * check ({@link DncEntries#blockedAmong}: {@value #BATCH} E.164 numbers in one round trip, as a campaign's claim
 * asks them), per number; PostgreSQL's own execution time of both; and the query plans. Asserts only correctness
 * and that both plans use {@code dnc_entry_pkey}; the figures are printed, never asserted. The 10 M run (a few
 * minutes, about 1.5 GB of disk):
 * <pre>mvn -B -q -pl contacts -am test -Dtest=DncCheckBenchTest -DfailIfNoSpecifiedTests=false -Ddnc.bench.entries=10000000</pre>
 */
class DncCheckBenchTest {

    static final long FIRST = 2_000_000_000L; // +1 200 000 0000, then every number above it
    /** A campaign's claim batch (campaign's {@code ContactClaims.SCAN}; this module cannot see it). */
    static final int BATCH = 200;
    static final int SMALL = 10_000;
    final DataSource db = TestDb.dataSource();
    final Addresses addresses = new Addresses("US");
    final DncLists lists = new DncLists(db);
    final DncEntries entries = new DncEntries(db, lists, new ConsentLedger(db, addresses));
    final DncCsvImport imports = new DncCsvImport(db, lists, addresses);

    @Test
    void aCheckIsOneIndexLookupWhateverTheListSize() throws Exception {
        int big = Integer.getInteger("dnc.bench.entries", 20_000);
        UUID small = load("bench small", SMALL);
        long t0 = System.nanoTime();
        UUID large = generate("bench large", big);
        System.out.printf("DNC bench loader: %,d rows by INSERT ... SELECT generate_series in %.1f s%n", big, (System.nanoTime() - t0) / 1e9);

        Instant now = Instant.now();
        String lastIn = "+1" + (FIRST + big - 1), firstOut = "+1" + (FIRST + big);
        assertThat(entries.blockedBy(List.of(large), ContactChannel.PHONE, lastIn, now)).contains(large);
        assertThat(entries.blockedBy(List.of(large), ContactChannel.PHONE, firstOut, now)).isEmpty();
        assertThat(entries.blockedAmong(List.of(small, large), ContactChannel.PHONE, List.of(lastIn, firstOut, "+1" + FIRST), now))
                .isEqualTo(Map.of(lastIn, large, "+1" + FIRST, small));
        for (int size : new int[] {1, BATCH}) {
            String plan = plan(large, size);
            System.out.println("DNC check plan, " + size + " number(s): " + plan);
            assertThat(plan).contains("dnc_entry_pkey");
        }

        // both lists in turn, so that both see the same load on the machine
        UUID[] both = {small, large};
        int[] sizes = {SMALL, big};
        timeSingle(both, sizes, big);
        timeBatch(both, sizes, big);
        for (int l = 0; l < 2; l++) {
            double single = executionMicros(both[l], sizes[l], big, 1, 500);
            double batch = executionMicros(both[l], sizes[l], big, BATCH, 100);
            System.out.printf("DNC check, PostgreSQL's own execution time (EXPLAIN ANALYZE, median): %,d-entry list: single"
                    + " %.1f µs; batch of %d %.1f µs = %.2f µs per number%n", sizes[l], single, BATCH, batch, batch / BATCH);
        }
    }

    private UUID load(String name, int n) {
        UUID id = lists.create(name + " " + UUID.randomUUID()).id();
        DncImportReport r = imports.load(id, new Numbers(n), DncCsvImport.Mode.REJECT_FILE);
        assertThat(r.stored()).isEqualTo(n);
        return id;
    }

    /** The bench's loader for the large list: the same canonical rows the import would store, made by PostgreSQL. */
    private UUID generate(String name, int n) throws Exception {
        UUID id = lists.create(name + " " + UUID.randomUUID()).id();
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("INSERT INTO dnc_entry (list_id, channel,"
                + " address) SELECT ?, 'PHONE', '+1' || (? + g) FROM generate_series(0, ? - 1) g")) {
            st.setObject(1, id);
            st.setLong(2, FIRST);
            st.setInt(3, n);
            assertThat(st.executeUpdate()).isEqualTo(n);
            try (Statement analyze = c.createStatement()) {
                analyze.execute("ANALYZE dnc_entry");
            }
        }
        return id;
    }

    /** A number of a list of {@code size} (hit) or on none of them (miss). */
    private static long number(SplittableRandom random, boolean hit, int size, int largest) {
        return hit ? FIRST + random.nextInt(size) : FIRST + largest + random.nextInt(1_000_000);
    }

    private void timeSingle(UUID[] lists, int[] sizes, int largest) {
        SplittableRandom random = new SplittableRandom(42);
        int rounds = largest >= 1_000_000 ? 20_000 : 2_000;
        long[][] nanos = new long[2][rounds];
        Instant now = Instant.now();
        for (int i = -rounds / 10; i < rounds; i++) { // the first tenth warms the JIT and the pool
            for (int l = 0; l < 2; l++) {
                boolean hit = (i & 1) == 0;
                long number = number(random, hit, sizes[l], largest);
                long t = System.nanoTime();
                boolean blocked = entries.blockedBy(List.of(lists[l]), ContactChannel.PHONE, "+1" + number, now).isPresent();
                if (i >= 0) {
                    nanos[l][i] = System.nanoTime() - t;
                    assertThat(blocked).isEqualTo(hit);
                }
            }
        }
        for (int l = 0; l < 2; l++) {
            long[] n = nanos[l];
            Arrays.sort(n);
            System.out.printf("DNC single check on a %,d-entry list: median %.1f µs, p99 %.1f µs over %,d checks (half hits), each one"
                    + " JDBC round trip over loopback incl. E.164 parsing%n", sizes[l], n[rounds / 2] / 1e3, n[rounds * 99 / 100] / 1e3, rounds);
        }
    }

    private void timeBatch(UUID[] lists, int[] sizes, int largest) {
        SplittableRandom random = new SplittableRandom(43);
        int rounds = largest >= 1_000_000 ? 2_000 : 200;
        long[][] nanos = new long[2][rounds];
        Instant now = Instant.now();
        for (int i = -rounds / 10; i < rounds; i++) {
            for (int l = 0; l < 2; l++) {
                Set<String> batch = new LinkedHashSet<>();
                Set<String> hits = new HashSet<>();
                while (batch.size() < BATCH) {
                    boolean hit = (batch.size() & 1) == 0;
                    String n = "+1" + number(random, hit, sizes[l], largest);
                    if (batch.add(n) && hit) {
                        hits.add(n);
                    }
                }
                long t = System.nanoTime();
                Map<String, UUID> blocked = entries.blockedAmong(List.of(lists[l]), ContactChannel.PHONE, batch, now);
                if (i >= 0) {
                    nanos[l][i] = System.nanoTime() - t;
                    assertThat(blocked.keySet()).isEqualTo(hits);
                }
            }
        }
        for (int l = 0; l < 2; l++) {
            long[] n = nanos[l];
            Arrays.sort(n);
            System.out.printf("DNC batched check on a %,d-entry list: %d E.164 numbers (half hits) in one JDBC round trip: median"
                    + " %.1f µs per batch = %.2f µs per number, p99 %.1f µs per batch = %.2f µs per number, over %,d batches%n",
                    sizes[l], BATCH, n[rounds / 2] / 1e3, n[rounds / 2] / 1e3 / BATCH, n[rounds * 99 / 100] / 1e3,
                    n[rounds * 99 / 100] / 1e3 / BATCH, rounds);
        }
    }

    /** Median execution time PostgreSQL reports for the check's query on {@code count} numbers, without the round trip. */
    private double executionMicros(UUID list, int size, int largest, int count, int runs) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        double[] ms = new double[runs];
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + DncEntries.CHECK)) {
            st.setArray(1, c.createArrayOf("uuid", new Object[] {list}));
            st.setString(2, ContactChannel.PHONE.name());
            st.setTimestamp(4, Timestamp.from(Instant.now()));
            for (int i = 0; i < ms.length; i++) {
                Object[] numbers = new Object[count];
                for (int k = 0; k < count; k++) {
                    numbers[k] = "+1" + number(random, (k & 1) == 0, size, largest);
                }
                st.setArray(3, c.createArrayOf("text", numbers));
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    String json = rs.getString(1);
                    int at = json.indexOf("\"Execution Time\":") + 17;
                    ms[i] = Double.parseDouble(json.substring(at, json.indexOf(',', at) > 0 ? json.indexOf(',', at) : json.indexOf('}', at)).strip());
                }
            }
        }
        Arrays.sort(ms);
        return ms[ms.length / 2] * 1000;
    }

    private String plan(UUID list, int count) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("EXPLAIN " + DncEntries.CHECK)) {
            st.setArray(1, c.createArrayOf("uuid", new Object[] {list}));
            st.setString(2, ContactChannel.PHONE.name());
            Object[] numbers = new Object[count];
            for (int k = 0; k < count; k++) {
                numbers[k] = "+1" + (FIRST + 2L * k);
            }
            st.setArray(3, c.createArrayOf("text", numbers));
            st.setTimestamp(4, Timestamp.from(Instant.now()));
            StringBuilder sb = new StringBuilder();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    sb.append(rs.getString(1).strip()).append(" | ");
                }
            }
            return sb.toString();
        }
    }

    /** A CSV of {@code n} numbers, made as it is read (10 M rows never sit in memory). */
    static final class Numbers extends InputStream {
        private final long n;
        private long next = -1;
        private byte[] line = "phone\n".getBytes(StandardCharsets.US_ASCII);
        private int pos;

        Numbers(long n) {
            this.n = n;
        }

        @Override
        public int read() {
            if (pos == line.length) {
                if (++next >= n) {
                    return -1;
                }
                line = ("+1" + (FIRST + next) + "\n").getBytes(StandardCharsets.US_ASCII);
                pos = 0;
            }
            return line[pos++];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int i = 0;
            while (i < len) {
                int c = read();
                if (c < 0) {
                    return i == 0 ? -1 : i;
                }
                b[off + i++] = (byte) c;
            }
            return i;
        }
    }
}
