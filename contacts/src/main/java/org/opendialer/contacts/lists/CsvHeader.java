package org.opendialer.contacts.lists;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.apache.commons.csv.CSVRecord;

/**
 * How an uploaded file's columns map onto a list's: by an explicit header map, else by name compared without
 * case, spaces, '_' or '-' ("Phone Number" = phone_number); headers that match no column are ignored (so an
 * export can be uploaded again). Turns each good row into its data as JSON, escaped for COPY.
 */
final class CsvHeader {

    private final List<String> columns;
    /** For each list column, its cell index in the file, or -1 when the file lacks it (then the value is empty). */
    private final int[] cells;
    private final int width;
    /** For each list column, how its value starts in a row's JSON ({@code "name":"}, escaped once, not per row). */
    private final String[] jsonNames;

    private CsvHeader(List<String> columns, int[] cells, int width) {
        this.columns = columns;
        this.cells = cells;
        this.width = width;
        this.jsonNames = new String[columns.size()];
        for (int i = 0; i < jsonNames.length; i++) {
            StringBuilder name = new StringBuilder(i == 0 ? "\"" : ",\"");
            jsonCopyText(name, columns.get(i));
            jsonNames[i] = name.append("\":\"").toString();
        }
    }

    /** @throws IllegalArgumentException naming what is wrong with the header */
    static CsvHeader map(List<String> header, ContactList list, Map<String, String> headerMap) {
        Map<String, String> byName = new HashMap<>();
        list.columns().forEach(c -> byName.put(loose(c), c));
        Map<String, Integer> found = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).strip();
            String target = headerMap.containsKey(h) ? headerMap.get(h) : byName.get(loose(h));
            if (headerMap.containsKey(h) && !list.columns().contains(target)) {
                throw new IllegalArgumentException("the header map sends '" + h + "' to '" + target
                        + "', which is not a column of the list " + list.columns());
            }
            if (target != null && found.put(target, i) != null) {
                throw new IllegalArgumentException("two columns of the file map to the list's column '" + target + "'");
            }
        }
        List<String> contactColumns = new ArrayList<>(list.phoneColumns());
        contactColumns.addAll(list.emailColumns());
        if (contactColumns.stream().noneMatch(found::containsKey)) {
            throw new IllegalArgumentException("the header " + header + " has none of the list's phone or email columns "
                    + contactColumns + " (map other names with the header map)");
        }
        if (list.keyColumn() != null && !found.containsKey(list.keyColumn())) {
            throw new IllegalArgumentException("the header " + header + " lacks the list's key column '" + list.keyColumn() + "'");
        }
        int[] cells = list.columns().stream().mapToInt(c -> found.getOrDefault(c, -1)).toArray();
        return new CsvHeader(list.columns(), cells, header.size());
    }

    private static String loose(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
    }

    /**
     * One row after its check: {@code bad} is null or why the row is refused; otherwise {@code json} is its data as
     * a JSON object already escaped for COPY's text format and {@code key} its key (null without a key column).
     */
    record Checked(String bad, String key, String json) {
        static Checked refused(String why) {
            return new Checked(why, null, null);
        }
    }

    /**
     * Checks and normalises the row. Keeps no state, so several threads may check rows of one file at once
     * ({@link RowChecks}).
     */
    Checked check(CSVRecord r, ContactRows rows) {
        if (r.size() != width) {
            return Checked.refused("has " + r.size() + " cells, the header has " + width);
        }
        String[] values = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            String v = cells[i] < 0 ? "" : r.get(cells[i]);
            if (v.indexOf('\0') >= 0) {
                return Checked.refused("column '" + columns.get(i) + "' holds a NUL character");
            }
            values[i] = v;
        }
        String bad = rows.normalise(values);
        if (bad != null) {
            return Checked.refused(bad);
        }
        StringBuilder json = new StringBuilder(256).append('{');
        for (int i = 0; i < values.length; i++) {
            json.append(jsonNames[i]);
            jsonCopyText(json, values[i]);
            json.append('"');
        }
        return new Checked(null, rows.key(values), json.append('}').toString());
    }

    /**
     * A JSON string's content escaped for COPY: most cells need neither, so they are copied as they are; the
     * others go through Jackson's JSON escaping (which leaves no raw control character), then COPY's.
     */
    private static void jsonCopyText(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                copyText(out, new String(JsonStringEncoder.getInstance().quoteAsString(s)));
                return;
            }
        }
        out.append(s);
    }

    /** COPY's text format: backslash, tab and line ends escaped. */
    static void copyText(StringBuilder out, CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
