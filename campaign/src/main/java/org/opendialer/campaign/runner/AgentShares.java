package org.opendialer.campaign.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import org.opendialer.campaign.pacing.AgentView;
import org.opendialer.campaign.pacing.Pacer;
import org.opendialer.campaign.pacing.PacingSnapshot;
import org.opendialer.campaign.pacing.SharedQueue;
import org.opendialer.campaign.settings.Campaign;

/**
 * Which of a queue's agents each agent-mode campaign may pace on, when several running campaigns share the queue.
 * Without it every campaign counted every idle agent and they overdialled together.
 *
 * <p>One instance lives for one runner tick. Campaigns are asked in the tick's order (higher {@code priority}
 * first; Genesys: 5 the highest, 1 the lowest). The highest level's campaigns split the queue's agents; each one
 * then reports the calls it placed, and the idle agents those calls did not take are left to the campaigns asked
 * after it (its peers first, then the lower levels): a lower campaign dials only on what the higher ones leave.
 * Equal priorities share what is left evenly in the order asked (the runner rotates that order every tick so
 * the odd agent goes to each in turn). Agents talking or wrapping up go to the highest level only, dealt between
 * its campaigns in turn so each is counted by one pacer: a lower campaign never dials ahead on an agent a higher
 * one will get back. The abandon cap of the queue's campaigns is kept together through {@link SharedQueue}.
 *
 * <p>Other nodes run the same campaigns on their own ticks: their calls of the queue not yet in the ACD ({@link
 * AgentReservations#ringingElsewhere}, read once per queue and tick by {@link #ringingElsewhere}) take the idle
 * agents they hold off the queue's idle count before the split, so nodes together never dial more than one node
 * would, and count in the cap projection as calls ringing on the queue. When they cannot be read the queue's
 * campaigns are held (1:1) and every idle agent counts as held: nothing is placed on the queue that tick.
 *
 * <p>A placed call counts as taking one idle agent, also in power and predictive modes (which place more calls
 * than agents): the share left to others can only be smaller than the truth, never larger. Not thread-safe: the
 * runner's tick is one thread.
 */
final class AgentShares {

    /**
     * A campaign's allocation: how many of the queue's idle agents, and of the busy ones (talking or wrapping up)
     * every {@code busyOf}-th starting at {@code busyFrom}; {@code busyOf} 0: none.
     */
    record Share(int idle, int busyFrom, int busyOf) {

        /** Whether the {@code i}-th busy agent (in the queue's order) is this campaign's to pace on. */
        boolean busy(int i) {
            return busyOf > 0 && i % busyOf == busyFrom;
        }
    }

    private final Map<UUID, Pool> pools = new HashMap<>();
    private final Map<UUID, SharedQueue<UUID>> caps = new HashMap<>();
    /** Per queue read: the idle agents other nodes' calls hold (all of them when the read failed). */
    private final Map<UUID, Integer> heldElsewhere = new HashMap<>();

    private static final class Pool {
        final List<Integer> levels = new ArrayList<>(); // priorities of the campaigns still to ask, in asking order
        int idleLeft = -1;                              // unknown until the first campaign reads the queue
        Integer top;
        int topCount;                                   // campaigns of the top level
        int topAsked;                                   // of them, asked so far this tick
    }

    /** Declares, in asking order, the running agent-mode campaigns of each queue before any is asked. */
    void expect(UUID queueId, int priority) {
        Pool p = pools.computeIfAbsent(queueId, q -> new Pool());
        p.levels.add(priority);
        if (p.top == null || priority > p.top) {
            p.top = priority;
            p.topCount = 0;
        }
        if (priority == p.top) {
            p.topCount++;
        }
    }

    /**
     * The share of the next campaign asked on {@code queueId}; {@code idleNow} is the queue's idle agents as read by
     * that campaign less those other nodes' calls hold (read once per tick: the first read stands for the whole tick).
     */
    Share next(UUID queueId, int priority, IntSupplier idleNow) {
        Pool p = pools.get(queueId);
        if (p == null || p.levels.isEmpty()) {
            return new Share(idleNow.getAsInt(), 0, 1); // not declared: alone on this node
        }
        if (p.idleLeft < 0) {
            p.idleLeft = idleNow.getAsInt();
        }
        p.levels.remove(Integer.valueOf(priority));
        int peersAfter = (int) p.levels.stream().filter(l -> l == priority).count();
        int share = (int) Math.ceil(p.idleLeft / (double) (peersAfter + 1));
        // the busy agents are dealt round-robin between the top level's campaigns: each is one agent that comes back
        // free, to be counted by one pacer, not by all of them
        return p.top == priority ? new Share(share, p.topAsked++ % p.topCount, p.topCount)
                : new Share(share, 0, 0);
    }

