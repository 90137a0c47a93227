package org.opendialer.contacts.callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opendialer.contacts.Conflict;
import org.opendialer.store.testing.TestDb;

/** Callable time sets stored in PostgreSQL: windows and blocked dates round-trip, versions guard updates. */
class CallableTimeSetsTest {

    final CallableTimeSets sets = new CallableTimeSets(TestDb.dataSource());

    @Test
    void aSetRoundTripsAndUpdatesNeedTheCurrentVersion() {
        String name = "Weekdays " + UUID.randomUUID();
        CallableTimeSet created = sets.create(CallableTimeSet.draft(name, List.of(
                new CallableWindow(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 30)),
                new CallableWindow(DayOfWeek.MONDAY, LocalTime.of(14, 0), LocalTime.of(20, 0))), Set.of(LocalDate.of(2026, 12, 25))));
        assertThat(created.version()).isEqualTo(1);
        CallableTimeSet read = sets.find(created.id()).orElseThrow();
        assertThat(read.windows()).isEqualTo(created.windows());
        assertThat(read.blockedDates()).containsExactly(LocalDate.of(2026, 12, 25));

        CallableTimeSet updated = sets.update(created.id(), CallableTimeSet.draft(name, List.of(
                new CallableWindow(DayOfWeek.SATURDAY, LocalTime.of(10, 0), LocalTime.of(14, 0))), Set.of()), 1);
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.blockedDates()).isEmpty();
        assertThatThrownBy(() -> sets.update(created.id(), CallableTimeSet.draft(name, List.of(), Set.of()), 1))
                .isInstanceOf(Conflict.class).hasMessageContaining("version 2");
        assertThatThrownBy(() -> sets.create(CallableTimeSet.draft(name, List.of(), Set.of())))
                .isInstanceOf(Conflict.class).hasMessageContaining("taken");
        assertThat(sets.page(500, 1).items()).extracting(CallableTimeSet::id).contains(created.id());
        assertThat(sets.delete(created.id())).isTrue();
        assertThat(sets.find(created.id())).isEmpty();
    }

    @Test
    void aWindowMustNotCrossMidnight() {
        assertThatThrownBy(() -> new CallableWindow(DayOfWeek.FRIDAY, LocalTime.of(20, 0), LocalTime.of(2, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not cross midnight");
    }
}
