package org.opendialer.contacts.lists;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opendialer.contacts.callable.CallableContact;

/**
 * A contact list: its columns and their roles. Phone columns carry a type ({@code phoneTypes}, same order: cell,
 * home, work, other); the time-zone column holds IANA ids ({@code America/Chicago}); the postal-code column
 * gives the zone when there is none; the key column dedupes (one contact per value); {@code defaultRegion}
 * (ISO 3166) reads national numbers, null meaning the node's. Every other column is a template variable.
 */
public record ContactList(UUID id, String name, List<String> columns, List<String> phoneColumns, List<String> phoneTypes,
                          List<String> emailColumns, String timeZoneColumn, String postalCodeColumn, String keyColumn,
                          String defaultRegion, long size, Instant createdAt, Instant modifiedAt, int version) {
    public ContactList {
        columns = List.copyOf(columns);
        phoneColumns = List.copyOf(phoneColumns);
        phoneTypes = List.copyOf(phoneTypes);
        emailColumns = List.copyOf(emailColumns);
    }

    /**
     * What decides the contact's time zone for the callable-hours check: the time-zone column, else the postal
     * code, else its phone numbers (empty cells left out).
     */
    public CallableContact callable(Map<String, String> data) {
        List<String> phones = new ArrayList<>();
        for (String c : phoneColumns) {
            String v = data.get(c);
            if (v != null && !v.isBlank()) {
                phones.add(v);
            }
        }
        return new CallableContact(cell(data, timeZoneColumn), cell(data, postalCodeColumn), phones);
    }

    private static String cell(Map<String, String> data, String column) {
        String v = column == null ? null : data.get(column);
        return v == null || v.isBlank() ? null : v;
    }
}
