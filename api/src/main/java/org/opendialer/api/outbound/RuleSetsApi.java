package org.opendialer.api.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;
import org.opendialer.api.http.Blocking;
import org.opendialer.campaign.rules.RuleSet;
import org.opendialer.campaign.rules.RuleSets;
import org.opendialer.campaign.settings.CampaignStore;

/** {@code /api/v2/outbound/rulesets}: CRUD of campaign rule sets; the rules keep the settings' JSON form. */
final class RuleSetsApi {

    static final String RULE_SETS = "/api/v2/outbound/rulesets";
    private static final TypeReference<List<RuleSet.Rule>> RULES = new TypeReference<>() { };

    private final RuleSets sets;
    private final Blocking blocking;

    RuleSetsApi(RuleSets sets, Blocking blocking) {
        this.sets = sets;
        this.blocking = blocking;
    }

    void list(RoutingContext rc) {
        int size = OutboundPages.pageSize(rc);
        int number = OutboundPages.pageNumber(rc);
        OutboundReplies.answer(rc, blocking.call(() -> sets.page(size, number)), s -> OutboundPages.send(rc, s, RuleSetsApi::json));
    }

    void create(RoutingContext rc) {
        JsonObject b = OutboundReplies.body(rc);
        OutboundReplies.answer(rc, blocking.call(() -> sets.create(draft(b))), s -> {
            rc.response().putHeader("Location", RULE_SETS + "/" + s.id());
            OutboundReplies.json(rc, 201, json(s));
        });
    }

    void get(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "ruleSetId");
        OutboundReplies.answer(rc, blocking.call(() -> sets.find(id).orElseThrow(() -> new java.util.NoSuchElementException("no rule set " + id))),
                s -> OutboundReplies.json(rc, 200, json(s)));
    }

    void update(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "ruleSetId");
        JsonObject b = OutboundReplies.body(rc);
        OutboundReplies.answer(rc, blocking.call(() -> sets.update(id, draft(b), b.getInteger("version"))),
                s -> OutboundReplies.json(rc, 200, json(s)));
    }

    void delete(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "ruleSetId");
        OutboundReplies.answer(rc, blocking.call(() -> sets.delete(id)), deleted -> {
            if (deleted) {
                rc.response().setStatusCode(204).end();
            } else {
                OutboundReplies.notFound(rc, "no rule set " + id);
            }
        });
    }

    /** A rule set from a request body; a rule that cannot work is a 400 naming the field. */
    static RuleSet draft(JsonObject b) {
        try {
            return RuleSet.draft(b.getString("name"), CampaignStore.JSON.readValue(b.getJsonArray("rules", new JsonArray()).encode(), RULES));
        } catch (JsonProcessingException e) {
            throw CampaignsApi.badBody(e);
        }
    }

    static JsonObject json(RuleSet s) {
        try {
            return new JsonObject().put("id", s.id().toString()).put("name", s.name())
                    .put("rules", new JsonArray(CampaignStore.JSON.writeValueAsString(s.rules())))
                    .put("dateCreated", s.dateCreated().toString()).put("dateModified", s.dateModified().toString())
                    .put("version", s.version()).put("selfUri", RULE_SETS + "/" + s.id());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
