package org.opendialer.campaign.contacts;

import java.io.IOException;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.opendialer.campaign.consent.Addresses;
import org.opendialer.campaign.consent.ContactChannel;

/**
 * Reads an uploaded CSV (RFC 4180, header row first) into contacts, checking every row before anything is
 * stored: the right number of cells, phone numbers libphonenumber can read, email addresses, IANA time zones.
 * The first bad row stops the upload with its line number.
 */
public final class CsvContactParser {

    /** A list's column roles, as given at upload. */
    public record Spec(List<String> phoneColumns, List<String> emailColumns, String timeZoneColumn) {
        public Spec {
            phoneColumns = phoneColumns == null ? List.of() : List.copyOf(phoneColumns);
            emailColumns = emailColumns == null ? List.of() : List.copyOf(emailColumns);
            timeZoneColumn = timeZoneColumn == null || timeZoneColumn.isBlank() ? null : timeZoneColumn;
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
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), format)) {
            List<String> columns = parser.getHeaderNames().stream().map(String::strip).toList();
            checkHeader(columns, spec);
            List<Contact> contacts = new ArrayList<>();
            int[] newlines = newlines(csv);
            for (CSVRecord r : parser) {
                int line = lineOf(newlines, r.getCharacterPosition());
                if (r.size() != columns.size()) {
                    throw new ContactImportException(line, null, "has " + r.size() + " cells, the header has " + columns.size());
                }
                Map<String, String> data = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    data.put(columns.get(i), r.get(i));
                }
                normalise(line, data, spec);
                contacts.add(new Contact(UUID.randomUUID().toString(), line, data));
            }
            if (contacts.isEmpty()) {
                throw new ContactImportException(0, null, "the CSV has a header but no contacts");
            }
            return new Parsed(columns, contacts);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ContactImportException(0, null, "unreadable CSV: " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            if (e instanceof ContactImportException c) {
                throw c;
            }
            throw new ContactImportException(0, null, "unreadable CSV: " + e.getMessage());
        }
    }

    private static void checkHeader(List<String> columns, Spec spec) {
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
        if (spec.timeZoneColumn() != null) {
            roles.add(spec.timeZoneColumn());
        }
        for (String role : roles) {
            if (!seen.contains(role)) {
                throw new ContactImportException(1, role, "is named as a phone, email or time-zone column but the header has no such column");
            }
        }
        if (spec.phoneColumns().isEmpty() && spec.emailColumns().isEmpty()) {
            throw new ContactImportException(0, null, "name at least one phone or email column");
        }
    }

    private void normalise(int line, Map<String, String> data, Spec spec) {
        for (String col : spec.phoneColumns()) {
            String v = data.get(col);
            if (!v.isEmpty()) {
                data.put(col, addresses.e164(v).orElseThrow(() ->
                        new ContactImportException(line, col, "'" + v + "' is not a valid phone number")));
            }
        }
        for (String col : spec.emailColumns()) {
            String v = data.get(col);
            if (!v.isEmpty()) {
                data.put(col, addresses.canonical(ContactChannel.EMAIL, v).orElseThrow(() ->
                        new ContactImportException(line, col, "'" + v + "' is not a valid email address")));
            }
        }
        String tzCol = spec.timeZoneColumn();
        if (tzCol != null && !data.get(tzCol).isEmpty()) {
            try {
                ZoneId.of(data.get(tzCol));
            } catch (DateTimeException e) {
                throw new ContactImportException(line, tzCol, "'" + data.get(tzCol) + "' is not a time zone (use an IANA id like America/Chicago)");
            }
        }
    }

    private static int[] newlines(String csv) {
        return java.util.stream.IntStream.range(0, csv.length()).filter(i -> csv.charAt(i) == '\n').toArray();
    }

    /** 1-based line of a character offset (quoted cells may span lines, so record numbers are not lines). */
    private static int lineOf(int[] newlines, long position) {
        int i = java.util.Arrays.binarySearch(newlines, (int) position);
        return (i >= 0 ? i : -i - 1) + 1;
    }
}
