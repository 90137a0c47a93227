package org.opendialer.campaign.pacing.sim;

import java.util.List;
import org.opendialer.campaign.pacing.AgentView;

/**
 * How campaigns that share one pool of agents see it on one pacing tick: the runner's policy (priorities, equal
 * shares) plugged into {@link PacingSimulator}, which cannot see the runner. A campaign alone sees every agent.
 */
public interface AgentSplit {

    /** One tick: the campaigns are asked in {@link #order}; each sees {@link #next}, then reports what it placed. */
    interface Tick {
        List<Integer> order();

        /** The agents campaign {@code campaign}'s pacer sees, out of the whole {@code pool}. */
        List<AgentView> next(int campaign, List<AgentView> pool);

        /** {@code calls} of the campaign just asked wait for an agent (placed now, or still ringing). */
        void placed(int campaign, int calls);
    }

    /** @param dialling the indices of the campaigns dialling on tick number {@code tick}, in list order */
    Tick start(List<Integer> dialling, long tick);

    /** Every campaign sees every agent, in list order (one campaign alone on its agents). */
    AgentSplit ALONE = (dialling, tick) -> new Tick() {
        @Override
        public List<Integer> order() {
            return dialling;
        }

        @Override
        public List<AgentView> next(int campaign, List<AgentView> pool) {
            return pool;
        }

        @Override
        public void placed(int campaign, int calls) {
        }
    };
}
