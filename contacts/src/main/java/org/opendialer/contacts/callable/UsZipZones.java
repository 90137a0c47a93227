package org.opendialer.contacts.callable;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Time zones of US ZIP codes by their first three digits (the sectional centre), from the USPS prefix ranges of
 * each state. No library we keep maps postal codes to zones (libphonenumber maps phone numbers only), so this is
 * a small table of our own. It is coarse on purpose: where a state spans two zones (Florida's panhandle,
 * Tennessee, Kentucky, Indiana, Michigan's Upper Peninsula, the Dakotas, Nebraska, Kansas, west Texas, Idaho,
 * Oregon) the prefix gives both, and callable hours then use the overlap of their windows, which can only make a
 * call later, never outside the contact's hours. Military (APO/FPO) prefixes map to nothing.
 */
public final class UsZipZones {

    private static final Pattern ZIP = Pattern.compile("^(\\d{3})\\d{2}(-?\\d{4})?$");
    private static final String E = "America/New_York", C = "America/Chicago", M = "America/Denver",
            P = "America/Los_Angeles";
    /** First prefix of a range to its zones; a range runs to the next key. */
    private static final TreeMap<Integer, List<ZoneId>> RANGES = new TreeMap<>();

    static {
        range(0, (String[]) null);       // unused prefixes 000-004
        range(5, E);                     // NY (Holtsville)
        range(6, "America/Puerto_Rico"); // PR, VI
        range(10, E);                    // MA RI NH ME VT CT NJ
        range(90, (String[]) null);      // APO/FPO Europe
        range(100, E);                   // NY PA DE DC MD VA WV NC SC GA
        range(320, E);                   // FL
        range(324, E, C);                // FL panhandle
        range(326, E);
        range(350, C);                   // AL
        range(370, E, C);                // TN
        range(386, C);                   // MS
        range(398, E);                   // GA
        range(400, E, C);                // KY
        range(430, E);                   // OH
        range(460, E, C);                // IN
        range(480, E);                   // MI
        range(498, E, C);                // MI Upper Peninsula
        range(500, C);                   // IA WI MN
        range(569, E);                   // DC (federal)
        range(570, C, M);                // SD ND
        range(590, M);                   // MT
        range(600, C);                   // IL MO
        range(660, C, M);                // KS NE
        range(700, C);                   // LA AR OK TX
        range(798, M);                   // TX El Paso
        range(800, M);                   // CO WY
        range(832, M, P);                // ID
        range(840, M);                   // UT
        range(850, "America/Phoenix");   // AZ (no DST)
        range(870, M);                   // NM
        range(889, P);                   // NV CA
        range(962, (String[]) null);     // APO/FPO Pacific
        range(967, "Pacific/Honolulu");  // HI
        range(969, "Pacific/Guam");      // GU, MP
        range(970, P, M);                // OR
        range(980, P);                   // WA
        range(995, "America/Anchorage"); // AK
    }

    private UsZipZones() {
    }

    private static void range(int from, String... zones) {
        RANGES.put(from, zones == null ? List.of() : java.util.Arrays.stream(zones).map(ZoneId::of).toList());
    }

    /** Zones of a ZIP or ZIP+4 code; empty when it is none or its prefix maps to no zone. */
    public static List<ZoneId> zones(String postalCode) {
        if (postalCode == null) {
            return List.of();
        }
        var m = ZIP.matcher(postalCode.strip());
        if (!m.matches()) {
            return List.of();
        }
        return Optional.ofNullable(RANGES.floorEntry(Integer.parseInt(m.group(1)))).map(e -> e.getValue()).orElse(List.of());
    }
}
