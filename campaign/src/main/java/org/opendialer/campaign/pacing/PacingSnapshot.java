package org.opendialer.campaign.pacing;

import java.time.Duration;
import java.util.List;

/**
 * What the campaign looks like at one tick: its agents, the calls still ringing (time since each was placed) and,
 * for agentless campaigns, every line in use (ringing or playing the flow or message).
 */
public record PacingSnapshot(List<AgentView> agents, List<Duration> ringing, int linesInUse) {

    public PacingSnapshot {
        agents = List.copyOf(agents);
        ringing = List.copyOf(ringing);
        if (linesInUse < ringing.size()) {
            throw new IllegalArgumentException("linesInUse " + linesInUse + " < ringing calls " + ringing.size());
        }
    }

    public PacingSnapshot(List<AgentView> agents, List<Duration> ringing) {
        this(agents, ringing, ringing.size());
    }

    int count(AgentView.Phase phase) {
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
