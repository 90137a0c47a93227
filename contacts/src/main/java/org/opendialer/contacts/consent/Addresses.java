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
    /** Whether national numbers are read as North American (+1), where the common spellings have a fast path. */
    private final boolean northAmerican;

    /** @param defaultRegion ISO 3166 region for numbers written without a country code, e.g. {@code US} */
    public Addresses(String defaultRegion) {
        this.defaultRegion = defaultRegion == null || defaultRegion.isBlank() ? "US" : defaultRegion.toUpperCase(Locale.ROOT);
        this.northAmerican = PHONES.getCountryCodeForRegion(this.defaultRegion) == 1;
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
        String fast = northAmerican(n);
        return fast != null ? Optional.of(fast) : viaLibphonenumber(n);
    }

    /** {@link #e164} without the fast path. */
    Optional<String> viaLibphonenumber(String n) {
        Optional<String> local = parse(n, defaultRegion);
        if (local.isEmpty() && DIGITS.matcher(n).matches()) {
            return parse("+" + n, "ZZ");
        }
        return local;
    }

    /**
     * The E.164 of a North American number written with digits and only the usual punctuation, as libphonenumber
     * would give it, or null for any other spelling (libphonenumber then reads it). "+1" and ten digits, or ten
     * digits when the default region is North American, the first of the ten 2-9: such a number has no national
     * prefix, international prefix (011) or country code to strip and the possible length, and libphonenumber's
     * parse (an extension regex over every number) was most of an upload's CPU. AddressesTest compares the two.
     */
    String northAmerican(String n) {
        char[] digits = new char[12];
        int count = 0;
        boolean plus = !n.isEmpty() && n.charAt(0) == '+';
        for (int i = plus ? 1 : 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c >= '0' && c <= '9') {
                if (count == 11) {
                    return null;
                }
                digits[1 + count++] = c;
            } else if (c != ' ' && c != '(' && c != ')' && c != '-' && c != '.') {
                return null;
            }
        }
        digits[0] = '+';
        if (plus && count == 11 && digits[1] == '1' && digits[2] >= '2') {
            return new String(digits, 0, 12);
        }
        if (!plus && northAmerican && count == 10 && digits[1] >= '2') {
            return "+1" + new String(digits, 1, 10);
        }
        return null;
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
