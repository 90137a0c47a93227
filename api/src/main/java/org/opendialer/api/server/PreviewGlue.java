package org.opendialer.api.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.opendialer.api.desktop.Desktop;
import org.opendialer.api.desktop.PreviewDecisions;
import org.opendialer.campaign.runner.PreviewCards;
import org.opendialer.campaign.runner.PreviewDesk;
import org.opendialer.campaign.runner.VoiceCampaignRunner;
import org.opendialer.campaign.settings.CampaignStore;

/** Campaigns' preview cards ↔ the agent desktop: cards out as the SSE event {@code preview}, decisions back. */
final class PreviewGlue {

    private PreviewGlue() {
    }

    /**
     * The desktop's Call/Skip, callbacks and record searches → the campaign runner (any node: the reservation is a
     * row every node reads).
     */
    static PreviewDecisions decisions(VoiceCampaignRunner runner) {
        return new PreviewDecisions() {
            @Override
            public void decide(UUID agent, String previewId, boolean call) {
                runner.previewDecision(agent, id(previewId), call);
            }

            @Override
            public JsonObject callback(UUID agent, String previewId, Instant at, List<String> numbers) {
                PreviewDesk.Scheduled s = runner.previewDesk().callback(agent, id(previewId), at, numbers);
                return scheduled(s).put("previewId", previewId);
            }

            @Override
            public JsonObject callbackForInteraction(UUID agent, UUID interactionId, Instant at, List<String> numbers) {
                PreviewDesk.Scheduled s = runner.previewDesk().callbackFor(agent, interactionId, at, numbers);
                return scheduled(s).put("interactionId", interactionId.toString()).put("routeToAgentId", agent.toString());
            }

            @Override
            public JsonObject search(UUID agent, UUID campaignId, String column, String value, int pageSize, int pageNumber) {
                PreviewDesk.Page page = runner.previewDesk().search(agent, campaignId, column, value, pageSize, pageNumber);
                JsonArray records = new JsonArray();
                page.items().forEach(f -> records.add(new JsonObject().put("contactId", f.contactId())
                        .put("contact", new JsonObject(new java.util.LinkedHashMap<>(f.contact())))
                        .put("lastResult", f.lastResult()).put("attempts", f.attempts())
                        .put("callableNow", f.callableNow()).put("reason", f.callableNow() ? null : f.code())
                        .put("detail", f.callableNow() ? null : f.detail())));
                return new JsonObject().put("records", records).put("pageSize", pageSize).put("pageNumber", pageNumber)
                        .put("total", page.total()).put("pageCount", (page.total() + pageSize - 1) / pageSize);
            }

            @Override
            public JsonObject take(UUID agent, UUID campaignId, String contactId) {
                UUID previewId = runner.previewDesk().take(agent, campaignId, contactId);
                return new JsonObject().put("previewId", previewId.toString()).put("campaignId", campaignId.toString())
                        .put("contactId", contactId);
            }
        };
    }

    private static JsonObject scheduled(PreviewDesk.Scheduled s) {
        JsonObject o = new JsonObject().put("campaignId", s.campaignId().toString()).put("contactId", s.contactId())
                .put("callbackScheduledTime", s.at().toString());
        return s.number() == null ? o : o.put("callbackNumbers", new JsonArray().add(s.number()));
    }

    private static UUID id(String previewId) {
        try {
            return UUID.fromString(previewId);
        } catch (IllegalArgumentException e) {
            throw new java.util.NoSuchElementException("no preview " + previewId);
        }
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
                    .put("offeredAt", card.offeredAt().toString()).put("callbackNumber", card.callbackNumber()));
        };
    }
}
