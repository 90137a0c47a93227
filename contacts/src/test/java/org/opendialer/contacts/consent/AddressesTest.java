package org.opendialer.contacts.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The North American fast path of {@link Addresses#e164} gives what libphonenumber gives, for every spelling tried. */
class AddressesTest {

    @Test
    void theFastPathAgreesWithLibphonenumberInEveryRegionForEverySpelling() {
        List<String> regions = new ArrayList<>(PhoneNumberUtil.getInstance().getRegionCodesForCountryCode(1));
        regions.addAll(List.of("GB", "DE", "FR", "MX", "IN", "AU"));
        Random random = new Random(15);
        String[] shapes = {"%s%s%s", "(%s) %s-%s", "%s-%s-%s", "%s.%s.%s", "+1 %s %s %s", "+1 (%s) %s-%s", "+1%s%s%s",
                "1 %s %s %s", "1-%s-%s-%s", "011 %s %s %s", "+%s%s%s", "+ 1 %s-%s-%s", "((%s)) %s - %s.", "+1 %s %s %s ext 12",
                "%s %s %s x5", "+1-%s-%s-%s#", "%s/%s/%s", "+1 %s %s", "+44 %s %s %s", "+1 %s %s %s 9"};
        int fast = 0;
        for (int i = 0; i < 40_000; i++) {
            String digits = String.format("%010d", random.nextLong(10_000_000_000L));
            String shape = shapes[i % shapes.length];
            String number = String.format(shape, digits.substring(0, 3), digits.substring(3, 6), digits.substring(6));
            Addresses a = new Addresses(regions.get(i % regions.size()));
            assertThat(a.e164(number)).as(number + " in " + a.defaultRegion()).isEqualTo(a.viaLibphonenumber(number.strip()));
            if (a.northAmerican(number.strip()) != null) {
                fast++;
            }
        }
        assertThat(fast).as("the common spellings take the fast path").isGreaterThan(10_000);
        assertThat(new Addresses("US").northAmerican("(312) 555-0100")).isEqualTo("+13125550100");
        assertThat(new Addresses("US").northAmerican("+1 312 555 0100")).isEqualTo("+13125550100");
        assertThat(new Addresses("GB").northAmerican("312 555 0100")).as("not North American: libphonenumber reads it").isNull();
        assertThat(new Addresses("US").northAmerican("1 312 555 0100")).as("a national prefix: libphonenumber strips it").isNull();
    }
}