    /**
     * The agents {@code c}'s pacer sees: its share of the idle ones (longest idle first) less those other nodes' calls
     * hold ({@link #ringingElsewhere}; none when not read), the busy ones if its own.
     */
    List<AgentView> of(Campaign c, List<AgentView> queueAgents) {
        List<AgentView> idle = queueAgents.stream().filter(a -> a.phase() == AgentView.Phase.IDLE)
                .sorted(Comparator.comparing(AgentView::inPhase).reversed()).toList();
        int held = heldElsewhere.getOrDefault(c.settings().queueId(), 0);
        Share share = next(c.settings().queueId(), c.settings().priority(), () -> Math.max(0, idle.size() - held));
        List<AgentView> out = new ArrayList<>(idle.subList(0, Math.min(share.idle(), idle.size())));
        int busy = 0;
        for (AgentView a : queueAgents) {
            boolean isBusy = a.phase() == AgentView.Phase.TALKING || a.phase() == AgentView.Phase.WRAPPING;
            if (a.phase() == AgentView.Phase.AWAY || isBusy && share.busy(busy)) {
                out.add(a);
            }
            if (isBusy) {
                busy++;
            }
        }
        return out;
    }

    /**
     * Declares a paced campaign of the queue for the abandon cap ({@link SharedQueue}), before any campaign is asked:
     * its pacer (null when it does not dial this tick) and this node's calls of it ringing.
     */
    void join(Campaign c, Pacer pacer, List<Duration> ringing) {
        caps.computeIfAbsent(c.settings().queueId(), q -> new SharedQueue<>()).join(c.id(), pacer, ringing);
    }

    /**
     * Reads, once per queue joined this tick, whether a campaign of it is capped on another node ({@link
     * CrossNodeCaps}); if so every campaign of the queue here is held. Call after the joins, before any is asked.
     */
    void cappedElsewhere(Predicate<UUID> read) {
        caps.forEach((queueId, q) -> {
            if (read.test(queueId)) {
                q.cappedElsewhere();
            }
        });
    }

    /**
     * Reads, once per queue declared or joined this tick, the queue's calls ringing on other nodes (time since each
     * was placed; empty: the read failed). Known, they count in every campaign's cap projection and hold as many idle
     * agents; not known, the queue's campaigns here are held and every idle agent counts as held. Call after the
     * joins, before any campaign is asked.
     */
    void ringingElsewhere(Function<UUID, Optional<List<Duration>>> read) {
        Set<UUID> queues = new HashSet<>(pools.keySet());
        queues.addAll(caps.keySet());
        for (UUID queueId : queues) {
            Optional<List<Duration>> ringing = read.apply(queueId);
            SharedQueue<UUID> q = caps.get(queueId);
            if (ringing.isPresent()) {
                if (q != null) {
                    q.ringingElsewhere(ringing.get());
                }
                heldElsewhere.put(queueId, ringing.get().size());
            } else {
                if (q != null) {
                    q.cappedElsewhere();
                }
                heldElsewhere.put(queueId, Integer.MAX_VALUE);
            }
        }
    }

    /**
     * The whole queue as {@code c}'s pacer sees it for the cap: all the queue's agents, every campaign's calls ringing
     * on it (here and, once read, on the other nodes), whether a peer is capped; null when {@code c} paces alone and
     * nothing of the queue rings or is capped elsewhere.
     */
    PacingSnapshot.Queue queue(Campaign c, List<AgentView> queueAgents) {
        SharedQueue<UUID> q = caps.get(c.settings().queueId());
        return q == null ? null : q.view(c.id(), queueAgents);
    }

    /** {@code c} has just placed {@code calls}: they ring for the campaigns asked after it. */
    void dialled(Campaign c, int calls) {
        SharedQueue<UUID> q = caps.get(c.settings().queueId());
        if (q != null) {
            q.placed(c.id(), calls);
        }
    }

    /**
     * The runner's order for one tick: higher priority first; campaigns of equal priority rotated by {@code tick},
     * so each in turn is asked first (and gets the odd agent).
     */
    static List<Campaign> rotated(List<Campaign> campaigns, long tick) {
        List<Campaign> sorted = new ArrayList<>(campaigns);
        sorted.sort(Comparator.comparingInt((Campaign c) -> -c.settings().priority()).thenComparing(Campaign::dateCreated)
                .thenComparing(Campaign::id));
        List<Campaign> out = new ArrayList<>(sorted.size());
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j).settings().priority() == sorted.get(i).settings().priority()) {
                j++;
            }
            List<Campaign> level = sorted.subList(i, j);
            int k = (int) Math.floorMod(tick, (long) level.size());
            out.addAll(level.subList(k, level.size()));
            out.addAll(level.subList(0, k));
            i = j;
        }
        return out;
    }

    /**
     * The campaign asked last on {@code queueId} has {@code calls} waiting for an agent (placed now or still
     * ringing): each holds one of the idle agents left.
     */
    void placed(UUID queueId, int calls) {
        Pool p = pools.get(queueId);
        if (p != null && p.idleLeft > 0) {
            p.idleLeft = Math.max(0, p.idleLeft - calls);
        }
    }
}
