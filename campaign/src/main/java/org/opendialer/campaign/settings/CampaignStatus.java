package org.opendialer.campaign.settings;

import com.fasterxml.jackson.databind.annotation.EnumNaming;
import com.fasterxml.jackson.databind.EnumNamingStrategies;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Genesys' {@code campaignStatus}. ON dials; STOPPING dials no new contact and turns OFF once its calls in flight
 * have ended; COMPLETE means no contact is left to dial. Moves only along {@link #NEXT}.
 */
@EnumNaming(EnumNamingStrategies.CamelCaseStrategy.class)
public enum CampaignStatus {
    ON, OFF, STOPPING, COMPLETE;

    private static final Map<CampaignStatus, Set<CampaignStatus>> NEXT = new EnumMap<>(CampaignStatus.class);

    static {
        NEXT.put(OFF, EnumSet.of(ON));
        NEXT.put(ON, EnumSet.of(STOPPING, COMPLETE));
        // a stop can be taken back before the last call ends; a completed campaign starts again for new contacts
        NEXT.put(STOPPING, EnumSet.of(OFF, ON));
        NEXT.put(COMPLETE, EnumSet.of(ON, OFF));
    }

    public boolean canMoveTo(CampaignStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Whether the runner looks at it: ON dials, STOPPING still settles its calls. */
    public boolean running() {
        return this == ON || this == STOPPING;
    }
}
