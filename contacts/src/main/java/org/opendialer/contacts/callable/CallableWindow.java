package org.opendialer.contacts.callable;

import java.time.DayOfWeek;
import java.time.LocalTime;

/**
 * Calls are allowed on {@code day} from {@code start} (inclusive) to {@code stop} (exclusive), in the contact's
 * local time. A window does not cross midnight: split it into two days.
 */
public record CallableWindow(DayOfWeek day, LocalTime start, LocalTime stop) {
    public CallableWindow {
        if (day == null || start == null || stop == null) {
            throw new IllegalArgumentException("callableTimes: day, startTime and stopTime are required");
        }
        if (!start.isBefore(stop)) {
            throw new IllegalArgumentException("callableTimes: startTime " + start + " must be before stopTime " + stop
                    + " (a window does not cross midnight; split it into two days)");
        }
    }

    boolean contains(DayOfWeek d, LocalTime t) {
        return d == day && !t.isBefore(start) && t.isBefore(stop);
    }
}
