package org.opendialer.contacts.lists;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A contact of a list with its dialing state (written by campaigns): {@code priority} = inserted with "dial
 * next", {@code callable} false once a rule or result ruled it out, {@code skipReason} why the last pass left it.
 * {@code callbackAt} is the scheduled callback (null: none) and {@code callbackNumber} the number it dials instead of
 * the contact's own (E.164; null: the contact's own); while both are set and the time has passed, {@code skipReason}
 * is about that number, the only one the callback tries.
 */
public record ListContact(String id, UUID listId, Map<String, String> data, boolean priority, boolean callable,
                          int attempts, Instant lastAttemptAt, String lastResult, String skipReason,
                          Instant callbackAt, String callbackNumber, Instant createdAt, Instant modifiedAt, int version) {
    public ListContact {
        data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }
}
