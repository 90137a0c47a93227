package org.opendialer.acd.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opendialer.acd.agents.AgentCredentials;
import org.opendialer.store.testing.ManualClock;
import org.opendialer.store.testing.TestDb;

/** The ACD over the embedded PostgreSQL, in virtual time: offers, no-answer, wrap-up, relaxation, overflow, abandons. */
class QueueRouterTest {

    final DataSource db = TestDb.dataSource();
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-02T10:00:00Z"));
    final QueueStore queues = new QueueStore(db, clock);
    final AgentStore agents = new AgentStore(db, clock, new AgentCredentials(db, "dialer.test"));
    final NamedStore skills = NamedStore.skills(db, clock);
    final NamedStore codes = NamedStore.wrapupCodes(db, clock);
    final QueueRouter router = new QueueRouter(db, clock);

    static String unique(String s) {
        return s + "-" + UUID.randomUUID();
    }

    Queue queue(Queue.Settings s) {
        return queues.create(s);
    }

    UUID availableAgent(Queue q, Object... skillAndProficiency) {
        Agent a = agents.create(unique("agent"), null, null, null);
        for (int i = 0; i < skillAndProficiency.length; i += 2) {
            agents.setSkill(a.id(), (UUID) skillAndProficiency[i], (Integer) skillAndProficiency[i + 1]);
        }
        agents.join(q.id(), List.of(a.id()));
        agents.request(a.id(), AgentState.AVAILABLE, null);
        clock.advance(Duration.ofSeconds(1)); // distinct idle times: the first made is the longest idle
        return a.id();
    }

    @Test
    void anOfferRingsAndAnUnansweredAlertSendsTheInteractionBackInItsPlace() {
        Queue q = queue(Queue.Settings.named(unique("q")).withTimers(0, 8, 60));
        UUID first = router.enqueue(q.id(), null, Set.of());
        clock.advance(Duration.ofSeconds(1));
        UUID second = router.enqueue(q.id(), null, Set.of());
        UUID a = availableAgent(q);

        assertThat(router.tick()).containsExactly(new RoutingDecision.Offer(first, a));
        Agent alerted = agents.get(a);
        assertThat(alerted.state()).isEqualTo(AgentState.ALERTING);
        assertThat(alerted.interactionId()).isEqualTo(first);
        assertThat(alerted.stateUntil()).isEqualTo(clock.instant().plusSeconds(8));

        clock.advance(Duration.ofSeconds(7));
        router.tick();
        assertThat(agents.get(a).state()).isEqualTo(AgentState.ALERTING);
        clock.advance(Duration.ofSeconds(1));
        router.tick();
        assertThat(agents.get(a).state()).isEqualTo(AgentState.NOT_RESPONDING);
        Interaction back = router.interaction(first);
        assertThat(back.state()).isEqualTo("WAITING");
        assertThat(back.offerCount()).isEqualTo(1);

        // the next agent gets the first interaction again: its place was kept
        UUID b = availableAgent(q);
        assertThat(router.tick()).containsExactly(new RoutingDecision.Offer(first, b));
        assertThat(router.interaction(second).state()).isEqualTo("WAITING");
    }

    @Test
    void answerHangUpAndWrapUpWithinTheTimeLimit() {
        Queue q = queue(Queue.Settings.named(unique("q")).withTimers(0, 8, 30));
        Named code = codes.create(unique("resolved"));
        UUID i1 = router.enqueue(q.id(), null, Set.of());
        UUID a = availableAgent(q);
        router.tick();
        router.answered(a);
        assertThat(agents.get(a).state()).isEqualTo(AgentState.ON_CALL);
        assertThat(router.interaction(i1).state()).isEqualTo("CONNECTED");
        router.hungUp(a);
        assertThat(agents.get(a).state()).isEqualTo(AgentState.WRAP_UP);
        assertThat(router.interaction(i1).state()).isEqualTo("ENDED");
        router.wrapUp(a, code.id(), "refund promised");
        assertThat(agents.get(a).state()).isEqualTo(AgentState.AVAILABLE);
        assertThat(router.interaction(i1).wrapupCodeId()).isEqualTo(code.id());
        assertThat(router.interaction(i1).wrapupNotes()).isEqualTo("refund promised");

        // a wrap-up left open ends at the queue's limit
        UUID i2 = router.enqueue(q.id(), null, Set.of());
        router.tick();
        router.answered(a);
        router.hungUp(a);
        clock.advance(Duration.ofSeconds(29));
        router.tick();
        assertThat(agents.get(a).state()).isEqualTo(AgentState.WRAP_UP);
        clock.advance(Duration.ofSeconds(1));
        router.tick();
        Agent back = agents.get(a);
        assertThat(back.state()).isEqualTo(AgentState.AVAILABLE);
        assertThat(back.idleSince()).isEqualTo(clock.instant());
        assertThat(router.interaction(i2).state()).isEqualTo("ENDED");
    }

