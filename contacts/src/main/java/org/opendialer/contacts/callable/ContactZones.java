package org.opendialer.contacts.callable;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Finds the time zones a contact may be in, by the precedence of {@link CallableContact}: the explicit zone, else
 * the postal code, else every zone of every phone number (libphonenumber's {@link PhoneNumberToTimeZonesMapper},
 * which gives several for a number whose area spans zones). An empty answer means unknown.
 */
public final class ContactZones {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper MAPPER = PhoneNumberToTimeZonesMapper.getInstance();

    private final String defaultRegion;

    /** @param defaultRegion region of phone numbers written without a country code, e.g. {@code US} */
    public ContactZones(String defaultRegion) {
        this.defaultRegion = defaultRegion == null ? "US" : defaultRegion.toUpperCase(Locale.ROOT);
    }

    /** The contact's candidate zones, and where they came from. */
    public record Found(List<ZoneId> zones, String from) {
    }

    public Found zonesOf(CallableContact c) {
        if (c.timeZone() != null && !c.timeZone().isBlank()) {
            try {
                return new Found(List.of(ZoneId.of(c.timeZone().strip())), "time zone column");
            } catch (DateTimeException unknown) {
                // an unreadable zone says nothing: fall through to the postal code and the phone numbers
            }
        }
        List<ZoneId> byZip = UsZipZones.zones(c.postalCode());
        if (!byZip.isEmpty()) {
            return new Found(byZip, "postal code " + c.postalCode().strip());
        }
        LinkedHashSet<ZoneId> byPhone = new LinkedHashSet<>();
        for (String number : c.phoneNumbers()) {
            try {
                for (String id : MAPPER.getTimeZonesForNumber(PHONES.parse(number, defaultRegion))) {
                    if (!id.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())) {
                        byPhone.add(ZoneId.of(id));
                    }
                }
            } catch (NumberParseException | DateTimeException unreadable) {
                // a number we cannot place adds no zone
            }
        }
        return new Found(List.copyOf(byPhone), byPhone.isEmpty() ? "nothing" : "phone numbers");
    }
}
