package org.opendialer.contacts.consent;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Canonical forms, so that "+1 (555) 123-4567", "5551234567" (region US) and "+15551234567" are one entry:
 * phone numbers in E.164 (libphonenumber), email addresses trimmed and lower-cased.
 */
public final class Addresses {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern DIGITS = Pattern.compile("\\d{8,15}");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final String defaultRegion;

    /** @param defaultRegion ISO 3166 region for numbers written without a country code, e.g. {@code US} */
    public Addresses(String defaultRegion) {
        this.defaultRegion = defaultRegion == null || defaultRegion.isBlank() ? "US" : defaultRegion.toUpperCase(Locale.ROOT);
    }

    /** The region of numbers written without a country code. */
    public String defaultRegion() {
        return defaultRegion;
    }

    /** The canonical address, or empty when it is not a valid phone number or email address. */
    public Optional<String> canonical(ContactChannel channel, String address) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        return channel == ContactChannel.PHONE ? e164(address) : email(address);
    }

    /** Like {@link #canonical} but throws {@link IllegalArgumentException} with the reason. */
    public String require(ContactChannel channel, String address) {
        return canonical(channel, address).orElseThrow(() -> new IllegalArgumentException(
                channel == ContactChannel.PHONE ? "'" + address + "' is not a valid phone number (region " + defaultRegion + ")"
                        : "'" + address + "' is not a valid email address"));
    }

    /**
     * E.164 of a number written in any common way; bare digits that are no number of the default region are
     * read as international without the '+' (447700900123 = +44 7700 900123).
     */
    public Optional<String> e164(String number) {
        String n = number.strip();
        Optional<String> local = parse(n, defaultRegion);
        if (local.isEmpty() && DIGITS.matcher(n).matches()) {
            return parse("+" + n, "ZZ");
        }
        return local;
    }

    private static Optional<String> parse(String number, String region) {
        try {
            Phonenumber.PhoneNumber n = PHONES.parse(number, region);
            return PHONES.isPossibleNumber(n) ? Optional.of(PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164)) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    public static Optional<String> email(String address) {
        String a = address.strip().toLowerCase(Locale.ROOT);
        return EMAIL.matcher(a).matches() ? Optional.of(a) : Optional.empty();
    }
}