    @Test
    void anAgentOnACallCannotGoOfflineOrBeOfferedAgain() {
        Queue q = queue(Queue.Settings.named(unique("q")));
        router.enqueue(q.id(), null, Set.of());
        UUID a = availableAgent(q);
        router.tick();
        router.answered(a);
        assertThatThrownBy(() -> agents.request(a, AgentState.OFFLINE, null)).isInstanceOf(AgentState.IllegalTransition.class);
        router.enqueue(q.id(), null, Set.of());
        assertThat(router.tick()).isEmpty();
        assertThatThrownBy(() -> agents.request(a, AgentState.ON_CALL, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void skillsAreRequiredThenRelaxAfterTheQueuesWait() {
        Named gold = skills.create(unique("gold"));
        Named billing = skills.create(unique("billing"));
        Queue q = queue(Queue.Settings.named(unique("q")).withRelaxation(60, Set.of(gold.id())));
        UUID billingOnly = availableAgent(q, billing.id(), 3);
        UUID i = router.enqueue(q.id(), null, Set.of(gold.id(), billing.id()));
        assertThat(router.tick()).isEmpty();
        clock.advance(Duration.ofSeconds(59));
        assertThat(router.tick()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(router.tick()).containsExactly(new RoutingDecision.Offer(i, billingOnly));
    }

    @Test
    void priorityAndProficiencyDecideAmongWaitingAndEquallyIdleAgents() {
        Named spanish = skills.create(unique("es"));
        Queue q = queue(Queue.Settings.named(unique("q")).withTimers(1, 8, 60));
        UUID low = router.enqueue(q.id(), null, Set.of(spanish.id()));
        clock.advance(Duration.ofSeconds(1));
        UUID vip = router.enqueue(q.id(), 9, Set.of(spanish.id()));
        assertThat(router.interaction(low).priority()).isEqualTo(1);
        UUID a = availableAgent(q, spanish.id(), 2);
        assertThat(router.tick()).containsExactly(new RoutingDecision.Offer(vip, a));
    }

    @Test
    void aTimedOutInteractionOverflowsToAnotherQueueOrAFlow() {
        Queue spill = queue(Queue.Settings.named(unique("spill")));
        Queue toQueue = queue(Queue.Settings.named(unique("q")).withTimeout(120, spill.id(), null));
        Queue toFlow = queue(Queue.Settings.named(unique("q")).withTimeout(120, null, "after-hours-flow"));
        Queue nowhere = queue(Queue.Settings.named(unique("q")).withTimeout(120, null, null));
        UUID i1 = router.enqueue(toQueue.id(), null, Set.of());
        UUID i2 = router.enqueue(toFlow.id(), null, Set.of());
        UUID i3 = router.enqueue(nowhere.id(), null, Set.of());
        clock.advance(Duration.ofSeconds(119));
        router.tick();
        assertThat(router.interaction(i1).queueId()).isEqualTo(toQueue.id());
        clock.advance(Duration.ofSeconds(1));
        router.tick();
        Interaction moved = router.interaction(i1);
        assertThat(moved.queueId()).isEqualTo(spill.id());
        assertThat(moved.state()).isEqualTo("WAITING");
        assertThat(moved.enqueuedAt()).isEqualTo(clock.instant());
        assertThat(router.interaction(i2).state()).isEqualTo("OVERFLOWED");
        assertThat(router.interaction(i2).overflowFlowId()).isEqualTo("after-hours-flow");
        assertThat(router.interaction(i3).state()).isEqualTo("TIMED_OUT");
        // and the spill queue's agent takes it
        UUID a = availableAgent(spill);
        assertThat(router.tick()).containsExactly(new RoutingDecision.Offer(i1, a));
    }

    @Test
    void abandonsAreCountedAndAnAlertedAgentIsFreed() {
        Queue q = queue(Queue.Settings.named(unique("q")));
        UUID waiting = router.enqueue(q.id(), null, Set.of());
        clock.advance(Duration.ofSeconds(5));
        UUID later = router.enqueue(q.id(), null, Set.of());
        assertThat(router.stats(q.id()).longestWaitSeconds()).isEqualTo(5);
        router.abandoned(waiting);
        UUID a = availableAgent(q);
        router.tick();
        router.abandoned(later);
        assertThat(agents.get(a).state()).isEqualTo(AgentState.AVAILABLE);
        QueueStats stats = router.stats(q.id());
        assertThat(stats.abandoned()).isEqualTo(2);
        assertThat(stats.waiting()).isZero();
        assertThat(stats.membersByState()).containsEntry(AgentState.AVAILABLE, 1);
        assertThatThrownBy(() -> router.abandoned(later)).isInstanceOf(Conflict.class);
    }
}
