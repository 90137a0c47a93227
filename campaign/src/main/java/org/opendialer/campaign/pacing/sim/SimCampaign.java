package org.opendialer.campaign.pacing.sim;

import java.time.Duration;
import org.opendialer.campaign.pacing.PacingConfig;

/**
 * One simulated campaign: its pacing, and how long it dials (null: the whole run; after it, it is as if paused or
 * out of contacts: its pacer is not asked, its calls still end).
 */
public record SimCampaign(PacingConfig config, Duration dialsFor) {

    public static SimCampaign of(PacingConfig config) {
        return new SimCampaign(config, null);
    }
}
