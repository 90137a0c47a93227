package org.opendialer.contacts.lists;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Line numbers of an uploaded CSV as a spreadsheet user counts them: CR, LF and CRLF each end one line (Excel for
 * Mac still writes CR alone), and a quoted cell may span lines, so record numbers are not line numbers. Also turns
 * the CSV library's parse errors into plain words with the line at fault.
 */
final class CsvLines {

    /** The library reports "(startline 3)" or "at line: 3", with digits grouped in the default locale. */
    private static final Pattern LIBRARY_LINE = Pattern.compile("(?:startline|line:)\\s*([\\d,.'\\s\\u00a0\\u202f]+)");

    private final String text;
    /** Offset of the first character of each line after the first. */
    private final int[] lineStarts;

    CsvLines(String text) {
        this.text = text;
        int[] starts = new int[16];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, n);
    }

    /** 1-based line of the record the parser started reading at {@code position}: blank lines before it skipped. */
    int lineOfRecordAt(long position) {
        int p = (int) position;
        while (p < text.length() && (text.charAt(p) == '\r' || text.charAt(p) == '\n')) {
            p++;
        }
        int i = Arrays.binarySearch(lineStarts, p);
        return (i >= 0 ? i + 1 : -i - 1) + 1;
    }

    /** The library's refusal as our own, with the line it names and no class name. */
    static ContactImportException unreadable(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int line = lineIn(message);
        if (message.contains("EOF reached before encapsulated token finished")) {
            return new ContactImportException(line, null,
                    "a quoted cell is never closed: add the missing \" or double each \" inside it");
        }
        if (message.contains("between encapsulated token and delimiter")) {
            return new ContactImportException(line, null, "a quoted cell has text after its closing quote: "
                    + "put the whole cell in quotes and double each \" inside it");
        }
        return new ContactImportException(line, null, "this is not readable as CSV (RFC 4180)");
    }

    private static int lineIn(String message) {
        Matcher m = LIBRARY_LINE.matcher(message);
        if (!m.find()) {
            return 0;
        }
        String digits = m.group(1).replaceAll("\\D", "");
        try {
            return digits.isEmpty() ? 0 : Integer.parseInt(digits);
        } catch (NumberFormatException tooLong) {
            return 0;
        }
    }
}
