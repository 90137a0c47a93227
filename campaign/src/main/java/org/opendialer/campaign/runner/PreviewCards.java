package org.opendialer.campaign.runner;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opendialer.campaign.settings.CampaignSettings;

/**
 * Where preview cards go: the server hands them to the agent's desktops (SSE event {@code preview} on every node).
 * A card is sent again every few seconds while it is open, so a desktop that reconnects, reloads, or whose node
 * restarted shows it again; desktops recognise it by {@code previewId}.
 */
@FunctionalInterface
public interface PreviewCards {

    /**
     * One record shown to one agent.
     *
     * @param contact      the contact's columns
     * @param scriptHtml   the campaign's agent script rendered over the columns, HTML-escaped; "" when none
     * @param timerSeconds the auto-dial timer from {@code offeredAt}; 0 = off
     * @param callbackNumber the due callback's own number (E.164), the only one Call dials; null: the contact's own
     */
    record Card(UUID previewId, UUID agentId, UUID campaignId, String campaignName, String contactId,
                Map<String, String> contact, String scriptHtml, List<CampaignSettings.ScriptAction> actions,
                int timerSeconds, Instant offeredAt, String callbackNumber) {
    }

    void show(Card card);

    PreviewCards NONE = card -> { };
}
