package org.opendialer.contacts.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.opendialer.contacts.CopyCsv;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.store.testing.TestDb;

/**
 * Where the time of a large upload goes, in CPU seconds (the machine is shared, so wall time alone misleads):
 * the Java side alone (CSV parse, checks, COPY lines; no database), then the whole import with the importing
 * thread's CPU and PostgreSQL's (the embedded cluster's processes, from /proc), then the plan of the staged
 * path's merge. A benchmark, not a test: its name keeps it out of the suite (run it by name with
 * {@code -Dtest=ContactImportProfileBench -Dlists.profile.rows=N}); asserts no speed.
 */
class ContactImportProfileBench {

    final DataSource db = TestDb.dataSource();
    final ContactListStore lists = new ContactListStore(db, new Addresses("US"));
    /** {@code -Dlists.profile.threads=N} checking threads (default: one per core, as a node runs). */
    final ContactCsvImport imports = new ContactCsvImport(db, lists,
            Integer.getInteger("lists.profile.threads", Runtime.getRuntime().availableProcessors()));

    @Test
    void whereTheTimeOfALargeUploadGoes() throws Exception {
        Integer rows = Integer.getInteger("lists.profile.rows");
        assumeTrue(rows != null, "-Dlists.profile.rows=N to profile");
        byte[] file = generate(0, rows);
        ContactList list = lists.create("profile " + UUID.randomUUID(), List.of("id", "first", "last", "home", "cell", "email", "tz", "zip", "balance"),
                new CsvContactParser.Spec(List.of("home", "cell"), List.of("cell", "home"), List.of("email"), "tz", "zip", "id", null));

        long cpu0 = cpu();
        long t0 = System.nanoTime();
        long[] good = {0};
        ContactRows checks = new ContactRows(list, lists.addresses());
        CsvHeader[] header = new CsvHeader[1];
        StringBuilder out = new StringBuilder(CopyCsv.FLUSH_CHARS + 4096);
        CopyCsv.read(new ByteArrayInputStream(file), new CopyCsv.Visitor() {
            @Override
            public boolean header(long line, List<String> cells) {
                header[0] = CsvHeader.map(cells, list, Map.of());
                return true;
            }

            @Override
            public void row(long line, CSVRecord r) {
                CsvHeader.Checked checked = header[0].check(r, checks);
                if (checked.bad() == null) {
                    good[0]++;
                    out.append(line).append('\t').append(checked.key()).append('\t').append(checked.json()).append('\n');
                }
                if (out.length() >= CopyCsv.FLUSH_CHARS) {
                    out.toString().getBytes(StandardCharsets.UTF_8);
                    out.setLength(0);
                }
            }
        });
        System.out.printf("PROFILE java only (parse, checks, COPY lines): %,d rows in %.1f s wall, %.1f s CPU%n",
                good[0], (System.nanoTime() - t0) / 1e9, (cpu() - cpu0) / 1e9);

        ImportStatus s = measure("whole import", list, file);
        assertThat(s.completedRecords()).isEqualTo((long) rows);
        if (Boolean.getBoolean("lists.profile.again")) {
            // a later upload into the list, which now has contacts: the staged merge. Half its keys are in the list
            // (those contacts are updated), half are new.
            ImportStatus again = measure("second upload into the full list", list, generate(rows / 2, rows));
            assertThat(again.completedRecords()).isEqualTo((long) rows);
            assertThat(lists.require(list.id()).size()).isEqualTo(rows + (long) rows / 2);
        }
        explainTheClaim(list.id());
        explainTheMerge(list.id());
    }

