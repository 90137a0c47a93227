package org.opendialer.contacts.callable;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opendialer.store.testing.ManualClock;

/** Callable hours in the contact's local time, in virtual time: DST changes, overlaps of zones, blocked dates. */
class CallableHoursTest {

    static final ZoneId NY = ZoneId.of("America/New_York");
    static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    final ContactZones zones = new ContactZones("US");
    final ManualClock clock = new ManualClock(Instant.parse("2026-03-06T12:00:00Z"));

    static CallableTimeSet weekdays(String from, String to, LocalDate... blocked) {
        List<CallableWindow> w = new ArrayList<>();
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            w.add(new CallableWindow(d, LocalTime.parse(from), LocalTime.parse(to)));
        }
        return CallableTimeSet.draft("weekdays", w, Set.of(blocked));
    }

    CallableHours hours(CallableTimeSet set, UnknownZone unknown) {
        return new CallableHours(set, unknown, zones, clock);
    }

    static CallableContact in(String zone) {
        return new CallableContact(zone, null, List.of());
    }

    @Test
    void nineInTheMorningMovesInUtcWhenTheClocksSpringForward() {
        CallableHours h = hours(weekdays("09:00", "17:00"), UnknownZone.SKIP);
        // Monday 2 March: EST (UTC-5); Monday 9 March, the day after the change: EDT (UTC-4)
        assertThat(h.isCallable(in("America/New_York"), Instant.parse("2026-03-02T13:30:00Z"))).isFalse();
        assertThat(h.isCallable(in("America/New_York"), Instant.parse("2026-03-09T13:30:00Z"))).isTrue();
        assertThat(h.nextCallableAt(in("America/New_York"), Instant.parse("2026-03-06T22:00:00Z")))
                .contains(Instant.parse("2026-03-09T13:00:00Z"));
    }

    @Test
    void aWindowStartingInsideTheDstGapOpensWhenTheGapEnds() {
        CallableTimeSet night = CallableTimeSet.draft("night", List.of(
                new CallableWindow(DayOfWeek.SUNDAY, LocalTime.of(2, 30), LocalTime.of(4, 0))), Set.of());
        CallableHours h = hours(night, UnknownZone.SKIP);
        // 02:00-03:00 local does not exist on 8 March 2026; 03:00 EDT (07:00Z) is already inside 02:30-04:00
        assertThat(h.nextCallableAt(in("America/New_York"), Instant.parse("2026-03-07T12:00:00Z")))
                .contains(Instant.parse("2026-03-08T07:00:00Z"));
        assertThat(h.isCallable(in("America/New_York"), Instant.parse("2026-03-08T06:59:59Z"))).isFalse();
    }

    @Test
    void theRepeatedHourWhenClocksFallBackIsCallableBothTimes() {
        CallableTimeSet early = CallableTimeSet.draft("early", List.of(
                new CallableWindow(DayOfWeek.SUNDAY, LocalTime.of(1, 0), LocalTime.of(2, 0))), Set.of());
        CallableHours h = hours(early, UnknownZone.SKIP);
        assertThat(h.isCallable(in("America/New_York"), Instant.parse("2026-11-01T05:30:00Z"))).isTrue(); // 01:30 EDT
        assertThat(h.isCallable(in("America/New_York"), Instant.parse("2026-11-01T06:30:00Z"))).isTrue(); // 01:30 EST
        assertThat(h.isCallable(in("America/New_York"), Instant.parse("2026-11-01T07:00:00Z"))).isFalse(); // 02:00 EST
    }

    @Test
    void severalNumbersInSeveralZonesGiveTheOverlapOfTheirWindows() {
        CallableHours h = hours(weekdays("09:00", "17:00"), UnknownZone.SKIP);
        CallableContact both = CallableContact.ofPhones("+12125550100", "+13105550100"); // New York and Los Angeles
        assertThat(zones.zonesOf(both).zones()).containsExactlyInAnyOrder(NY, LA);
        Instant tuesday = Instant.parse("2026-01-13T16:00:00Z"); // 11:00 New York, 08:00 Los Angeles
        assertThat(h.isCallable(CallableContact.ofPhones("+12125550100"), tuesday)).isTrue();
        assertThat(h.isCallable(both, tuesday)).isFalse();
        assertThat(h.decide(both, tuesday).reason()).contains("outside callable hours in America/Los_Angeles");
        assertThat(h.nextCallableAt(both, tuesday)).contains(Instant.parse("2026-01-13T17:00:00Z"));
        assertThat(h.isCallable(both, Instant.parse("2026-01-13T22:00:00Z"))).isFalse(); // 17:00 in New York
    }

    @Test
    void theZoneColumnWinsOverThePostalCodeWhichWinsOverThePhone() {
        assertThat(zones.zonesOf(new CallableContact("Europe/Paris", "10001", List.of("+13105550100"))).zones())
                .containsExactly(ZoneId.of("Europe/Paris"));
        assertThat(zones.zonesOf(new CallableContact(null, "10001", List.of("+13105550100"))).zones()).containsExactly(NY);
        assertThat(zones.zonesOf(new CallableContact("", "90210-1234", List.of())).zones()).containsExactly(LA);
        assertThat(zones.zonesOf(new CallableContact("Not/AZone", "SW1A 1AA", List.of("+13105550100"))).zones()).containsExactly(LA);
        // a ZIP prefix of a state that spans two zones gives both: the overlap is the safe answer
        assertThat(zones.zonesOf(new CallableContact(null, "37201", List.of())).zones()).hasSize(2);
        assertThat(zones.zonesOf(new CallableContact(null, "85001", List.of())).zones()).containsExactly(ZoneId.of("America/Phoenix"));
    }

    @Test
    void anUnknownZoneIsSkippedOrCalledInTheCampaignsDefaultZone() {
        CallableContact nowhere = new CallableContact(null, null, List.of("not a number"));
        Instant noonInChicago = Instant.parse("2026-01-13T18:00:00Z");
        CallableHours skip = hours(weekdays("09:00", "17:00"), UnknownZone.SKIP);
        assertThat(skip.isCallable(nowhere, noonInChicago)).isFalse();
        assertThat(skip.nextCallableAt(nowhere, noonInChicago)).isEmpty();
        assertThat(skip.decide(nowhere, noonInChicago).reason()).contains("time zone unknown");
        CallableHours chicago = hours(weekdays("09:00", "17:00"), UnknownZone.assume(ZoneId.of("America/Chicago")));
        assertThat(chicago.isCallable(nowhere, noonInChicago)).isTrue();
    }

    @Test
    void blockedDatesAreLocalDatesAndSkipToTheNextOpenDay() {
        CallableHours h = hours(weekdays("09:00", "17:00", LocalDate.of(2026, 12, 25)), UnknownZone.SKIP);
        Instant christmasMorning = Instant.parse("2026-12-25T15:00:00Z"); // Friday 10:00 in New York
        assertThat(h.isCallable(in("America/New_York"), christmasMorning)).isFalse();
        assertThat(h.decide(in("America/New_York"), christmasMorning).reason()).contains("2026-12-25 is a blocked date");
        assertThat(h.nextCallableAt(in("America/New_York"), christmasMorning)).contains(Instant.parse("2026-12-28T14:00:00Z"));
        // already the 26th in Tokyo: not blocked there, but a Saturday
        assertThat(h.decide(in("Asia/Tokyo"), christmasMorning).reason()).contains("outside callable hours");
    }

    @Test
    void theNowFormsReadTheInjectedClock() {
        CallableHours h = hours(weekdays("09:00", "17:00"), UnknownZone.SKIP);
        clock.advance(java.time.Duration.ofHours(3)); // Friday 6 March 15:00Z = 10:00 EST
        assertThat(h.isCallableNow(in("America/New_York"))).isTrue();
        clock.advance(java.time.Duration.ofHours(8)); // 18:00 EST
        assertThat(h.isCallableNow(in("America/New_York"))).isFalse();
        assertThat(h.nextCallableAt(in("America/New_York"))).contains(Instant.parse("2026-03-09T13:00:00Z"));
    }

    @Test
    void aSetWithNoWindowHasNoNextTime() {
        CallableHours h = hours(CallableTimeSet.draft("never", List.of(), Set.of()), UnknownZone.SKIP);
        assertThat(h.nextCallableAt(in("UTC"), clock.instant())).isEmpty();
    }
}
