package org.opendialer.contacts.lists;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVRecord;
import org.opendialer.contacts.CopyCsv;
import org.opendialer.store.Jdbc;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a CSV into a contact list as it streams in: each row is mapped to the list's columns, checked and
 * normalised ({@link ContactRows}), good rows go through PostgreSQL COPY into a staging table and from there into
 * {@code contact}, all in one transaction, so a file is imported whole or not at all (also when the upload breaks
 * off). A UTF-8 byte order mark and CR, LF or CRLF line ends are accepted. Progress is written to the job row
 * ({@link ImportJobs}) as the file is read.
 */
public final class ContactCsvImport {

    /** What to do with bad rows. */
    public enum Mode {
        /** Any bad row: nothing is stored, every bad row is reported. */
        REJECT_FILE,
        /** Bad rows are left out and reported; the others are stored. */
        SKIP_BAD_ROWS
    }

    /** The file was refused whole; nothing of it was stored. */
    public static final class Rejected extends RuntimeException {
        private final ImportStatus status;

        Rejected(ImportStatus status) {
            super(status == null ? "rejected" : status.failureReason());
            this.status = status;
        }

        public ImportStatus status() {
            return status;
        }
    }

    /** Rows reported by line beyond this are only counted. */
    public static final int REPORTED_ERRORS = 1000;
    private static final long PROGRESS_MILLIS = 250;
    private static final Logger LOG = LoggerFactory.getLogger(ContactCsvImport.class);

    private final Jdbc jdbc;
    private final ContactListStore lists;
    private final ImportJobs jobs;

    public ContactCsvImport(DataSource dataSource, ContactListStore lists) {
        this.jdbc = new Jdbc(dataSource);
        this.lists = lists;
        this.jobs = new ImportJobs(dataSource);
    }

    /** The list's latest upload, running or finished. */
    public Optional<ImportStatus> status(UUID listId) {
        return jobs.latest(listId);
    }

    /**
     * Reads {@code csv} (UTF-8) to its end into list {@code listId}.
     *
     * @param headerMap  CSV header name to list column, for headers that do not match a column by name (matching
     *                   ignores case, spaces, '_' and '-'); other unknown headers are ignored
     * @param totalBytes the announced length of {@code csv} (for the percentage), or null
     * @return the completed job
     * @throws NoSuchElementException when there is no such list
     * @throws Rejected               when the file was refused (bad header, unreadable, broke off, or bad rows with
     *                                {@link Mode#REJECT_FILE}); the job is then failed with the reason
     */
    public ImportStatus load(UUID listId, InputStream csv, Mode mode, Map<String, String> headerMap, Long totalBytes) {
        ContactList list = lists.require(listId);
        UUID job = jobs.start(listId, mode, totalBytes);
        Counting in = new Counting(csv);
        ImportReport report = new ImportReport(REPORTED_ERRORS);
        // Progress is written by its own thread, so it moves while the reader waits for the client too.
        CountDownLatch done = new CountDownLatch(1);
        Thread progress = Thread.ofVirtual().name("contact-import-progress").start(() -> publish(job, in, report, done));
        long started = System.nanoTime();
        try {
            long[] merged = jdbc.tx("contact import", c -> {
                try (PreparedStatement st = c.prepareStatement(
                        "CREATE TEMP TABLE contact_stage (line BIGINT, key TEXT, data JSONB) ON COMMIT DROP")) {
                    st.execute();
                }
                CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY contact_stage FROM STDIN");
                try {
                    stage(list, headerMap, in, copy, report);
                } finally {
                    if (copy.isActive() && report.rejected(mode)) {
                        copy.cancelCopy();
                    } else if (copy.isActive()) {
                        copy.endCopy();
                    }
                }
                if (report.rejected(mode)) {
                    throw new Rejected(null);
                }
                long staged = System.nanoTime();
                long[] result = merge(c, list);
                LOG.info("contact import {} into list {}: {} rows read and staged in {} ms, {} contacts merged in {} ms", job, listId,
                        report.rows, (staged - started) / 1_000_000, result[0], (System.nanoTime() - staged) / 1_000_000);
                return result;
            });
            stop(progress, done);
            jobs.finish(job, ImportStatus.State.COMPLETED, in.count, report.rows, merged[0], report.bad, merged[1], report.errors, null);
        } catch (Rejected r) {
            stop(progress, done);
            jobs.finish(job, ImportStatus.State.FAILED, in.count, report.rows, 0, report.bad, 0, report.errors, report.reason());
            throw new Rejected(jobs.find(job).orElseThrow());
        } catch (RuntimeException e) {
            stop(progress, done);
            jobs.finish(job, ImportStatus.State.FAILED, in.count, report.rows, 0, report.bad, 0, report.errors,
                    "the import failed: " + e.getMessage());
            throw e;
        }
        return jobs.find(job).orElseThrow();
    }

