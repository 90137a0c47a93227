package org.opendialer.contacts.lists;

import java.util.Map;

/**
 * One row of a list.
 *
 * @param lineNo the CSV line it came from (header = line 1)
 * @param data   column to value, every column present (empty string when the cell was empty)
 */
public record Contact(String id, int lineNo, Map<String, String> data) {
    public Contact {
        data = Map.copyOf(data);
    }

    public String get(String column) {
        return data.getOrDefault(column, "");
    }
}
