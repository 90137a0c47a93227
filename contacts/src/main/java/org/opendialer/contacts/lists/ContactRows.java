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
    /** Places in {@link ContactList#columns()} of the phone and email columns; -1 for no zone or key column. */
    private final int[] phones;
    private final int[] emails;
    private final int zone;
    private final int key;

    ContactRows(ContactList list, Addresses nodeDefault) {
        this.list = list;
        this.addresses = list.defaultRegion() == null ? nodeDefault : new Addresses(list.defaultRegion());
        this.phones = list.phoneColumns().stream().mapToInt(list.columns()::indexOf).toArray();
        this.emails = list.emailColumns().stream().mapToInt(list.columns()::indexOf).toArray();
        this.zone = list.timeZoneColumn() == null ? -1 : list.columns().indexOf(list.timeZoneColumn());
        this.key = list.keyColumn() == null ? -1 : list.columns().indexOf(list.keyColumn());
    }

    /**
     * Normalises {@code data} in place (column to value, every column of the list present).
     *
     * @return null, or why the contact is refused (then {@code data} may be half normalised)
     */
    String normalise(Map<String, String> data) {
        String[] values = list.columns().stream().map(data::get).toArray(String[]::new);
        String bad = normalise(values);
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                data.put(list.columns().get(i), values[i]);
            }
        }
        return bad;
    }

    /**
     * Normalises {@code values} in place, one per column of the list in its order (an upload's rows, which need
     * no map per row).
     *
     * @return null, or why the contact is refused (then {@code values} may be half normalised)
     */
    String normalise(String[] values) {
        for (int i : phones) {
            String v = values[i];
            if (!v.isBlank()) {
                String e164 = addresses.e164(v).orElse(null);
                if (e164 == null) {
                    return "column '" + list.columns().get(i) + "': '" + v + "' is not a valid phone number";
                }
                values[i] = e164;
            }
        }
        for (int i : emails) {
            String v = values[i];
            if (!v.isBlank()) {
                String canonical = addresses.canonical(ContactChannel.EMAIL, v).orElse(null);
                if (canonical == null) {
                    return "column '" + list.columns().get(i) + "': '" + v + "' is not a valid email address";
                }
                values[i] = canonical;
            }
        }
        if (zone >= 0 && !values[zone].isBlank()) {
            try {
                ZoneId.of(values[zone].strip());
            } catch (DateTimeException e) {
                return "column '" + list.timeZoneColumn() + "': '" + values[zone] + "' is not a time zone (use an IANA id like America/Chicago)";
            }
        }
        if (key >= 0 && values[key].isBlank()) {
            return "column '" + list.keyColumn() + "': the key column is empty";
        }
        return null;
    }

    /** The dedupe key of a normalised contact, or null when the list has no key column. */
    String key(Map<String, String> data) {
        return list.keyColumn() == null ? null : data.get(list.keyColumn());
    }

    /** The dedupe key of normalised {@code values} (as {@link #normalise(String[])} takes them), or null. */
    String key(String[] values) {
        return key < 0 ? null : values[key];
    }
}
