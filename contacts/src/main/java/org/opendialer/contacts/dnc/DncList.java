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
}
