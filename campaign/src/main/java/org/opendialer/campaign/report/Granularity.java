package org.opendialer.campaign.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/** The interval of a report: 15, 30 or 60 minutes, or a day (wire names lowerCamelCase like every API enum). */
public enum Granularity {
    FIFTEEN_MINUTES(15, "fifteenMinutes"), THIRTY_MINUTES(30, "thirtyMinutes"), SIXTY_MINUTES(60, "sixtyMinutes"),
    DAY(0, "day");

    /** A report never has more rows than this: a wider range needs a coarser granularity. */
    public static final int MAX_INTERVALS = 5000;

    private final int minutes;
    private final String wire;

    Granularity(int minutes, String wire) {
        this.minutes = minutes;
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Granularity parse(String s) {
        for (Granularity g : values()) {
            if (g.wire.equals(s)) {
                return g;
            }
        }
        throw new IllegalArgumentException("granularity: one of fifteenMinutes, thirtyMinutes, sixtyMinutes, day, not " + s);
    }

    /**
     * The interval starts covering [from, to): the first is {@code from} rounded down to the interval in
     * {@code zone} (a day starts at local midnight, so a day of a DST change has 23 or 25 hours), the last ends at
     * or after {@code to}. The list carries one more element, the end of the last interval.
     */
    public List<Instant> bounds(Instant from, Instant to, ZoneId zone) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from: must be before to");
        }
        ZonedDateTime t = floor(from.atZone(zone));
        List<Instant> out = new ArrayList<>();
        out.add(t.toInstant());
        while (t.toInstant().isBefore(to)) {
            t = this == DAY ? t.plusDays(1) : t.plus(Duration.ofMinutes(minutes));
            out.add(t.toInstant());
            if (out.size() > MAX_INTERVALS + 1) {
                throw new IllegalArgumentException("from, to: more than " + MAX_INTERVALS + " intervals of " + wire
                        + "; narrow the range or take a coarser granularity");
            }
        }
        return out;
    }

    private ZonedDateTime floor(ZonedDateTime t) {
        if (this == DAY) {
            return LocalDate.from(t).atStartOfDay(t.getZone());
        }
        ZonedDateTime hour = t.withMinute(0).withSecond(0).withNano(0);
        return hour.plusMinutes((long) (t.getMinute() / minutes) * minutes);
    }
}
