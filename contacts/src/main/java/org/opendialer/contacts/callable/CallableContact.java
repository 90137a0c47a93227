package org.opendialer.contacts.callable;

import java.util.List;

/**
 * What decides a contact's time zone, by precedence: an explicit IANA zone (a list's time-zone column), else the
 * postal code (US ZIP codes, see {@link UsZipZones}), else the zones of its phone numbers.
 *
 * @param timeZone     IANA id such as {@code America/Chicago}, or null/blank
 * @param postalCode   null or blank when unknown
 * @param phoneNumbers any spelling; E.164 is safest (national numbers are read in the default region)
 */
public record CallableContact(String timeZone, String postalCode, List<String> phoneNumbers) {
    public CallableContact {
        phoneNumbers = phoneNumbers == null ? List.of() : List.copyOf(phoneNumbers);
    }

    public static CallableContact ofPhones(String... numbers) {
        return new CallableContact(null, null, List.of(numbers));
    }
}
