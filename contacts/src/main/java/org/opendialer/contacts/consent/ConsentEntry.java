package org.opendialer.contacts.consent;

import java.time.Instant;

/** One address on the ledger: never contact it on {@code channel}. */
public record ConsentEntry(ContactChannel channel, String address, ConsentSource source, String note, Instant createdAt) {
}
