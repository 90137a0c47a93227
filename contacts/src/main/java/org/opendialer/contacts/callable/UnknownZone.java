package org.opendialer.contacts.callable;

import java.time.ZoneId;

/**
 * The campaign's choice for a contact whose time zone cannot be found: skip it, or call it as if it lived in
 * {@code fallback}.
 *
 * @param fallback null to skip
 */
public record UnknownZone(ZoneId fallback) {

    public static final UnknownZone SKIP = new UnknownZone(null);

    public static UnknownZone assume(ZoneId zone) {
        return new UnknownZone(zone);
    }
}
