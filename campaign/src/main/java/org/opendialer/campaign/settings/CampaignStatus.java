package org.opendialer.campaign.settings;

import com.fasterxml.jackson.databind.annotation.EnumNaming;
import com.fasterxml.jackson.databind.EnumNamingStrategies;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Genesys' {@code campaignStatus}. ON dials; STOPPING dials no new contact and turns OFF once its calls in flight
 * have ended; COMPLETE means no contact is left to dial. PAUSED (ours: Genesys has no pause) dials no new contact,
 * lets its calls in flight end normally and keeps its pacing statistics and abandon window, so a resume (back to ON)
 * continues rather than restarts. Moves only along {@link #NEXT}.
 */
@EnumNaming(EnumNamingStrategies.CamelCaseStrategy.class)
public enum CampaignStatus {
    ON, OFF, STOPPING, COMPLETE, PAUSED;

    private static final Map<CampaignStatus, Set<CampaignStatus>> NEXT = new EnumMap<>(CampaignStatus.class);

    static {
        NEXT.put(OFF, EnumSet.of(ON));
        NEXT.put(ON, EnumSet.of(STOPPING, COMPLETE, PAUSED));
        // paused with calls in flight stops through STOPPING; with none it may go straight OFF
        NEXT.put(PAUSED, EnumSet.of(ON, STOPPING, OFF));
        // a stop can be taken back before the last call ends; a completed campaign starts again for new contacts
        NEXT.put(STOPPING, EnumSet.of(OFF, ON));
        NEXT.put(COMPLETE, EnumSet.of(ON, OFF));
    }

    public boolean canMoveTo(CampaignStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Whether the runner looks at it: ON dials, STOPPING and PAUSED still settle their calls. */
    public boolean running() {
        return this == ON || this == STOPPING || this == PAUSED;
    }

    /** Whether new contacts are claimed. */
    public boolean dials() {
        return this == ON;
    }
}
