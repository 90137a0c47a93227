package org.opendialer.campaign.pacing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The campaigns pacing on one queue during one tick, for the abandon cap: each one's pacer and calls ringing,
 * declared before any of them is asked. The ACD gives any campaign's live answer to the agent idle longest, so a
 * campaign's abandons depend on the others' calls too: {@link #view} gives each pacer the whole queue (every
 * campaign's ringing calls, which its cap projection counts) and whether a peer is at its cap — asked of every
 * peer at that moment, so a cap holds the others back in the tick it is reached, not one tick late.
 *
 * <p>Calls placed during the tick are added as ringing from zero ({@link #placed}). Campaigns not dialling (their
 * calls still ring) join without a pacer: their calls count, their cap holds nobody. A campaign of the queue capped
 * on another node ({@link #cappedElsewhere}) holds every campaign here, also one alone on this node. The queue's calls
 * ringing on other nodes ({@link #ringingElsewhere}) count in every projection like this node's, so a campaign alone
 * here is projected against them too. Not thread-safe: one tick.
 *
 * @param <K> what names a campaign (an index in the simulator, an id in the runner)
 */
public final class SharedQueue<K> {

    private static final class Member {
        final Pacer pacer;
        final List<Duration> ringing;
        Boolean atCap; // asked once while no call is placed on the queue: most ticks place none

        Member(Pacer pacer, List<Duration> ringing) {
            this.pacer = pacer;
            this.ringing = ringing;
        }
    }

    private final Map<K, Member> members = new LinkedHashMap<>();
    private boolean cappedElsewhere;
    private List<Duration> elsewhere = List.of();

    /** Declares a campaign and its calls ringing on the queue; {@code pacer} null when it does not dial now. */
    public void join(K campaign, Pacer pacer, List<Duration> ringing) {
        members.put(Objects.requireNonNull(campaign, "campaign"), new Member(pacer, new ArrayList<>(ringing)));
    }

    /**
     * A campaign of this queue is at its cap on another node (whose pacers and calls this queue does not hold): its
     * peers here are held as if it were one of them, for the rest of the tick.
     */
    public void cappedElsewhere() {
        cappedElsewhere = true;
    }

    /**
     * The queue's calls ringing on other nodes (time since each was placed), which may take the agents this node's
     * calls count on: set once per tick, before any campaign is asked.
     */
    public void ringingElsewhere(List<Duration> ringing) {
        elsewhere = List.copyOf(ringing);
    }

    /** True when more than one campaign dials on the queue this tick. */
    public boolean shared() {
        return members.values().stream().filter(m -> m.pacer != null).count() > 1;
    }

    /**
     * The queue as {@code campaign}'s pacer must see it, with {@code agents} the queue's agents (all of them, not
     * the campaign's share): null when it is alone on the queue and nothing is capped or ringing elsewhere, so a
     * single campaign on a single node paces exactly as before.
     */
    public PacingSnapshot.Queue view(K campaign, List<AgentView> agents) {
        if (!shared() && !cappedElsewhere && elsewhere.isEmpty()) {
            return null;
        }
        List<Duration> ringing = new ArrayList<>(elsewhere);
        members.values().forEach(m -> ringing.addAll(m.ringing));
        PacingSnapshot whole = new PacingSnapshot(agents, ringing, ringing.size(),
                new PacingSnapshot.Queue(agents, ringing, false));
        boolean peerCapped = cappedElsewhere;
        for (Map.Entry<K, Member> e : members.entrySet()) {
            Member m = e.getValue();
            if (peerCapped) {
                break; // held from another node: no peer needs asking
            }
            if (m.pacer == null || e.getKey().equals(campaign)) {
                continue;
            }
            if (m.atCap == null) {
                synchronized (m.pacer) { // the runner reports a pacer's calls from other threads under its lock
                    m.atCap = m.pacer.atCap(whole);
                }
            }
            if (m.atCap) {
                peerCapped = true;
                break;
            }
        }
        return new PacingSnapshot.Queue(agents, ringing, peerCapped);
    }

    /** {@code campaign} has just placed {@code calls}: they ring from now, for the campaigns asked after it. */
    public void placed(K campaign, int calls) {
        Member m = members.get(campaign);
        if (m == null || calls == 0) {
            return;
        }
        for (int i = 0; i < calls; i++) {
            m.ringing.add(Duration.ZERO);
        }
        members.values().forEach(x -> x.atCap = null); // more calls ringing: every projection is asked again
    }
}
