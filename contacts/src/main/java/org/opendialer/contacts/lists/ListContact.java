package org.opendialer.contacts.lists;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A contact of a list with its dialing state (written by campaigns): {@code priority} = inserted with "dial
 * next", {@code callable} false once a rule or result ruled it out, {@code skipReason} why the last pass left it.
 */
public record ListContact(String id, UUID listId, Map<String, String> data, boolean priority, boolean callable,
                          int attempts, Instant lastAttemptAt, String lastResult, String skipReason,
                          Instant createdAt, Instant modifiedAt, int version) {
    public ListContact {
        data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }
}
