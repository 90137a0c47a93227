package org.opendialer.campaign.runner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.opendialer.campaign.pacing.AgentView;
import org.opendialer.campaign.pacing.DialingMode;
import org.opendialer.campaign.pacing.sim.AgentSplit;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignSettings;
import org.opendialer.campaign.settings.CampaignStatus;

/**
 * The runner's split of a queue's agents between campaigns of given priorities ({@link AgentShares}, asked in
 * {@link AgentShares#rotated} order), for the pacing simulator: the simulator runs the same policy the runner does.
 * The campaigns are stand-ins carrying only what the policy reads (queue, priority, creation order).
 */
public final class PrioritySplit implements AgentSplit {

    private static final UUID QUEUE = new UUID(0, 1);
    private final List<Campaign> campaigns = new ArrayList<>();

    private PrioritySplit(List<Integer> priorities) {
        for (int i = 0; i < priorities.size(); i++) {
            int p = priorities.get(i);
            if (p < 1 || p > 5) {
                throw new IllegalArgumentException("a campaign's priority is 1..5 (5 the highest), got " + p);
            }
            CampaignSettings s = new CampaignSettings("simulated " + (i + 1), new UUID(0, i + 2L), null, null,
                    DialingMode.PREDICTIVE, null, null, null, null, null, QUEUE, null, null, null, null, null, null, null,
                    null, p, null, null, null, null, null, null,
                    new CampaignSettings.AgentMode(null, "Simulated", "555 0100", null, null, null, null, null, null));
            campaigns.add(new Campaign(new UUID(1, i), s, CampaignStatus.ON, Instant.EPOCH.plusSeconds(i), Instant.EPOCH, 1));
        }
    }

    /** @param priorities one per simulated campaign, in the simulator's order: 1..5, 5 the highest */
    public static AgentSplit of(List<Integer> priorities) {
        return new PrioritySplit(priorities);
    }

    @Override
    public Tick start(List<Integer> dialling, long tick) {
        List<Campaign> on = dialling.stream().map(campaigns::get).toList();
        List<Integer> order = AgentShares.rotated(on, tick).stream().map(campaigns::indexOf).toList();
        AgentShares shares = new AgentShares();
        order.forEach(i -> shares.expect(QUEUE, campaigns.get(i).settings().priority()));
        return new Tick() {
            @Override
            public List<Integer> order() {
                return order;
            }

            @Override
            public List<AgentView> next(int campaign, List<AgentView> pool) {
                return shares.of(campaigns.get(campaign), pool);
            }

            @Override
            public void placed(int campaign, int calls) {
                shares.placed(QUEUE, calls);
            }
        };
    }
}
