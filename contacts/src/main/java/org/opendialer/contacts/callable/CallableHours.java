package org.opendialer.contacts.callable;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Whether, and from when, a contact may be called under one callable time set. Pure: no I/O, time from the
 * injected {@link Clock} only for the "now" forms. A contact with several candidate zones (several phone numbers,
 * a ZIP prefix spanning two zones) is callable only when every zone's local time is callable: the overlap.
 */
public final class CallableHours {

    /** How far {@link #nextCallableAt} looks ahead (a set whose windows are all blocked has no next time). */
    static final int HORIZON_DAYS = 400;

    private final CallableTimeSet set;
    private final UnknownZone unknown;
    private final ContactZones zones;
    private final Clock clock;

    public CallableHours(CallableTimeSet set, UnknownZone unknown, ContactZones zones, Clock clock) {
        this.set = set;
        this.unknown = unknown;
        this.zones = zones;
        this.clock = clock;
    }

    /**
     * The decision with its reason, for the decision log.
     *
     * @param zones the zones used (empty when unknown and skipped)
     */
    public record Verdict(boolean callable, List<ZoneId> zones, String reason) {
    }

    public Verdict decide(CallableContact contact, Instant at) {
        List<ZoneId> zs = zonesFor(contact);
        if (zs.isEmpty()) {
            return new Verdict(false, zs, "time zone unknown (no zone column, postal code or placeable phone number); the campaign skips such contacts");
        }
        for (ZoneId z : zs) {
            ZonedDateTime local = at.atZone(z);
            if (set.blockedDates().contains(local.toLocalDate())) {
                return new Verdict(false, zs, local.toLocalDate() + " is a blocked date in " + z);
            }
            if (!set.allows(local)) {
                return new Verdict(false, zs, "outside callable hours in " + z + " (local "
                        + local.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT) + " " + local.toLocalTime() + ")");
            }
        }
        return new Verdict(true, zs, "within callable hours in " + zs);
    }

    public boolean isCallable(CallableContact contact, Instant at) {
        return decide(contact, at).callable();
    }

    public boolean isCallableNow(CallableContact contact) {
        return isCallable(contact, clock.instant());
    }

    /**
     * The first instant at or after {@code from} when the contact is callable, or empty when there is none within
     * {@value #HORIZON_DAYS} days (or its zone is unknown and the campaign skips it). Exact across DST changes: the
     * answer is a window start in one of the zones, or the end of a DST gap that skipped over a window start.
     */
    public Optional<Instant> nextCallableAt(CallableContact contact, Instant from) {
        List<ZoneId> zs = zonesFor(contact);
        if (zs.isEmpty()) {
            return Optional.empty();
        }
        if (isCallable(contact, from)) {
            return Optional.of(from);
        }
        // look a fortnight ahead first: nearly every contact is callable within it
        for (int days : new int[] {14, HORIZON_DAYS}) {
            for (Instant t : candidates(zs, from, days)) {
                if (isCallable(contact, t)) {
                    return Optional.of(t);
                }
            }
        }
        return Optional.empty();
    }

    public Optional<Instant> nextCallableAt(CallableContact contact) {
        return nextCallableAt(contact, clock.instant());
    }

    /** Window starts and DST transitions after {@code from} in each zone, in order. */
    private TreeSet<Instant> candidates(List<ZoneId> zs, Instant from, int days) {
        TreeSet<Instant> out = new TreeSet<>();
        Instant end = from.plus(java.time.Duration.ofDays(days + 1));
        for (ZoneId z : zs) {
            LocalDate first = from.atZone(z).toLocalDate().minusDays(1);
            for (int d = 0; d <= days + 1; d++) {
                LocalDate date = first.plusDays(d);
                for (CallableWindow w : set.windows()) {
                    if (w.day() == date.getDayOfWeek()) {
                        Instant t = ZonedDateTime.of(date, w.start(), z).toInstant();
                        if (t.isAfter(from)) {
                            out.add(t);
                        }
                    }
                }
            }
            ZoneOffsetTransition tr = z.getRules().nextTransition(from);
            while (tr != null && tr.getInstant().isBefore(end)) {
                out.add(tr.getInstant());
                tr = z.getRules().nextTransition(tr.getInstant());
            }
        }
        return out;
    }

    private List<ZoneId> zonesFor(CallableContact contact) {
        List<ZoneId> found = zones.zonesOf(contact).zones();
        if (!found.isEmpty()) {
            return found;
        }
        return unknown.fallback() == null ? List.of() : List.of(unknown.fallback());
    }
}
