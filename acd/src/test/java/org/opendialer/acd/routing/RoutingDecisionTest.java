package org.opendialer.acd.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opendialer.acd.routing.RoutingDecision.Idle;
import org.opendialer.acd.routing.RoutingDecision.Offer;
import org.opendialer.acd.routing.RoutingDecision.Relaxation;
import org.opendialer.acd.routing.RoutingDecision.Waiting;

/** The routing rule on plain values, with a fixed "now". */
class RoutingDecisionTest {

    static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    static final UUID Q = id(1), Q2 = id(2);
    static final UUID SPANISH = id(10), BILLING = id(11), GOLD = id(12);

    static UUID id(int n) {
        return new UUID(0, n);
    }

    static Waiting call(int n, int priority, int waitedSeconds, UUID... skills) {
        return new Waiting(id(100 + n), Q, priority, T0.minusSeconds(waitedSeconds), Set.of(skills));
    }

    static Idle agent(int n, int idleSeconds, Map<UUID, Integer> skills) {
        return new Idle(id(200 + n), T0.minusSeconds(idleSeconds), skills, Set.of(Q));
    }

    @Test
    void highestPriorityThenLongestWaitingIsServedFirst() {
        List<Waiting> w = List.of(call(1, 0, 300), call(2, 5, 10), call(3, 5, 20));
        List<Offer> offers = RoutingDecision.decide(w, List.of(agent(1, 60, Map.of())), Map.of(), T0);
        assertThat(offers).containsExactly(new Offer(id(103), id(201)));
    }

    @Test
    void longestIdleAgentHoldingEverySkillGetsIt() {
        Idle spanishOnly = agent(1, 500, Map.of(SPANISH, 5));
        Idle both = agent(2, 100, Map.of(SPANISH, 1, BILLING, 1));
        Idle bothLonger = agent(3, 200, Map.of(SPANISH, 2, BILLING, 2));
        List<Offer> offers = RoutingDecision.decide(List.of(call(1, 0, 5, SPANISH, BILLING)),
                List.of(spanishOnly, both, bothLonger), Map.of(), T0);
        assertThat(offers).containsExactly(new Offer(id(101), id(203)));
    }

    @Test
    void equallyIdleAgentsAreSplitByProficiency() {
        Idle low = agent(1, 100, Map.of(BILLING, 2));
        Idle high = agent(2, 100, Map.of(BILLING, 5));
        assertThat(RoutingDecision.decide(List.of(call(1, 0, 5, BILLING)), List.of(low, high), Map.of(), T0))
                .containsExactly(new Offer(id(101), id(202)));
    }

    @Test
    void noAgentWithTheSkillsMeansNoOfferAndAnAgentTakesOneOfferAtMost() {
        Idle a = agent(1, 100, Map.of(BILLING, 3));
        assertThat(RoutingDecision.decide(List.of(call(1, 0, 5, GOLD)), List.of(a), Map.of(), T0)).isEmpty();
        assertThat(RoutingDecision.decide(List.of(call(1, 0, 5), call(2, 0, 4)), List.of(a), Map.of(), T0))
                .containsExactly(new Offer(id(101), id(201)));
    }

    @Test
    void agentsOfOtherQueuesAreNotOffered() {
        Idle elsewhere = new Idle(id(201), T0.minusSeconds(100), Map.of(), Set.of(Q2));
        assertThat(RoutingDecision.decide(List.of(call(1, 0, 5)), List.of(elsewhere), Map.of(), T0)).isEmpty();
    }

    @Test
    void skillsRelaxAfterTheConfiguredWait() {
        Idle billing = agent(1, 100, Map.of(BILLING, 3));
        Map<UUID, Relaxation> all = Map.of(Q, new Relaxation(Duration.ofSeconds(30), Set.of()));
        assertThat(RoutingDecision.decide(List.of(call(1, 0, 29, GOLD)), List.of(billing), all, T0)).isEmpty();
        assertThat(RoutingDecision.decide(List.of(call(1, 0, 30, GOLD)), List.of(billing), all, T0)).hasSize(1);

        // only GOLD relaxes: BILLING stays required
        Map<UUID, Relaxation> gold = Map.of(Q, new Relaxation(Duration.ofSeconds(30), Set.of(GOLD)));
        Idle spanish = agent(2, 900, Map.of(SPANISH, 5));
        assertThat(RoutingDecision.decide(List.of(call(1, 0, 60, GOLD, BILLING)), List.of(spanish, billing), gold, T0))
                .containsExactly(new Offer(id(101), id(201)));
    }

    @Test
    void manySkillsBeyondOneWordStillMatchExactly() {
        java.util.Map<UUID, Integer> many = new java.util.HashMap<>();
        for (int i = 0; i < 130; i++) {
            many.put(id(1000 + i), 1);
        }
        Idle wide = agent(1, 10, many);
        Idle narrow = agent(2, 500, Map.of(id(1129), 4));
        assertThat(RoutingDecision.decide(List.of(call(1, 0, 5, id(1129), id(1000))), List.of(narrow, wide), Map.of(), T0))
                .containsExactly(new Offer(id(101), id(201)));
    }
}
