package org.opendialer.sip.trunk;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Dialled numbers to E.164 with libphonenumber, using a trunk's default region for national formats. */
public final class NumberNormalizer {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private NumberNormalizer() { }

    /**
     * @param region ISO 3166 region for numbers without a country code; empty = only international formats parse
     * @throws IllegalArgumentException with a reason when the input is not a possible number
     */
    public static String toE164(String dialled, String region) {
        String reg = region == null || region.isBlank() ? "ZZ" : region;
        try {
            PhoneNumber number = UTIL.parse(dialled, reg);
            if (!UTIL.isPossibleNumber(number)) {
                throw new IllegalArgumentException("'" + dialled + "' is not a possible phone number");
            }
            return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("'" + dialled + "' is not a phone number"
                    + (reg.equals("ZZ") ? " in international format (+country code)" : " for region " + reg)
                    + ": " + e.getMessage());
        }
    }
}
