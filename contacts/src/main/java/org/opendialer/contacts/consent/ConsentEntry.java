package org.opendialer.contacts.consent;

import java.time.Instant;

/**
 * One address on the ledger: never contact it on {@code channel}.
 *
 * @param updatedAt when it was last put on the ledger (again)
 * @param version   1 when first put on the ledger, one more each time again (kept by the database)
 */
public record ConsentEntry(ContactChannel channel, String address, ConsentSource source, String note, Instant createdAt,
                           Instant updatedAt, int version) {
}
