package org.opendialer.contacts.dnc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.contacts.consent.ConsentLedger;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.store.testing.TestDb;

/**
 * The DNC check at size: a list of {@code dnc.bench.entries} numbers (20,000 in the normal suite) loaded through
 * the CSV import (COPY), next to a 10,000-entry list, then timed lookups (half hits, half misses) on both in turn,
 * PostgreSQL's own execution time of the lookup, and the query plan. Asserts only correctness and that the plan is an index lookup; the figures are printed, never
 * asserted. The 10 M run (a few minutes, about 1.5 GB of disk):
 * <pre>mvn -B -q -pl contacts -am test -Dtest=DncCheckBenchTest -DfailIfNoSpecifiedTests=false -Ddnc.bench.entries=10000000</pre>
 */
class DncCheckBenchTest {

    static final long FIRST = 2_000_000_000L; // +1 200 000 0000, then every number above it
    final DataSource db = TestDb.dataSource();
    final Addresses addresses = new Addresses("US");
    final DncLists lists = new DncLists(db);
    final DncEntries entries = new DncEntries(db, lists, new ConsentLedger(db, addresses));
    final DncCsvImport imports = new DncCsvImport(db, lists, addresses);

    @Test
    void aCheckIsOneIndexLookupWhateverTheListSize() throws Exception {
        int big = Integer.getInteger("dnc.bench.entries", 20_000);
        UUID small = load("bench small", 10_000);
        long t0 = System.nanoTime();
        UUID large = load("bench large", big);
        double importSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("DNC import: %,d rows through CSV + COPY in %.1f s (%,.0f rows/s)%n", big, importSeconds, big / importSeconds);

        Instant now = Instant.now();
        assertThat(entries.blockedBy(List.of(large), ContactChannel.PHONE, "+1" + (FIRST + big - 1), now)).contains(large);
        assertThat(entries.blockedBy(List.of(large), ContactChannel.PHONE, "+1" + (FIRST + big), now)).isEmpty();
        String plan = plan(large);
        System.out.println("DNC check plan: " + plan);
        assertThat(plan).contains("Index");

        // both lists in turn, so that both see the same load on the machine
        time(small, 10_000, large, big);
        System.out.printf("DNC check, PostgreSQL's own execution time (EXPLAIN ANALYZE, median of 500): 10,000-entry list"
                + " %.1f µs, %,d-entry list %.1f µs%n", executionMicros(small, 10_000), big, executionMicros(large, big));
    }

    private UUID load(String name, int n) {
        UUID id = lists.create(name + " " + UUID.randomUUID()).id();
        DncImportReport r = imports.load(id, new Numbers(n), DncCsvImport.Mode.REJECT_FILE);
        assertThat(r.stored()).isEqualTo(n);
        return id;
    }

    private void time(UUID small, int smallSize, UUID large, int largeSize) {
        SplittableRandom random = new SplittableRandom(42);
        int rounds = largeSize >= 1_000_000 ? 20_000 : 2_000;
        long[][] nanos = new long[2][rounds];
        UUID[] lists = {small, large};
        int[] sizes = {smallSize, largeSize};
        Instant now = Instant.now();
        for (int i = -rounds / 10; i < rounds; i++) { // the first tenth warms the JIT and the pool
            for (int l = 0; l < 2; l++) {
                boolean hit = (i & 1) == 0;
                long number = hit ? FIRST + random.nextInt(sizes[l]) : FIRST + largeSize + random.nextInt(1_000_000);
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
            System.out.printf("DNC check on a %,d-entry list: median %.1f µs, p99 %.1f µs over %,d checks (half hits), each one"
                    + " JDBC round trip over loopback incl. E.164 parsing%n", sizes[l], n[rounds / 2] / 1e3, n[rounds * 99 / 100] / 1e3, rounds);
        }
    }

    /** Median execution time PostgreSQL reports for the check's query, without the client round trip. */
    private double executionMicros(UUID list, int size) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        double[] ms = new double[500];
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON)"
                + " SELECT list_id FROM dnc_entry WHERE list_id = ANY (?) AND channel = 'PHONE' AND address = ?"
                + " AND (expires_at IS NULL OR expires_at > now()) LIMIT 1")) {
            st.setArray(1, c.createArrayOf("uuid", new Object[] {list}));
            for (int i = 0; i < ms.length; i++) {
                st.setString(2, "+1" + (FIRST + random.nextInt(size * 2)));
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

    private String plan(UUID list) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement st = c.prepareStatement("EXPLAIN SELECT list_id FROM dnc_entry"
                + " WHERE list_id = ANY (?) AND channel = 'PHONE' AND address = '+12000000001' AND (expires_at IS NULL OR expires_at > now())")) {
            st.setArray(1, c.createArrayOf("uuid", new Object[] {list}));
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
