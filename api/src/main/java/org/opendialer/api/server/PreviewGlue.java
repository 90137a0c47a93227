package org.opendialer.api.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.opendialer.api.desktop.Desktop;
import org.opendialer.api.desktop.PreviewDecisions;
import org.opendialer.campaign.runner.PreviewCards;
import org.opendialer.campaign.runner.VoiceCampaignRunner;
import org.opendialer.campaign.settings.CampaignStore;

/** Campaigns' preview cards ↔ the agent desktop: cards out as the SSE event {@code preview}, decisions back. */
final class PreviewGlue {

    private PreviewGlue() {
    }

    /** The desktop's Call/Skip → the campaign runner (any node: the reservation is a row every node reads). */
    static PreviewDecisions decisions(VoiceCampaignRunner runner) {
        return (agent, previewId, call) -> {
            UUID id;
            try {
                id = UUID.fromString(previewId);
            } catch (IllegalArgumentException e) {
                throw new java.util.NoSuchElementException("no preview " + previewId);
            }
            runner.previewDecision(agent, id, call);
        };
    }

    /** A card → {@code preview} on the agent's desktops on every node (through PostgreSQL's NOTIFY). */
    static PreviewCards cards(Desktop desktop) {
        return card -> {
            JsonObject contact = new JsonObject();
            card.contact().forEach(contact::put);
            JsonArray actions = new JsonArray();
            card.actions().forEach(a -> actions.add(new JsonObject().put("label", a.label())
                    .put("kind", CampaignStore.wire(a.kind())).put("value", a.value())));
            desktop.publish(card.agentId(), "preview", new JsonObject().put("previewId", card.previewId().toString())
                    .put("campaignId", card.campaignId().toString()).put("campaignName", card.campaignName())
                    .put("contactId", card.contactId()).put("contact", contact).put("script", card.scriptHtml())
                    .put("actions", actions).put("timerSeconds", card.timerSeconds())
                    .put("offeredAt", card.offeredAt().toString()));
        };
    }
}
