package org.opendialer.contacts.lists;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A contact list: the CSV's columns, which of them hold phone numbers and email addresses, and which one the
 * contact's time zone (IANA id, e.g. {@code America/Chicago}) for callable hours.
 */
public record ContactList(UUID id, String name, List<String> columns, List<String> phoneColumns,
                          List<String> emailColumns, String timeZoneColumn, int size, Instant createdAt) {
    public ContactList {
        columns = List.copyOf(columns);
        phoneColumns = List.copyOf(phoneColumns);
        emailColumns = List.copyOf(emailColumns);
    }
}
