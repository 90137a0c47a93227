package org.opendialer.contacts.dnc;

import java.time.Instant;
import java.util.UUID;

/**
 * A do-not-call list a campaign can use. {@code internal} marks the one list whose entries are the consent ledger
 * (opt-outs of every channel), which cannot be renamed or deleted and whose entries do not expire.
 * {@code dncSourceType} is Genesys': {@code rds} (entries here) or {@code dncCom} (a provider asked before each
 * call, {@code contacts.dnc.external.ExternalDncLists}).
 */
public record DncList(UUID id, String name, boolean internal, Instant dateCreated, Instant dateModified, int version,
                      String dncSourceType) {

    public DncList(UUID id, String name, boolean internal, Instant dateCreated, Instant dateModified, int version) {
        this(id, name, internal, dateCreated, dateModified, version, "rds");
    }

    /**
     * Refuses a change to the entries of a list whose entries live at a provider ({@code dncCom}): there is nothing
     * here to add to or remove from, and a number stored here would never be asked about.
     *
     * @throws org.opendialer.contacts.Conflict for such a list
     */
    public void requireOwnEntries() {
        if (!"rds".equals(dncSourceType)) {
            throw new org.opendialer.contacts.Conflict("DNC list " + id + " is a " + dncSourceType + " list: its entries"
                    + " live at the provider, which is asked before each call; add or remove numbers there, not here");
        }
    }
}
