package org.opendialer.amd.progress;

import static org.opendialer.amd.progress.CallProgressTone.BUSY;
import static org.opendialer.amd.progress.CallProgressTone.FAX_CED;
import static org.opendialer.amd.progress.CallProgressTone.FAX_CNG;
import static org.opendialer.amd.progress.CallProgressTone.MODEM;
import static org.opendialer.amd.progress.CallProgressTone.REORDER;
import static org.opendialer.amd.progress.CallProgressTone.RINGBACK;
import static org.opendialer.amd.progress.ToneDefinition.cadenced;
import static org.opendialer.amd.progress.ToneDefinition.steady;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Call-progress tones per country, in the spirit of Asterisk's indications.conf. SIT is not in the table: it is
 * the same everywhere and has its own detector ({@link SitToneDetector}).
 *
 * <ul>
 *   <li>US (ANSI T1.401): ringback 440+480 Hz 2 s on / 4 s off; busy 480+620 Hz 0.5/0.5 s; reorder 480+620 Hz
 *       0.25/0.25 s.</li>
 *   <li>UK (SIN 350): ringback 400+450 Hz 0.4/0.2/0.4/2.0 s; busy 400 Hz 0.375/0.375 s; congestion 400 Hz
 *       0.4/0.35/0.225/0.525 s.</li>
 *   <li>EU (ETSI TR 101 041 common values): ringback 425 Hz 1/4 s; busy 425 Hz 0.5/0.5 s; congestion 425 Hz
 *       0.25/0.25 s.</li>
 *   <li>Everywhere: fax CNG 1100 Hz 0.5/3 s, CED/ANS 2100 Hz steady, modem answer 2225 Hz steady.</li>
 * </ul>
 */
public final class CountryToneTable {

    /** Countries with a table. */
    public static final List<String> COUNTRIES = List.of("US", "UK", "EU");

    private CountryToneTable() {
    }

    /**
     * Definitions for the given countries plus the international fax and modem tones.
     *
     * @param countries comma-separated, case-insensitive, e.g. {@code "US,UK"}
     * @throws IllegalArgumentException naming an unknown country
     */
    public static List<ToneDefinition> forCountries(String countries) {
        List<ToneDefinition> defs = new ArrayList<>();
        for (String raw : countries.split(",")) {
            String c = raw.trim().toUpperCase(Locale.ROOT);
            switch (c) {
                case "US" -> {
                    defs.add(cadenced(RINGBACK, c, hz(440, 480), 1, 2000, 4000));
                    defs.add(cadenced(BUSY, c, hz(480, 620), 2, 500, 500));
                    defs.add(cadenced(REORDER, c, hz(480, 620), 2, 250, 250));
                }
                case "UK", "GB" -> {
                    defs.add(cadenced(RINGBACK, "UK", hz(400, 450), 2, 400, 200, 400, 2000));
                    defs.add(cadenced(BUSY, "UK", hz(400), 2, 375, 375));
                    defs.add(cadenced(REORDER, "UK", hz(400), 2, 400, 350, 225, 525));
                }
                case "EU" -> {
                    defs.add(cadenced(RINGBACK, c, hz(425), 1, 1000, 4000));
                    defs.add(cadenced(BUSY, c, hz(425), 2, 500, 500));
                    defs.add(cadenced(REORDER, c, hz(425), 2, 250, 250));
                }
                case "" -> { }
                default -> throw new IllegalArgumentException("no tone table for country: " + raw.trim());
            }
        }
        defs.add(cadenced(FAX_CNG, "*", hz(1100), 1, 500, 3000));
        defs.add(steady(FAX_CED, "*", 2100, 700));
        defs.add(steady(MODEM, "*", 2225, 700));
        return List.copyOf(defs);
    }

    private static double[] hz(double... f) {
        return f;
    }
}
