package org.opendialer.contacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.postgresql.copy.CopyIn;

/**
 * What the streamed CSV uploads (DNC lists, contact lists) share: reading UTF-8 (a byte order mark skipped,
 * invalid bytes refused) record by record with each record's first line, blank lines skipped, and handing
 * COPY lines to PostgreSQL in chunks.
 */
public final class CopyCsv {

    /** COPY lines are sent once this many characters wait. */
    public static final int FLUSH_CHARS = 1 << 16;

    /** The parts of an upload. */
    public interface Visitor {
        /** The first non-blank record; false stops the reading (a refused header). */
        boolean header(long line, List<String> cells);

        /** A data record starting at {@code line}. */
        void row(long line, CSVRecord record) throws SQLException;
    }

    private CopyCsv() {
    }

    /**
     * Reads {@code in} to its end (or until the header is refused).
     *
     * @return whether a header was read
     * @throws IOException when the stream breaks off or is not UTF-8 or RFC 4180 (also as {@link java.io.UncheckedIOException})
     */
    public static boolean read(InputStream in, Visitor visitor) throws IOException, SQLException {
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(false).get();
        try (CSVParser parser = CSVParser.parse(withoutBom(in), format)) {
            long lineBefore = 0;
            boolean header = false;
            for (CSVRecord r : parser) {
                long line = lineBefore + 1;
                lineBefore = parser.getCurrentLineNumber();
                if (r.size() == 1 && r.get(0).isEmpty()) {
                    continue; // a blank line
                }
                if (!header) {
                    header = true;
                    if (!visitor.header(line, r.stream().toList())) {
                        return true;
                    }
                    continue;
                }
                visitor.row(line, r);
            }
            return header;
        }
    }

    /** Sends the waiting COPY lines. */
    public static void flush(CopyIn copy, StringBuilder out) throws SQLException {
        if (!out.isEmpty()) {
            byte[] b = out.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(b, 0, b.length);
            out.setLength(0);
        }
    }

    private static Reader withoutBom(InputStream in) throws IOException {
        // Excel's "CSV UTF-8" starts with a byte order mark; left in, it becomes part of the first column's name.
        PushbackReader r = new PushbackReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)), 1);
        int first = r.read();
        if (first != -1 && first != '\uFEFF') {
            r.unread(first);
        }
        return r;
    }
}
