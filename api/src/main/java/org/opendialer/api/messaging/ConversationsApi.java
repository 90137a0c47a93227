package org.opendialer.api.messaging;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.opendialer.api.auth.ApiGuard;
import org.opendialer.api.auth.TokenService;
import org.opendialer.api.http.Blocking;
import org.opendialer.api.http.Listing;
import org.opendialer.api.http.Problem;
import org.opendialer.api.http.Resources;
import org.opendialer.notifications.messaging.AgentlessMessages;
import org.opendialer.notifications.messaging.Channel;
import org.opendialer.notifications.messaging.Messaging;
import org.opendialer.notifications.messaging.MessageStatus;

/**
 * {@code /api/v2/conversations/...}: agentless SMS and email (with an optional {@code Idempotency-Key} header,
 * scoped to the calling client), a message with its status history, a conversation's thread, saved templates.
 */
public final class ConversationsApi {

    /** Rows in a CSV download of the interaction view, newest first. */
    private static final int CSV_LIMIT = 10_000;

    private final Messaging messaging;
    private final Blocking blocking;

    public ConversationsApi(Messaging messaging, Blocking blocking) {
        this.messaging = messaging;
        this.blocking = blocking;
    }

    /** 202 with the message when it went to the transport, 201 on an idempotent replay of the same request. */
    public void sendAgentless(RoutingContext rc) {
        JsonObject b = Replies.body(rc);
        String key = rc.request().getHeader("Idempotency-Key");
        TokenService.Grant grant = ApiGuard.grant(rc);
        Map<String, String> vars = new HashMap<>();
        JsonObject v = b.getJsonObject("templateVariables");
        if (v != null) {
            v.forEach(e -> vars.put(e.getKey(), String.valueOf(e.getValue())));
        }
        String templateId = Replies.str(b, "templateId");
        JsonObject webhook = b.getJsonObject("webhook");
        if (webhook != null && Replies.str(b, "webhookUrl") != null) {
            Replies.badRequest(rc, "webhookUrl: give webhook {url, secret} or the older webhookUrl, not both");
            return;
        }
        AgentlessMessages.Request req;
        try {
            req = new AgentlessMessages.Request(Replies.str(b, "fromAddress"), b.getString("toAddress"),
                    Channel.valueOf(b.getString("toAddressMessengerType").toUpperCase(Locale.ROOT)), Replies.str(b, "textBody"),
                    Replies.str(b, "subject"), Replies.str(b, "htmlBody"), templateId == null ? null : UUID.fromString(templateId),
                    vars, webhook == null ? Replies.str(b, "webhookUrl") : webhook.getString("url"),
                    webhook == null ? null : webhook.getString("secret"));
        } catch (IllegalArgumentException e) {
            Replies.badRequest(rc, "templateId: not a UUID");
            return;
        }
        Replies.answer(rc, blocking.call(() -> messaging.agentless().send(grant.clientId(), key, req)), res -> {
            if (res.message().status() == MessageStatus.SUPPRESSED && res.created()) {
                // stored for the interaction view, but the client must know nothing was sent
                Problem.of("opted-out", 422, "Recipient opted out", res.message().to() + " is "
                        + res.message().statusDetail() + "; nothing was sent")
                        .send(rc, new JsonObject().put("message", Json.message(res.message())));
                return;
            }
            rc.response().putHeader("Location", Resources.MESSAGE.uri(res.message().id()));
            Replies.json(rc, res.created() ? 202 : 200, Json.message(res.message()));
        });
    }

    public void getMessage(RoutingContext rc) {
        UUID id = UUID.fromString(Replies.path(rc, "messageId"));
        Replies.answer(rc, blocking.call(() -> messaging.messages().find(id).map(m ->
                Json.message(m).put("history", Json.events(messaging.messages().events(id)))).orElse(null)), o -> {
            if (o == null) {
                Replies.notFound(rc, "no message " + id);
            } else {
                Replies.json(rc, 200, o);
            }
        });
    }

    /** The interaction view: {@code ?address=&campaignId=&pageSize=&pageNumber=&format=json|csv}. */
    public void listMessages(RoutingContext rc) {
        var q = Replies.request(rc).getQuery();
        String rawAddress = rc.queryParams().get("address"); // raw: the validator reads digits as a number
        String campaignId = q.get("campaignId") == null || q.get("campaignId").isNull() ? null : q.get("campaignId").getString();
        UUID campaign = campaignId == null ? null : UUID.fromString(campaignId);
        boolean csv = q.get("format") != null && !q.get("format").isNull() && "csv".equals(q.get("format").getString());
        Listing.Page page = csv ? new Listing.Page(Listing.MAX_SIZE, 1) : Listing.page(rc);
        Replies.answer(rc, blocking.call(() -> {
            String address = rawAddress == null || rawAddress.isBlank() ? null
                    : messaging.ledger().addresses().canonical(org.opendialer.contacts.consent.ContactChannel.EMAIL, rawAddress)
                    .or(() -> messaging.ledger().addresses().e164(rawAddress)).orElse(rawAddress.strip());
            return csv ? new Listing.Result<>(messaging.messages().search(address, campaign, CSV_LIMIT, 0), -1)
                    : new Listing.Result<>(messaging.messages().search(address, campaign, page.pageSize(), page.offset()),
                    messaging.messages().count(address, campaign));
        }), result -> {
            if (csv) {
                rc.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                        .putHeader("Content-Disposition", "attachment; filename=\"messages.csv\"")
                        .end(org.opendialer.notifications.messaging.MessageExport.csv(result.items()));
                return;
            }
            Listing.send(rc, page, result, Json::message);
        });
    }

    public void getConversation(RoutingContext rc) {
        UUID id = UUID.fromString(Replies.path(rc, "conversationId"));
        Replies.answer(rc, blocking.call(() -> {
            var open = messaging.conversations().isOpen(id);
            if (open.isEmpty()) {
                return null;
            }
            JsonArray a = new JsonArray();
            messaging.messages().conversation(id).forEach(m -> a.add(Json.message(m)));
            return new JsonObject().put("id", id.toString()).put("selfUri", Resources.CONVERSATION.uri(id))
                    .put("open", open.get()).put("messages", a);
        }), o -> {
            if (o == null) {
                Replies.notFound(rc, "no conversation " + id);
            } else {
                Replies.json(rc, 200, o);
            }
        });
    }

    public void createTemplate(RoutingContext rc) {
        JsonObject b = Replies.body(rc);
        Replies.answer(rc, blocking.call(() -> messaging.templates().create(b.getString("name").strip(),
                Channel.valueOf(b.getString("messengerType").toUpperCase(Locale.ROOT)), Replies.str(b, "subject"),
                b.getString("body"), Replies.str(b, "html"))), t -> {
            rc.response().putHeader("Location", Resources.MESSAGE_TEMPLATE.uri(t.id()));
            Replies.json(rc, 201, Json.template(t));
        });
    }

    public void listTemplates(RoutingContext rc) {
        Listing.Page page = Listing.page(rc);
        Replies.answer(rc, blocking.call(() -> new Listing.Result<>(messaging.templates().list(page.pageSize(), page.offset()),
                messaging.templates().count())), result -> Listing.send(rc, page, result, Json::template));
    }

    public void getTemplate(RoutingContext rc) {
        UUID id = UUID.fromString(Replies.path(rc, "templateId"));
        Replies.answer(rc, blocking.call(() -> messaging.templates().find(id)), t -> {
            if (t.isEmpty()) {
                Replies.notFound(rc, "no message template " + id);
            } else {
                Replies.json(rc, 200, Json.template(t.get()));
            }
        });
    }
}