    /** Imports {@code file} into {@code list} and prints its wall time and the CPU of this JVM and of PostgreSQL. */
    private ImportStatus measure(String what, ContactList list, byte[] file) throws IOException, SQLException {
        long pg0 = postgresCpuTicks();
        String wal0 = walPosition();
        long cpu0 = cpu();
        long process0 = processCpu();
        double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long t0 = System.nanoTime();
        ImportStatus s = imports.load(list.id(), new ByteArrayInputStream(file), ContactCsvImport.Mode.REJECT_FILE, Map.of(), (long) file.length);
        System.out.printf("PROFILE %s (%d checking threads): %,d contacts (%,.1f MB) in %.1f s wall; importing thread %.1f s CPU,"
                        + " this JVM %.1f s CPU (checking threads, GC, JIT), PostgreSQL %.1f s CPU (load average %.1f → %.1f)%n",
                what, Integer.getInteger("lists.profile.threads", Runtime.getRuntime().availableProcessors()), s.completedRecords(),
                file.length / 1e6, (System.nanoTime() - t0) / 1e9, (cpu() - cpu0) / 1e9, (processCpu() - process0) / 1e9,
                (postgresCpuTicks() - pg0) / 100.0, load0, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '" + wal0 + "'), current_setting('wal_level')")) {
            rs.next();
            System.out.printf("PROFILE %s: %,.1f MB of WAL (wal_level %s)%n", what, rs.getLong(1) / 1e6, rs.getString(2));
        }
        return s;
    }

    /** Where PostgreSQL's WAL is now (all sessions: the bench is alone on its cluster). */
    private String walPosition() throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The staged path's merge (an upload into a list that has contacts), replayed into a fresh list and rolled back. */
    private void explainTheMerge(UUID from) throws SQLException {
        ContactList to = lists.create("profile " + UUID.randomUUID(), List.of("id"),
                new CsvContactParser.Spec(List.of("id"), List.of("other"), List.of(), null, null, "id", null));
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            ContactPartitions.ensure(c, to.id());
            st.execute("CREATE TEMP TABLE contact_stage ON COMMIT DROP AS SELECT line_no::bigint AS line, key, data, seq FROM contact"
                    + " WHERE list_id = '" + from + "'");
            try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) INSERT INTO contact (list_id, id, seq, line_no, data, key)"
                    + " SELECT '" + to.id() + "', 'c' || seq, seq, line, data, key FROM contact_stage s ON CONFLICT (list_id, key)"
                    + " WHERE key IS NOT NULL DO UPDATE SET data = EXCLUDED.data, modified_at = now(), version = contact.version + 1")) {
                while (rs.next()) {
                    System.out.println("PROFILE merge plan: " + rs.getString(1));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT datcollate FROM pg_database WHERE datname = current_database()")) {
                rs.next();
                System.out.println("PROFILE database collation: " + rs.getString(1));
            }
            c.rollback();
        }
    }

    /** The shape of a campaign's claim (ContactClaims.candidates, no filters) on the imported list: must use contact_next. */
    private void explainTheClaim(UUID list) throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) SELECT id, data FROM contact WHERE list_id = '" + list
                    + "' AND callable AND attempts < 3 AND (last_result IS NULL OR last_result NOT IN ('dialing', 'previewing')"
                    + " AND (last_result NOT IN ('answered') OR callback_at IS NOT NULL)) ORDER BY priority DESC, seq LIMIT 200"
                    + " FOR UPDATE SKIP LOCKED")) {
                while (rs.next()) {
                    System.out.println("PROFILE claim plan: " + rs.getString(1));
                }
            }
            c.rollback();
        }
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** utime + stime (clock ticks) of this cluster's postmaster and its live children (found by the data directory). */
    private long postgresCpuTicks() throws IOException, SQLException {
        String dataDir;
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW data_directory")) {
            rs.next();
            dataDir = rs.getString(1);
        }
        Map<Long, String[]> stats = new java.util.HashMap<>();
        long postmaster = -1;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    long pid = Long.parseLong(p.getFileName().toString());
                    stats.put(pid, stat.substring(stat.lastIndexOf(')') + 2).split(" "));
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (stat.contains("(postgres)") && cmd.contains(dataDir)) {
                        postmaster = pid;
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended or is not readable
                }
            }
        }
        long ticks = 0;
        for (Map.Entry<Long, String[]> e : stats.entrySet()) {
            String[] f = e.getValue();
            if (e.getKey() == postmaster || Long.parseLong(f[1]) == postmaster) {
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            }
        }
        return ticks;
    }

    /**
     * The rows of the API benchmark (ContactListUploadBenchTest), {@code rows} of them from row {@code from}: key, names,
     * two phones, email, zone, zip, amount.
     */
    static byte[] generate(int from, int rows) {
        StringBuilder s = new StringBuilder(rows * 112).append("id,first,last,home,cell,email,tz,zip,balance\r\n");
        for (int next = from; next < from + rows; next++) {
            s.append("C").append(next).append(",First").append(next % 977).append(",Last").append(next % 1009)
                    .append(",(555) ").append(String.format("%03d-%04d", 200 + next / 10000 % 800, next % 10000))
                    .append(",+1 312 ").append(String.format("%03d %04d", 200 + next / 10000 % 800, next % 10000))
                    .append(",user").append(next).append("@example.org,America/Chicago,6060").append(next % 10)
                    .append(',').append(next % 5000).append(".25\r\n");
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }
}