    private void publish(UUID job, Counting in, ImportReport report, CountDownLatch done) {
        try {
            while (!done.await(PROGRESS_MILLIS, TimeUnit.MILLISECONDS)) {
                jobs.progress(job, in.count, report.rows, report.rows - report.bad, report.bad);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("import {}: progress not written: {}", job, e.getMessage());
        }
    }

    private static void stop(Thread progress, CountDownLatch done) {
        done.countDown();
        try {
            progress.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stage(ContactList list, Map<String, String> headerMap, InputStream in, CopyIn copy, ImportReport report)
            throws SQLException {
        StringBuilder out = new StringBuilder(CopyCsv.FLUSH_CHARS + 4096);
        ContactRows rows = new ContactRows(list, lists.addresses());
        CsvHeader[] header = new CsvHeader[1];
        try {
            boolean any = CopyCsv.read(in, new CopyCsv.Visitor() {
                @Override
                public boolean header(long line, List<String> cells) {
                    try {
                        header[0] = CsvHeader.map(cells, list, headerMap);
                        return true;
                    } catch (IllegalArgumentException e) {
                        report.fileError(line, e.getMessage());
                        return false;
                    }
                }

                @Override
                public void row(long line, CSVRecord r) throws SQLException {
                    report.row(line, header[0].append(r, line, rows, out));
                    if (out.length() >= CopyCsv.FLUSH_CHARS) {
                        CopyCsv.flush(copy, out);
                    }
                }
            });
            if (!any) {
                report.fileError(1, "the file is empty: the first line must name the columns");
            }
            CopyCsv.flush(copy, out);
        } catch (IOException e) {
            report.fileError(0, "the upload broke off or is not readable as CSV (RFC 4180) in UTF-8: " + e.getMessage());
        } catch (UncheckedIOException e) {
            report.fileError(0, "the upload broke off or is not readable as CSV (RFC 4180) in UTF-8: " + e.getCause().getMessage());
        }
    }

    /**
     * Stage to list in file order (so list order follows it): with a key column, a later row wins over an earlier
     * one with the same key and a key already in the list updates that contact.
     *
     * @return contacts written, and rows of the file that repeated a key
     */
    private static long[] merge(Connection c, ContactList list) throws SQLException {
        long duplicates = 0;
        String source = "contact_stage";
        if (list.keyColumn() != null) {
            try (PreparedStatement st = c.prepareStatement("SELECT count(*) - count(DISTINCT key) FROM contact_stage");
                 ResultSet rs = st.executeQuery()) {
                rs.next();
                duplicates = rs.getLong(1);
            }
            if (duplicates > 0) { // the sort only when the file repeats a key
                source = "(SELECT DISTINCT ON (key) line, key, data FROM contact_stage ORDER BY key, line DESC)";
            }
        }
        boolean empty;
        try (PreparedStatement st = c.prepareStatement("SELECT NOT EXISTS (SELECT 1 FROM contact WHERE list_id = ?)")) {
            st.setObject(1, list.id());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                empty = rs.getBoolean(1);
            }
        }
        // Ids follow the list order ('c' + seq): the primary key index then grows at its end instead of taking
        // random UUIDs all over. Into an empty list no row can conflict, so the speculative insert is skipped.
        long written;
        try (PreparedStatement st = c.prepareStatement("INSERT INTO contact (list_id, id, seq, line_no, data, key)"
                + " SELECT ?, 'c' || n, n, line, data, key FROM (SELECT nextval('contact_seq') AS n, o.* FROM"
                + " (SELECT line, data, key FROM " + source + " s ORDER BY line) o) numbered"
                + (empty ? "" : " ON CONFLICT (list_id, key) WHERE key IS NOT NULL DO UPDATE SET data = EXCLUDED.data,"
                + " modified_at = now(), version = contact.version + 1"))) {
            st.setObject(1, list.id());
            written = st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("UPDATE contact_list SET modified_at = now() WHERE id = ?")) {
            st.setObject(1, list.id());
            st.executeUpdate();
        }
        return new long[] {written, duplicates};
    }

    /** Counts the bytes read, for the job's percentage. */
    private static final class Counting extends FilterInputStream {
        volatile long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
