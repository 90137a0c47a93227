package org.opendialer.campaign.settings;

import java.time.Instant;
import java.util.UUID;

/** A stored campaign: its settings, where it stands, and the resource fields every API resource carries. */
public record Campaign(UUID id, CampaignSettings settings, CampaignStatus status, Instant dateCreated,
                       Instant dateModified, int version) {
}
