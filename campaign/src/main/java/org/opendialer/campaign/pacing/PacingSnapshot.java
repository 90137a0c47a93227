package org.opendialer.campaign.pacing;

import java.time.Duration;
import java.util.List;

/**
 * What the campaign looks like at one tick: its agents, the calls still ringing (time since each was placed) and,
 * for agentless campaigns, every line in use (ringing or playing the flow or message). When other campaigns pace on
 * the same queue, {@code queue} is the whole of it ({@link SharedQueue}); null when the campaign is alone.
 */
public record PacingSnapshot(List<AgentView> agents, List<Duration> ringing, int linesInUse, Queue queue) {

    /**
     * The shared queue at this tick: every agent the campaigns of this node may be given a live answer by, every
     * campaign's calls ringing on it (this one's included), and whether a peer campaign is at its abandon cap.
     */
    public record Queue(List<AgentView> agents, List<Duration> ringing, boolean peerCapped) {

        public Queue {
            agents = List.copyOf(agents);
            ringing = List.copyOf(ringing);
        }
    }

    public PacingSnapshot {
        agents = List.copyOf(agents);
        ringing = List.copyOf(ringing);
        if (linesInUse < ringing.size()) {
            throw new IllegalArgumentException("linesInUse " + linesInUse + " < ringing calls " + ringing.size());
        }
    }

    public PacingSnapshot(List<AgentView> agents, List<Duration> ringing, int linesInUse) {
        this(agents, ringing, linesInUse, null);
    }

    public PacingSnapshot(List<AgentView> agents, List<Duration> ringing) {
        this(agents, ringing, ringing.size());
    }

    /** The queue as the abandon projection must see it: the shared one, or the campaign's own when alone. */
    Queue wholeQueue() {
        return queue != null ? queue : new Queue(agents, ringing, false);
    }

    int count(AgentView.Phase phase) {
        return count(agents, phase);
    }

    static int count(List<AgentView> agents, AgentView.Phase phase) {
        int n = 0;
        for (AgentView a : agents) {
            if (a.phase() == phase) {
                n++;
            }
        }
        return n;
    }

    int staffed() {
        return agents.size() - count(AgentView.Phase.AWAY);
    }
}
