package org.opendialer.contacts.lists;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.contacts.consent.ContactChannel;

/**
 * The check of one contact against its list's column roles, shared by CSV uploads and API inserts: phone
 * columns become E.164 (national numbers read in the list's region), email addresses are lower-cased, the zone
 * must be an IANA id, and a list with a key column needs a value there.
 */
final class ContactRows {

    private final ContactList list;
    private final Addresses addresses;

    ContactRows(ContactList list, Addresses nodeDefault) {
        this.list = list;
        this.addresses = list.defaultRegion() == null ? nodeDefault : new Addresses(list.defaultRegion());
    }

    /**
     * Normalises {@code data} in place (column to value, every column of the list present).
     *
     * @return null, or why the contact is refused (then {@code data} may be half normalised)
     */
    String normalise(Map<String, String> data) {
        for (String col : list.phoneColumns()) {
            String v = data.get(col);
            if (!v.isBlank()) {
                String e164 = addresses.e164(v).orElse(null);
                if (e164 == null) {
                    return "column '" + col + "': '" + v + "' is not a valid phone number";
                }
                data.put(col, e164);
            }
        }
        for (String col : list.emailColumns()) {
            String v = data.get(col);
            if (!v.isBlank()) {
                String canonical = addresses.canonical(ContactChannel.EMAIL, v).orElse(null);
                if (canonical == null) {
                    return "column '" + col + "': '" + v + "' is not a valid email address";
                }
                data.put(col, canonical);
            }
        }
        String tzCol = list.timeZoneColumn();
        if (tzCol != null && !data.get(tzCol).isBlank()) {
            try {
                ZoneId.of(data.get(tzCol).strip());
            } catch (DateTimeException e) {
                return "column '" + tzCol + "': '" + data.get(tzCol) + "' is not a time zone (use an IANA id like America/Chicago)";
            }
        }
        if (list.keyColumn() != null && data.get(list.keyColumn()).isBlank()) {
            return "column '" + list.keyColumn() + "': the key column is empty";
        }
        return null;
    }

    /** The dedupe key of a normalised contact, or null when the list has no key column. */
    String key(Map<String, String> data) {
        return list.keyColumn() == null ? null : data.get(list.keyColumn());
    }
}
