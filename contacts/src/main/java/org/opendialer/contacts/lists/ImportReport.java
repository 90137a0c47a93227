package org.opendialer.contacts.lists;

import java.util.ArrayList;
import java.util.List;

/** Counts of an upload while it is read: rows, bad rows (the first few kept by line), a fatal file error. */
final class ImportReport {

    private final int keep;
    final List<ImportStatus.RowError> errors = new ArrayList<>();
    /**
     * Read by the progress writer. {@code rows} is written by the reading thread; {@code bad} and {@code errors} by
     * the import's writing thread while the file streams ({@link RowChecks}: one thread, so {@code bad++} is safe), and
     * by the reading thread only before it starts or after {@link RowChecks#finish} (a header or read failure).
     */
    volatile long rows;
    volatile long bad;
    private String fatal;

    ImportReport(int keep) {
        this.keep = keep;
    }

    /** A data row was read (counted at once, so progress moves while its check is still under way). */
    void read() {
        rows++;
    }

    /** A data row read earlier was checked: {@code reason} is null, or why it is refused. */
    void checked(long line, String reason) {
        if (reason != null) {
            error(line, reason);
        }
    }

    /** The file cannot be imported at all (no header, unreadable, broke off), whatever the mode. */
    void fileError(long line, String reason) {
        error(line, reason);
        fatal = reason;
    }

    private void error(long line, String reason) {
        bad++;
        if (errors.size() < keep) {
            errors.add(new ImportStatus.RowError(line, reason));
        }
    }

    boolean rejected(ContactCsvImport.Mode mode) {
        return fatal != null || (bad > 0 && mode == ContactCsvImport.Mode.REJECT_FILE);
    }

    /** Why the file was refused, for the job's failureReason. */
    String reason() {
        if (fatal != null) {
            return fatal + "; nothing was imported";
        }
        ImportStatus.RowError first = errors.getFirst();
        return bad + " bad row(s), first: line " + first.line() + " " + first.reason() + "; nothing was imported";
    }
}
