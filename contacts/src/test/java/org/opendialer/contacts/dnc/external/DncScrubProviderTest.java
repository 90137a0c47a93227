package org.opendialer.contacts.dnc.external;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendialer.contacts.dnc.external.ExternalDnc.Verdict;
import org.opendialer.contacts.testing.DncComStandIn;
import org.opendialer.store.testing.ManualClock;

/** The DNC.com Scrub API adapter, its cache and its circuit breaker against a local stand-in (loopback HTTP). */
class DncScrubProviderTest {

    final DncComStandIn standIn = new DncComStandIn();

    DncScrubProviderTest() {
        standIn.codes.putAll(Map.of("5039367187", "D", "7075276405", "C", "7072842774", "W", "5035550100", "L"));
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    DncScrubProvider provider(Duration budget) {
        return new DncScrubProvider(HttpClient.newHttpClient(), standIn.base(), "key-123", budget);
    }

    @Test
    void cleanAndWirelessMayBeDialedEveryOtherCodeIsBlockedAndForeignNumbersAreNotAsked() {
        Map<String, Verdict> v = provider(Duration.ofSeconds(10)).scrub(
                List.of("+15039367187", "+17075276405", "+17072842774", "+15035550100", "+442079460958"));
        assertThat(v).containsExactly(Map.entry("+15039367187", Verdict.BLOCKED), Map.entry("+17075276405", Verdict.DIALABLE),
                Map.entry("+17072842774", Verdict.DIALABLE), Map.entry("+15035550100", Verdict.BLOCKED),
                Map.entry("+442079460958", Verdict.UNKNOWN));
        assertThat(standIn.requests).singleElement().satisfies(r -> {
            assertThat(r.path("version").asText()).isEqualTo("5");
            assertThat(r.path("output").asText()).isEqualTo("json");
            assertThat(List.of(r.path("phoneList").asText().split(","))).containsExactlyInAnyOrder(
                    "5039367187", "7075276405", "7072842774", "5035550100");
        });
        assertThat(standIn.keys).containsExactly("key-123");
    }

    @Test
    void aLateOrFailedScrubLeavesEveryNumberAskedDownSoNoneIsDialed() {
        standIn.behave(DncComStandIn.Behaviour.HANG);
        Map<String, Verdict> late = provider(Duration.ofMillis(300)).scrub(List.of("+17075276405", "+442079460958"));
        assertThat(late).containsExactly(Map.entry("+17075276405", Verdict.DOWN), Map.entry("+442079460958", Verdict.UNKNOWN));
        assertThat(late.get("+17075276405").mayDial()).isFalse();
        standIn.behave(DncComStandIn.Behaviour.FAIL);
        assertThat(provider(Duration.ofSeconds(10)).scrub(List.of("+17075276405"))).containsEntry("+17075276405", Verdict.DOWN);
    }

    @Test
    void theCacheAnswersClearVerdictsUntilTheyExpireAndNeverRemembersADownProvider() {
        ManualClock clock = new ManualClock(Instant.parse("2026-06-01T00:00:00Z"));
        CachedDnc cached = new CachedDnc(provider(Duration.ofSeconds(10)), Duration.ofHours(24), 1000, clock);
        assertThat(cached.scrub(List.of("+15039367187", "+17075276405"))).containsValues(Verdict.BLOCKED, Verdict.DIALABLE);
        assertThat(cached.scrub(List.of("+15039367187", "+17075276405"))).containsValues(Verdict.BLOCKED, Verdict.DIALABLE);
        assertThat(standIn.requests).hasSize(1);
        clock.advance(Duration.ofHours(25));
        standIn.behave(DncComStandIn.Behaviour.FAIL);
        assertThat(cached.scrub(List.of("+17075276405"))).containsEntry("+17075276405", Verdict.DOWN);
        standIn.behave(DncComStandIn.Behaviour.ANSWER);
        assertThat(cached.scrub(List.of("+17075276405"))).containsEntry("+17075276405", Verdict.DIALABLE);
        assertThat(standIn.requests).as("expired, then the down answer was not kept").hasSize(3);
    }

    @Test
    void aDownProviderIsLeftAloneForItsBackOffThenProbedOnceAndTheBackOffDoublesWhileItStaysDown() {
        ManualClock clock = new ManualClock(Instant.parse("2026-06-01T00:00:00Z"));
        ProviderBreaker breaker = new ProviderBreaker(provider(Duration.ofSeconds(10)), Duration.ofSeconds(15),
                Duration.ofSeconds(40), clock);
        standIn.behave(DncComStandIn.Behaviour.FAIL);
        assertThat(breaker.scrub(List.of("+17075276405"))).containsEntry("+17075276405", Verdict.DOWN);
        assertThat(breaker.state()).isEqualTo(ProviderBreaker.State.OPEN);
        assertThat(breaker.downUntil()).contains(clock.instant().plusSeconds(15));

        standIn.behave(DncComStandIn.Behaviour.ANSWER);
        clock.advance(Duration.ofSeconds(14));
        assertThat(breaker.scrub(List.of("+17075276405"))).as("backed off: not asked, even though it is up again")
                .containsEntry("+17075276405", Verdict.DOWN);
        assertThat(standIn.requests).hasSize(1);

        standIn.behave(DncComStandIn.Behaviour.FAIL);
        clock.advance(Duration.ofSeconds(1));
        breaker.scrub(List.of("+17075276405"));
        assertThat(standIn.requests).as("one probe when the back-off is over").hasSize(2);
        assertThat(breaker.downUntil()).as("the probe failed: twice as long").contains(clock.instant().plusSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        breaker.scrub(List.of("+17075276405"));
        assertThat(breaker.downUntil()).as("capped").contains(clock.instant().plusSeconds(40));

        standIn.behave(DncComStandIn.Behaviour.ANSWER);
        clock.advance(Duration.ofSeconds(40));
        assertThat(breaker.scrub(List.of("+17075276405"))).containsEntry("+17075276405", Verdict.DIALABLE);
        assertThat(breaker.state()).isEqualTo(ProviderBreaker.State.CLOSED);
        assertThat(breaker.downUntil()).isEmpty();
        assertThat(standIn.requests).hasSize(4);
    }

    @Test
    void theBreakersTransitionTableAllowsOnlyItsEdges() {
        assertThat(ProviderBreaker.State.CLOSED.on(ProviderBreaker.Event.FAILED)).isEqualTo(ProviderBreaker.State.OPEN);
        assertThat(ProviderBreaker.State.OPEN.on(ProviderBreaker.Event.SUCCEEDED)).isNull();
        assertThat(ProviderBreaker.State.OPEN.on(ProviderBreaker.Event.BACK_OFF_OVER)).isEqualTo(ProviderBreaker.State.PROBING);
        assertThat(ProviderBreaker.State.PROBING.on(ProviderBreaker.Event.FAILED)).isEqualTo(ProviderBreaker.State.OPEN);
        assertThat(ProviderBreaker.State.PROBING.on(ProviderBreaker.Event.SUCCEEDED)).isEqualTo(ProviderBreaker.State.CLOSED);
    }
}
