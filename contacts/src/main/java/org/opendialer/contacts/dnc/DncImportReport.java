package org.opendialer.contacts.dnc;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of a DNC upload.
 *
 * @param rows       data rows read (blank lines not counted)
 * @param stored     distinct entries written (0 when nothing was stored)
 * @param badRows    every bad row, counted
 * @param errors     the first {@link DncCsvImport#REPORTED_ERRORS} bad rows, by line
 * @param imported   whether anything was written (false: the file was refused whole)
 */
public record DncImportReport(long rows, long stored, long badRows, List<RowError> errors, boolean imported) {

    /** A refused row: its 1-based line in the file (0 when the file as a whole is unreadable) and why. */
    public record RowError(long line, String reason) {
    }

    /** The file was refused whole; nothing of it was stored. */
    public static final class Rejected extends RuntimeException {
        private final DncImportReport report;

        Rejected(DncImportReport report) {
            super(report.badRows() + " bad row(s), first: line " + report.errors().getFirst().line() + " "
                    + report.errors().getFirst().reason() + "; nothing was stored");
            this.report = report;
        }

        public DncImportReport report() {
            return report;
        }
    }

    static final class Builder {
        private final int keep;
        private final List<RowError> errors = new ArrayList<>();
        private long rows;
        private long bad;
        private boolean fatal;

        Builder(int keep) {
            this.keep = keep;
        }

        /** A data row: {@code bad} is null, or why it is refused. */
        void row(long line, String bad) {
            rows++;
            if (bad != null) {
                error(line, bad);
            }
        }

        /** The file cannot be imported at all (no header, unreadable), whatever the mode. */
        void fileError(long line, String reason) {
            error(line, reason);
            fatal = true;
        }

        private void error(long line, String reason) {
            bad++;
            if (errors.size() < keep) {
                errors.add(new RowError(line, reason));
            }
        }

        boolean rejected(DncCsvImport.Mode mode) {
            return fatal || (bad > 0 && mode == DncCsvImport.Mode.REJECT_FILE);
        }

        DncImportReport build(long stored, boolean imported) {
            return new DncImportReport(rows, stored, bad, errors, imported);
        }
    }
}
