package org.opendialer.contacts.callable;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * When contacts may be called, in their own local time: weekday windows, minus whole blocked dates (holidays).
 * A contact with no window on a day is not called that day.
 */
public record CallableTimeSet(UUID id, String name, List<CallableWindow> windows, SortedSet<LocalDate> blockedDates,
                              Instant dateCreated, Instant dateModified, int version) {
    public CallableTimeSet {
        windows = List.copyOf(windows);
        blockedDates = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(blockedDates));
    }

    /** A set not stored yet (id, dates and version are given by the store). */
    public static CallableTimeSet draft(String name, List<CallableWindow> windows, java.util.Collection<LocalDate> blockedDates) {
        return new CallableTimeSet(null, name, windows, new TreeSet<>(blockedDates), null, null, 0);
    }

    /** True when {@code local} (a wall-clock time in the contact's zone) falls in a window on a date not blocked. */
    public boolean allows(ZonedDateTime local) {
        if (blockedDates.contains(local.toLocalDate())) {
            return false;
        }
        return windows.stream().anyMatch(w -> w.contains(local.getDayOfWeek(), local.toLocalTime()));
    }
}
