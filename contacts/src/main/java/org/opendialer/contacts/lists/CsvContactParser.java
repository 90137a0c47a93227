package org.opendialer.contacts.lists;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.opendialer.contacts.consent.Addresses;

/**
 * Reads an uploaded CSV (RFC 4180, header row first) into contacts, checking every row before anything is
 * stored: the right number of cells, phone numbers libphonenumber can read, email addresses, IANA time zones.
 * The first bad row stops the upload with its line number.
 */
public final class CsvContactParser {

    /** Phone types a phone column may have (Genesys' names). */
    public static final List<String> PHONE_TYPES = List.of("cell", "home", "work", "other");

    /**
     * A list's column roles, as given at creation; {@code phoneTypes} pairs with {@code phoneColumns} (missing
     * types are {@code other}), {@code defaultRegion} null means the node's.
     */
    public record Spec(List<String> phoneColumns, List<String> phoneTypes, List<String> emailColumns, String timeZoneColumn,
                       String postalCodeColumn, String keyColumn, String defaultRegion) {
        public Spec {
            phoneColumns = phoneColumns == null ? List.of() : List.copyOf(phoneColumns);
            List<String> types = new ArrayList<>(phoneTypes == null ? List.of() : phoneTypes);
            while (types.size() < phoneColumns.size()) {
                types.add("other");
            }
            phoneTypes = List.copyOf(types);
            emailColumns = emailColumns == null ? List.of() : List.copyOf(emailColumns);
            timeZoneColumn = blankToNull(timeZoneColumn);
            postalCodeColumn = blankToNull(postalCodeColumn);
            keyColumn = blankToNull(keyColumn);
            defaultRegion = blankToNull(defaultRegion) == null ? null : defaultRegion.strip().toUpperCase(java.util.Locale.ROOT);
        }

        public Spec(List<String> phoneColumns, List<String> emailColumns, String timeZoneColumn) {
            this(phoneColumns, null, emailColumns, timeZoneColumn, null, null, null);
        }

        /** The list these roles and {@code columns} make, before it is stored. */
        ContactList draft(UUID id, String name, List<String> columns) {
            return new ContactList(id, name, columns, phoneColumns, phoneTypes, emailColumns, timeZoneColumn, postalCodeColumn,
                    keyColumn, defaultRegion, 0, null, null, 1);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    /** Columns of the header and the rows, phone numbers already in E.164. */
    public record Parsed(List<String> columns, List<Contact> contacts) {
    }

    private final Addresses addresses;

    public CsvContactParser(Addresses addresses) {
        this.addresses = addresses;
    }

    public Parsed parse(String csv, Spec spec) {
        // Excel's "CSV UTF-8" starts with a byte order mark; left in, it becomes part of the first column's name.
        String text = !csv.isEmpty() && csv.charAt(0) == '\uFEFF' ? csv.substring(1) : csv;
        // The header is read as a plain record so that our checks, not the library's, name what is wrong with it.
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        CsvLines lines = new CsvLines(text);
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Iterator<CSVRecord> records = parser.iterator();
            List<String> columns = records.hasNext() ? records.next().stream().map(String::strip).toList() : List.of();
            checkHeader(columns, spec);
            ContactRows rows = new ContactRows(spec.draft(null, "", columns), addresses);
            List<Contact> contacts = new ArrayList<>();
            while (records.hasNext()) {
                CSVRecord r = records.next();
                int line = lines.lineOfRecordAt(r.getCharacterPosition());
                if (r.size() != columns.size()) {
                    throw new ContactImportException(line, null, "has " + r.size() + " cells, the header has " + columns.size());
                }
                Map<String, String> data = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    data.put(columns.get(i), r.get(i));
                }
                String bad = rows.normalise(data);
                if (bad != null) {
                    throw new ContactImportException(line, null, bad);
                }
                contacts.add(new Contact(UUID.randomUUID().toString(), line, data));
            }
            if (contacts.isEmpty()) {
                throw new ContactImportException(0, null, "the CSV has a header but no contacts");
            }
            return new Parsed(columns, contacts);
        } catch (IOException e) {
            throw CsvLines.unreadable(e);
        } catch (java.io.UncheckedIOException e) {
            throw CsvLines.unreadable(e.getCause());
        }
    }

    static void checkHeader(List<String> columns, Spec spec) {
        if (columns.isEmpty()) {
            throw new ContactImportException(1, null, "the header row is missing");
        }
        Set<String> seen = new HashSet<>();
        for (String c : columns) {
            if (c.isEmpty()) {
                throw new ContactImportException(1, null, "a column has no name");
            }
            if (!seen.add(c)) {
                throw new ContactImportException(1, c, "appears twice in the header");
            }
        }
        List<String> roles = new ArrayList<>(spec.phoneColumns());
        roles.addAll(spec.emailColumns());
        for (String role : java.util.Arrays.asList(spec.timeZoneColumn(), spec.postalCodeColumn(), spec.keyColumn())) {
            if (role != null) {
                roles.add(role);
            }
        }
        for (String role : roles) {
            if (!seen.contains(role)) {
                throw new ContactImportException(1, role, "is named as a phone, email, time-zone, postal-code or key column but the header has no such column");
            }
        }
        for (String type : spec.phoneTypes()) {
            if (!PHONE_TYPES.contains(type)) {
                throw new ContactImportException(0, null, "phone type '" + type + "' is not one of " + PHONE_TYPES);
            }
        }
        if (spec.phoneColumns().isEmpty() && spec.emailColumns().isEmpty()) {
            throw new ContactImportException(0, null, "name at least one phone or email column");
        }
    }
}
