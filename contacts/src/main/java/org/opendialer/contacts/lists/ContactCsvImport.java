package org.opendialer.contacts.lists;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a CSV into a contact list as it streams in: each row is mapped to the list's columns, checked and
 * normalised ({@link ContactRows}) on a few threads, and a writing thread takes them in file order ({@link RowChecks}) and sends the good
 * ones through PostgreSQL COPY into {@code contact} ({@link ContactCopy}), all in one transaction, so a file is imported whole or not at all (also when the upload breaks
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
    private final int checkThreads;

    /** Rows are checked on as many threads as the machine has cores ({@link RowChecks}). */
    public ContactCsvImport(DataSource dataSource, ContactListStore lists) {
        this(dataSource, lists, Runtime.getRuntime().availableProcessors());
    }

    /** @param checkThreads threads that check an upload's rows (per upload, while it runs), at least 1 */
    ContactCsvImport(DataSource dataSource, ContactListStore lists, int checkThreads) {
        this.jdbc = new Jdbc(dataSource);
        this.lists = lists;
        this.jobs = new ImportJobs(dataSource);
        this.checkThreads = Math.max(1, checkThreads);
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
                ContactCopy copy = ContactCopy.open(c, list);
                boolean streamed = false;
                long[] waits;
                try {
                    waits = stage(list, headerMap, in, copy, report, mode);
                    streamed = true;
                } finally {
                    if (!streamed || report.rejected(mode)) {
                        copy.cancel();
                    }
                }
                if (report.rejected(mode)) {
                    throw new Rejected(null);
                }
                long read = System.nanoTime();
                long[] result = copy.finish();
                LOG.info("contact import {} into list {}: {} rows read and copied in {} ms (reader waited {} ms for room, writer {} ms"
                                + " for checks, {} ms for id blocks), {} contacts merged in {} ms", job, listId, report.rows,
                        (read - started) / 1_000_000, waits[0] / 1_000_000, waits[1] / 1_000_000, copy.seqNanos() / 1_000_000, result[0],
                        (System.nanoTime() - read) / 1_000_000);
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

    /** @return nanoseconds the reader waited for room and the writer for checks ({@link RowChecks}) */
    private long[] stage(ContactList list, Map<String, String> headerMap, InputStream in, ContactCopy copy, ImportReport report,
                         Mode mode) throws SQLException {
        ContactRows rows = new ContactRows(list, lists.addresses());
        RowChecks[] checks = new RowChecks[1];
        // on the writing thread, in file order, whichever thread checked the row
        RowChecks.Sink sink = (line, row) -> {
            report.checked(line, row.bad());
            if (row.bad() == null && !report.rejected(mode)) { // a refused file is still read for its bad rows, not stored
                copy.row(line, row.key(), row.json());
            }
        };
        try {
            boolean any = CopyCsv.read(in, new CopyCsv.Visitor() {
                @Override
                public boolean header(long line, List<String> cells) {
                    try {
                        checks[0] = new RowChecks(CsvHeader.map(cells, list, headerMap), rows, checkThreads, sink);
                        return true;
                    } catch (IllegalArgumentException e) {
                        report.fileError(line, e.getMessage());
                        return false;
                    }
                }

                @Override
                public void row(long line, CSVRecord r) throws SQLException {
                    report.read();
                    checks[0].add(line, r);
                }
            });
            if (!any) {
                report.fileError(1, "the file is empty: the first line must name the columns");
            }
            if (checks[0] != null) {
                checks[0].finish();
            }
        } catch (IOException e) {
            unreadable(checks[0], report, e.getMessage());
        } catch (UncheckedIOException e) {
            unreadable(checks[0], report, e.getCause().getMessage());
        } finally {
            if (checks[0] != null) {
                checks[0].close();
            }
        }
        return checks[0] == null ? new long[2] : new long[] {checks[0].readerWaitNanos(), checks[0].writerWaitNanos()};
    }

    /** The rows read before the break are still reported (the file is refused either way), then the break. */
    private static void unreadable(RowChecks checks, ImportReport report, String why) throws SQLException {
        if (checks != null) {
            checks.finish();
        }
        report.fileError(0, "the upload broke off or is not readable as CSV (RFC 4180) in UTF-8: " + why);
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
