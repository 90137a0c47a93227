package org.opendialer.acd.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opendialer.acd.agents.AgentCredentials;
import org.opendialer.store.testing.ManualClock;
import org.opendialer.store.testing.TestDb;

/** The call side's rows over the embedded PostgreSQL in virtual time: several nodes, requests, places. */
class CallInteractionsTest {

    final DataSource db = TestDb.dataSource();
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T10:00:00Z"));
    final QueueStore queues = new QueueStore(db, clock);
    final AgentStore agents = new AgentStore(db, clock, new AgentCredentials(db, "dialer.test"));
    final QueueRouter router = new QueueRouter(db, clock);
    final CallInteractions calls = new CallInteractions(db, clock);

    static String unique(String s) {
        return s + "-" + UUID.randomUUID();
    }

    UUID call(Queue q, String node) {
        UUID id = calls.enqueue(q.id(), null, Set.of(), new CallInteractions.Call(unique("call"), "+14155550100",
                "+15550001000", Map.of("crmId", "7"), node));
        clock.advance(Duration.ofMillis(10));
        return id;
    }

    UUID available(Queue q) {
        Agent a = agents.create(unique("agent"), null, null, null);
        agents.join(q.id(), List.of(a.id()));
        agents.request(a.id(), AgentState.AVAILABLE, null);
        clock.advance(Duration.ofSeconds(1));
        return a.id();
    }

    @Test
    void aSilentNodesCallsAreClosedByAnotherNodeAndItsAgentsFreed() {
        String a = unique("node-a");
        String b = unique("node-b");
        calls.heartbeat(a);
        calls.heartbeat(b);
        Queue q = queues.create(Queue.Settings.named(unique("q")).withTimers(0, 60, 120));
        UUID connected = call(q, a);
        UUID offered = call(q, a);
        UUID waiting = call(q, a);
        UUID alive = call(queues.create(Queue.Settings.named(unique("q"))), b);
        UUID x = available(q);
        UUID y = available(q);
        router.tick();
        router.answered(x);
        assertThat(router.interaction(offered).state()).isEqualTo("OFFERED");

        clock.advance(Duration.ofSeconds(20));
        calls.heartbeat(b);
        calls.reapDeadNodes(Duration.ofSeconds(30));
        assertThat(router.interaction(waiting).state()).as("node a seen 20 s ago is alive").isEqualTo("WAITING");

        clock.advance(Duration.ofSeconds(11));
        calls.heartbeat(b);
        assertThat(calls.reapDeadNodes(Duration.ofSeconds(30))).isGreaterThanOrEqualTo(3);
        assertThat(router.interaction(connected).state()).isEqualTo("ENDED");
        assertThat(agents.get(x).state()).isEqualTo(AgentState.WRAP_UP);
        assertThat(router.interaction(offered).state()).isEqualTo("ABANDONED");
        assertThat(agents.get(y).state()).isEqualTo(AgentState.AVAILABLE);
        assertThat(router.interaction(waiting).state()).isEqualTo("ABANDONED");
        assertThat(router.interaction(alive).state()).isEqualTo("WAITING");
    }

    @Test
    void anAgentsRequestWaitsOnItsConnectedCallForTheNodeHoldingIt() {
        Queue q = queues.create(Queue.Settings.named(unique("q")));
        Queue other = queues.create(Queue.Settings.named(unique("q2")));
        UUID i = call(q, "node-x");
        UUID agent = available(q);
        assertThatThrownBy(() -> calls.request(agent, "hangup")).isInstanceOf(Conflict.class);
        router.tick();
        assertThatThrownBy(() -> calls.request(agent, "hangup")).as("only once connected").isInstanceOf(Conflict.class);
        router.answered(agent);
        calls.request(agent, "queue:" + other.id());
        assertThat(calls.read(List.of(i))).singleElement().satisfies(l -> {
            assertThat(l.state()).isEqualTo("CONNECTED");
            assertThat(l.agentId()).isEqualTo(agent);
            assertThat(l.control()).isEqualTo("queue:" + other.id());
        });

        calls.requeue(agent, other.id());
        assertThat(agents.get(agent).state()).isEqualTo(AgentState.WRAP_UP);
        CallInteractions.Live back = calls.read(List.of(i)).getFirst();
        assertThat(back.state()).isEqualTo("WAITING");
        assertThat(back.queueId()).isEqualTo(other.id());
        assertThat(back.control()).isNull();
        assertThat(calls.position(i)).isEqualTo(1);
    }

    @Test
    void placesFollowPriorityThenWaitAndAFailedRingIsTheNoAnswerPath() {
        Queue q = queues.create(Queue.Settings.named(unique("q")).withTimers(0, 30, 60));
        UUID first = call(q, "node-y");
        UUID second = call(q, "node-y");
        UUID urgent = calls.enqueue(q.id(), 5, Set.of(), new CallInteractions.Call("c", null, null, Map.of(), "node-y"));
        assertThat(List.of(calls.position(urgent), calls.position(first), calls.position(second))).containsExactly(1, 2, 3);

        UUID agent = available(q);
        router.tick();
        assertThat(calls.notAnswered(agent, first, "phone: 486 Busy Here")).as("not offered to it").isFalse();
        assertThat(calls.notAnswered(agent, urgent, "phone: 486 Busy Here")).isTrue();
        Agent after = agents.get(agent);
        assertThat(after.state()).isEqualTo(AgentState.NOT_RESPONDING);
        assertThat(after.stateReason()).isEqualTo("phone: 486 Busy Here");
        assertThat(calls.position(urgent)).as("back in its place").isEqualTo(1);
        assertThat(calls.notAnswered(agent, urgent, "again")).as("only once").isFalse();
    }
}
