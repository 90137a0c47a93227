package org.opendialer.contacts.dnc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVRecord;
import org.opendialer.contacts.CopyCsv;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.contacts.consent.ConsentLedger;
import org.opendialer.contacts.consent.ConsentSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.opendialer.store.Jdbc;

/**
 * Loads a DNC CSV into a list as it streams in: each row is checked and normalised, good rows go through
 * PostgreSQL COPY into a staging table and from there into the list, all in one transaction, so a file is
 * imported whole or not at all (also when the upload breaks off). The header names the columns
 * ({@link DncRow#COLUMNS}); a UTF-8 byte order mark and CR, LF or CRLF line ends are accepted.
 */
public final class DncCsvImport {

    /** What to do with bad rows. */
    public enum Mode {
        /** Any bad row: nothing is stored, every bad row is reported. */
        REJECT_FILE,
        /** Bad rows are left out and reported; the others are stored. */
        SKIP_BAD_ROWS
    }

    /** Rows reported by line beyond this are only counted. */
    public static final int REPORTED_ERRORS = 1000;

    private final Jdbc jdbc;
    private final DncLists lists;
    private final Addresses addresses;

    public DncCsvImport(DataSource dataSource, DncLists lists, Addresses addresses) {
        this.jdbc = new Jdbc(dataSource);
        this.lists = lists;
        this.addresses = addresses;
    }

    /**
     * Reads {@code csv} (UTF-8) to its end into list {@code listId}.
     *
     * @return the report; {@link DncImportReport#stored()} says whether anything was written
     * @throws java.util.NoSuchElementException when there is no such list
     * @throws org.opendialer.contacts.Conflict for a list whose entries live at a provider (nothing is read)
     * @throws DncImportReport.Rejected when the file was refused (bad header, or bad rows with {@link Mode#REJECT_FILE})
     */
    public DncImportReport load(UUID listId, InputStream csv, Mode mode) {
        DncList list = lists.require(listId);
        list.requireOwnEntries();
        boolean internal = list.internal();
        DncImportReport.Builder report = new DncImportReport.Builder(REPORTED_ERRORS);
        return jdbc.tx("dnc import", c -> {
            try (PreparedStatement st = c.prepareStatement("CREATE TEMP TABLE dnc_stage (line BIGINT, channel TEXT,"
                    + " address TEXT, expires_at TIMESTAMPTZ) ON COMMIT DROP")) {
                st.execute();
            }
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY dnc_stage FROM STDIN (FORMAT csv)");
            try {
                stage(csv, internal, copy, report);
            } finally {
                if (copy.isActive() && report.rejected(mode)) {
                    copy.cancelCopy();
                } else if (copy.isActive()) {
                    copy.endCopy();
                }
            }
            if (report.rejected(mode)) {
                throw new DncImportReport.Rejected(report.build(0, false));
            }
            long stored = internal ? ConsentLedger.addStaged(c, "dnc_stage", ConsentSource.UPLOAD, "DNC list upload")
                    : merge(c, listId);
            return report.build(stored, true);
        });
    }

    private void stage(InputStream in, boolean internal, CopyIn copy, DncImportReport.Builder report) throws SQLException {
        StringBuilder out = new StringBuilder(CopyCsv.FLUSH_CHARS + 512);
        DncRow[] header = new DncRow[1];
        try {
            boolean any = CopyCsv.read(in, new CopyCsv.Visitor() {
                @Override
                public boolean header(long line, List<String> cells) {
                    try {
                        header[0] = DncRow.header(cells);
                        return true;
                    } catch (IllegalArgumentException e) {
                        report.fileError(line, e.getMessage());
                        return false;
                    }
                }

                @Override
                public void row(long line, CSVRecord r) throws SQLException {
                    report.row(line, header[0].append(r, line, internal, addresses, out));
                    if (out.length() >= CopyCsv.FLUSH_CHARS) {
                        CopyCsv.flush(copy, out);
                    }
                }
            });
            if (!any) {
                report.fileError(1, "the file is empty: the first line must name the columns (phone, email, expires)");
            }
            CopyCsv.flush(copy, out);
        } catch (IOException e) {
            report.fileError(0, "the upload is not readable as CSV (RFC 4180) or UTF-8: " + e.getMessage());
        } catch (UncheckedIOException e) {
            report.fileError(0, "the upload is not readable as CSV (RFC 4180) or UTF-8: " + e.getCause().getMessage());
        }
    }

    /** Stage to list; a later row of the file wins over an earlier one for the same address. */
    private static long merge(Connection c, UUID listId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                INSERT INTO dnc_entry (list_id, channel, address, expires_at)
                SELECT DISTINCT ON (channel, address) ?, channel, address, expires_at FROM dnc_stage
                ORDER BY channel, address, line DESC
                ON CONFLICT (list_id, channel, address) DO UPDATE SET expires_at = EXCLUDED.expires_at""")) {
            st.setObject(1, listId);
            return st.executeUpdate();
        }
    }
}
