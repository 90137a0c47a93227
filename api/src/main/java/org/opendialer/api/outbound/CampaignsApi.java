package org.opendialer.api.outbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.api.auth.ApiGuard;
import org.opendialer.api.http.Blocking;
import org.opendialer.campaign.runner.Attempt;
import org.opendialer.campaign.runner.AttemptStore;
import org.opendialer.campaign.runner.Decisions;
import org.opendialer.campaign.runner.DryRun;
import org.opendialer.campaign.runner.Gates;
import org.opendialer.campaign.runner.ScheduledCallbacks;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignSettings;
import org.opendialer.campaign.settings.CampaignStatus;
import org.opendialer.campaign.settings.CampaignStore;
import org.opendialer.contacts.consent.ConsentLedger;

/**
 * {@code /api/v2/outbound/campaigns}: voice campaign CRUD, start/stop/pause/resume, the attempt history, the decision log,
 * the dry run and cancelling a contact's scheduled callback. A campaign's JSON is its settings' JSON (defaults filled in) plus the resource fields.
 */
final class CampaignsApi {

    static final String CAMPAIGNS = "/api/v2/outbound/campaigns";
    /** Resource fields a client may send back with a campaign it read; they are not settings. */
    private static final List<String> READ_ONLY = List.of("id", "campaignStatus", "dateCreated", "dateModified", "selfUri", "version");

    private final CampaignStore store;
    private final AttemptStore attempts;
    private final Decisions decisions;
    private final DryRun dryRun;
    private final ScheduledCallbacks callbacks;
    private final Blocking blocking;

    CampaignsApi(DataSource ds, ConsentLedger ledger, Clock clock, Blocking blocking,
                 org.opendialer.contacts.dnc.external.ExternalDncLists external) {
        this.store = new CampaignStore(ds);
        this.attempts = new AttemptStore(ds);
        this.decisions = new Decisions(ds);
        this.dryRun = new DryRun(ds, new Gates(ds, ledger, attempts, clock, external), clock);
        this.callbacks = new ScheduledCallbacks(ds, store, clock);
        this.blocking = blocking;
    }

    void list(RoutingContext rc) {
        int size = OutboundPages.pageSize(rc);
        int number = OutboundPages.pageNumber(rc);
        OutboundReplies.answer(rc, blocking.call(() -> store.page(size, number)), s -> OutboundPages.send(rc, s, CampaignsApi::json));
    }

    void create(RoutingContext rc) {
        JsonObject b = OutboundReplies.body(rc);
        OutboundReplies.answer(rc, blocking.call(() -> store.create(settings(b))), c -> {
            rc.response().putHeader("Location", CAMPAIGNS + "/" + c.id());
            OutboundReplies.json(rc, 201, json(c));
        });
    }

