package org.opendialer.contacts.dnc;

import java.time.Instant;
import org.opendialer.contacts.consent.ContactChannel;

/**
 * One address on a DNC list.
 *
 * @param address   E.164 or lower-cased email
 * @param expiresAt null: never; from this instant on the entry no longer blocks (it stays listed)
 * @param source    for the internal list, who put it there (the ledger's source); null on other lists
 */
public record DncEntry(ContactChannel channel, String address, Instant expiresAt, Instant dateCreated, String source) {
}
