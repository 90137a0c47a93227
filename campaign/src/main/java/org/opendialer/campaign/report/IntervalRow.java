package org.opendialer.campaign.report;

import java.time.Instant;

/**
 * One interval of a campaign report, summed over the campaigns asked for (Genesys' "dialer campaign success
 * outcomes"): dials (attempts placed), contacts (live answers) and abandons (live answers no agent took within 2 s).
 */
public record IntervalRow(Instant start, Instant end, long dials, long contacts, long abandons) {

    /** Contacts per dial in percent, null without dials. */
    public Double contactRate() {
        return ratio(contacts, dials);
    }

    /** Abandons per dial in percent, null without dials. */
    public Double abandonsPerDial() {
        return ratio(abandons, dials);
    }

    /** Abandons per contact in percent (the rate the campaign's abandon target limits), null without contacts. */
    public Double abandonRate() {
        return ratio(abandons, contacts);
    }

    IntervalRow plus(IntervalRow o) {
        return new IntervalRow(start.isBefore(o.start) ? start : o.start, end.isAfter(o.end) ? end : o.end,
                dials + o.dials, contacts + o.contacts, abandons + o.abandons);
    }

    private static Double ratio(long n, long d) {
        return d == 0 ? null : 100.0 * n / d;
    }
}