    void get(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "campaignId");
        OutboundReplies.answer(rc, blocking.call(() -> store.require(id)), c -> OutboundReplies.json(rc, 200, json(c)));
    }

    void update(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "campaignId");
        JsonObject b = OutboundReplies.body(rc);
        Integer version = b.getInteger("version");
        if (version == null) {
            OutboundReplies.fail(rc, new IllegalArgumentException("version: required (the version you read)"));
            return;
        }
        OutboundReplies.answer(rc, blocking.call(() -> store.update(id, settings(b), version)), c -> OutboundReplies.json(rc, 200, json(c)));
    }

    void delete(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "campaignId");
        OutboundReplies.answer(rc, blocking.call(() -> store.delete(id)), deleted -> {
            if (deleted) {
                rc.response().setStatusCode(204).end();
            } else {
                OutboundReplies.notFound(rc, "no campaign " + id);
            }
        });
    }

    void start(RoutingContext rc) {
        move(rc, CampaignStatus.ON);
    }

    /**
     * On or paused → stopping (the runner turns it off once its calls have ended); paused with no call in flight →
     * off at once (a paused campaign claims nothing, so none can start meanwhile); off or complete stay as they are.
     */
    void stop(RoutingContext rc) {
        act(rc, c -> switch (c.status()) {
            case ON -> store.moveTo(c.id(), CampaignStatus.STOPPING);
            case PAUSED -> store.moveTo(c.id(), attempts.open(c.id()) == 0 ? CampaignStatus.OFF : CampaignStatus.STOPPING);
            default -> c;
        });
    }

    /** On → paused: no new contact is claimed; calls in flight end normally. Paused stays paused. */
    void pause(RoutingContext rc) {
        move(rc, CampaignStatus.PAUSED);
    }

    /** Paused → on, keeping the pacing statistics and the abandon window (a pause is not a restart). */
    void resume(RoutingContext rc) {
        act(rc, c -> {
            if (c.status() != CampaignStatus.PAUSED && c.status() != CampaignStatus.ON) {
                throw new org.opendialer.contacts.Conflict("campaign " + c.id() + " is " + CampaignStore.wire(c.status())
                        + ", not paused: start it instead");
            }
            return store.moveTo(c.id(), CampaignStatus.ON);
        });
    }

    /** A status move that depends on where the path's campaign stands now; answers the campaign after it. */
    private void act(RoutingContext rc, java.util.function.UnaryOperator<Campaign> step) {
        UUID id = OutboundReplies.pathId(rc, "campaignId");
        OutboundReplies.answer(rc, blocking.call(() -> step.apply(store.require(id))), c -> OutboundReplies.json(rc, 200, json(c)));
    }

    void attempts(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "campaignId");
        int size = OutboundPages.pageSize(rc);
        int number = OutboundPages.pageNumber(rc);
        OutboundReplies.answer(rc, blocking.call(() -> {
            store.require(id);
            return attempts.page(id, size, number);
        }), s -> OutboundPages.send(rc, s, CampaignsApi::attempt));
    }

    void decisions(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "campaignId");
        var q = OutboundReplies.request(rc).getQuery().get("contactId");
        String contactId = q == null || q.isNull() ? null : q.getString();
        int size = OutboundPages.pageSize(rc);
        int number = OutboundPages.pageNumber(rc);
        OutboundReplies.answer(rc, blocking.call(() -> {
            store.require(id);
            return decisions.page(id, contactId, size, number);
        }), s -> OutboundPages.send(rc, s, CampaignsApi::decision));
    }

    void dryRun(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "campaignId");
        int size = OutboundPages.pageSize(rc);
        int number = OutboundPages.pageNumber(rc);
        OutboundReplies.answer(rc, blocking.call(() -> dryRun.page(store.require(id), size, number)),
                s -> OutboundPages.send(rc, s, CampaignsApi::decision));
    }

    /** {@code DELETE …/contacts/{contactId}/callback}: answers the callback as it was; 404 when none is scheduled. */
    void cancelCallback(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "campaignId");
        String contactId = OutboundReplies.request(rc).getPathParameters().get("contactId").getString();
        String by = "API client " + ApiGuard.grant(rc).clientId();
        OutboundReplies.answer(rc, blocking.call(() -> callbacks.cancel(id, contactId, by)), k -> {
            JsonObject out = new JsonObject().put("campaignId", k.campaignId().toString()).put("contactId", k.contactId())
                    .put("callbackScheduledTime", k.at().toString());
            if (k.number() != null) {
                out.put("callbackNumbers", new io.vertx.core.json.JsonArray().add(k.number()));
            }
            OutboundReplies.json(rc, 200, out);
        });
    }

    private void move(RoutingContext rc, CampaignStatus next) {
        UUID id = OutboundReplies.pathId(rc, "campaignId");
        OutboundReplies.answer(rc, blocking.call(() -> store.moveTo(id, next)), c -> OutboundReplies.json(rc, 200, json(c)));
    }

    /** The settings of a request body; a rule the settings refuse is a 400 naming the field. */
    static CampaignSettings settings(JsonObject body) {
        try {
            ObjectNode node = (ObjectNode) CampaignStore.JSON.readTree(body.encode());
            node.remove(READ_ONLY);
            return CampaignStore.JSON.treeToValue(node, CampaignSettings.class);
        } catch (JsonProcessingException e) {
            throw badBody(e);
        }
    }

    /** A body the settings' own rules refuse (their message names the field), or one Jackson cannot read: a 400. */
    static IllegalArgumentException badBody(JsonProcessingException e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new IllegalArgumentException(root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage());
    }

    static JsonObject json(Campaign c) {
        JsonNode settings = CampaignStore.JSON.valueToTree(c.settings());
        return new JsonObject(settings.toString()).put("id", c.id().toString())
                .put("campaignStatus", CampaignStore.wire(c.status())).put("dateCreated", c.dateCreated().toString())
                .put("dateModified", c.dateModified().toString()).put("version", c.version())
                .put("selfUri", CAMPAIGNS + "/" + c.id());
    }

    static JsonObject attempt(Attempt a) {
        return new JsonObject().put("id", a.id().toString()).put("contactId", a.contactId()).put("number", a.number())
                .put("phoneColumn", a.phoneColumn()).put("node", a.node()).put("dateCreated", a.createdAt().toString())
                .put("callerId", a.callerId()).put("trunkGroup", a.trunkGroup()).put("callId", a.callId())
                .put("result", a.result()).put("sipStatus", a.sipStatus()).put("q850", a.q850())
                .put("disposition", a.disposition() == null ? null : OutboundJson.camel(a.disposition())).put("cpa", a.cpa())
                .put("amd", a.amdEvidence() == null ? null : new JsonObject(a.amdEvidence())).put("liveAnswer", a.liveAnswer())
                .put("abandoned", a.abandoned()).put("answeredAt", str(a.answeredAt())).put("endedAt", str(a.endedAt()))
                .put("timeToAnswerMs", a.timeToAnswerMs()).put("talkMs", a.talkMs()).put("durationMs", a.durationMs())
                .put("agentId", a.agent().agentId() == null ? null : a.agent().agentId().toString())
                .put("timeToAgentMs", a.agent().timeToAgentMs()).put("agentTalkMs", a.agent().agentTalkMs())
                .put("wrapUpMs", a.agent().wrapUpMs());
    }

    static JsonObject decision(Decisions.Decision d) {
        return new JsonObject().put("contactId", d.contactId()).put("at", d.at().toString()).put("dialed", d.dialed())
                .put("code", d.code()).put("number", d.number()).put("detail", d.detail());
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
