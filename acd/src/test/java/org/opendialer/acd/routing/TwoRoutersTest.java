package org.opendialer.acd.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opendialer.acd.agents.AgentCredentials;
import org.opendialer.store.testing.TestDb;

/**
 * Two router instances (two nodes) tick one database at the same moments, round after round: every offer made by
 * either names an agent and an interaction no other offer of that round names, and nothing fails.
 */
class TwoRoutersTest {

    static final int AGENTS = 20;
    static final int ROUNDS = 15;

    @Test
    void twoNodesNeverOfferOneAgentTwoCalls() throws Exception {
        DataSource db = TestDb.dataSource();
        Clock clock = Clock.systemUTC();
        QueueStore queues = new QueueStore(db, clock);
        AgentStore agents = new AgentStore(db, clock, new AgentCredentials(db, "dialer.test"));
        QueueRouter nodeA = new QueueRouter(db, clock);
        QueueRouter nodeB = new QueueRouter(db, clock);
        Queue q = queues.create(Queue.Settings.named("two-nodes-" + UUID.randomUUID()).withTimers(0, 60, 0));
        List<UUID> team = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            UUID a = agents.create("two-nodes agent " + i, null, null, null).id();
            agents.join(q.id(), List.of(a));
            agents.request(a, AgentState.AVAILABLE, null);
            team.add(a);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            int offered = 0;
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < AGENTS * 2; i++) {
                    nodeA.enqueue(q.id(), null, Set.of());
                }
                CyclicBarrier together = new CyclicBarrier(2);
                Future<List<RoutingDecision.Offer>> a = pool.submit(() -> { together.await(); return nodeA.route(); });
                Future<List<RoutingDecision.Offer>> b = pool.submit(() -> { together.await(); return nodeB.route(); });
                List<RoutingDecision.Offer> all = new ArrayList<>(a.get());
                all.addAll(b.get());
                Set<UUID> agentsOffered = new HashSet<>();
                Set<UUID> interactionsOffered = new HashSet<>();
                for (RoutingDecision.Offer o : all) {
                    assertThat(agentsOffered.add(o.agentId())).as("agent offered twice in round " + round).isTrue();
                    assertThat(interactionsOffered.add(o.interactionId())).as("interaction offered twice").isTrue();
                    assertThat(agents.get(o.agentId()).interactionId()).isEqualTo(o.interactionId());
                }
                assertThat(agentsOffered).isSubsetOf(team);
                offered += all.size();
                // whatever one node left (rows it could not lock), a later tick of either takes
                all.addAll(nodeB.route());
                assertThat(all).hasSize(AGENTS);
                for (RoutingDecision.Offer o : all) {
                    nodeA.answered(o.agentId());
                    nodeB.hungUp(o.agentId());
                    nodeA.wrapUp(o.agentId(), null, null);
                }
                // leave no waiting interactions behind for the next round
                for (UUID w : waiting(nodeA, q, all)) {
                    nodeB.abandoned(w);
                }
            }
            assertThat(offered).isGreaterThan(0);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<UUID> waiting(QueueRouter router, Queue q, List<RoutingDecision.Offer> offered) {
        return Collections.unmodifiableList(new org.opendialer.store.Jdbc(TestDb.dataSource()).with("waiting", c -> {
            List<UUID> out = new ArrayList<>();
            try (var s = c.prepareStatement("SELECT id FROM routing_interaction WHERE queue_id = ? AND state = 'WAITING'")) {
                s.setObject(1, q.id());
                try (var r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getObject(1, UUID.class));
                    }
                }
            }
            return out;
        }));
    }
}
