package org.opendialer.campaign.report;

import java.util.UUID;

/**
 * Where a campaign stands, for its dashboard: contacts of its list ({@code total}), those dialled at least once by
 * it ({@code processed}) and the rest ({@code remaining}); attempts ({@code dials}), live answers
 * ({@code connects}), {@code abandons}, calls in flight, contacts a DNC list or the consent ledger kept from being
 * dialled, and idle agents of its queue (null for an agentless campaign, which has none).
 */
public record CampaignProgress(UUID campaignId, long total, long processed, long dials, long connects, long abandons,
                               long inFlight, long dncBlocked, double abandonTarget, Long idleAgents) {

    public long remaining() {
        return Math.max(0, total - processed);
    }

    /** Abandons per live answer in percent, null before the first live answer. */
    public Double abandonRate() {
        return connects == 0 ? null : 100.0 * abandons / connects;
    }
}
