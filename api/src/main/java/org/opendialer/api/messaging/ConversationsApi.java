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
import org.opendialer.notifications.messaging.AgentlessMessages;
import org.opendialer.notifications.messaging.Channel;
import org.opendialer.notifications.messaging.MessageStatus;
import org.opendialer.notifications.messaging.Messaging;

/**
 * {@code /api/v2/conversations/...}: agentless SMS and email (with an optional {@code Idempotency-Key} header,
 * scoped to the calling client), a message with its status history, a conversation's thread, saved templates.
 */
public final class ConversationsApi {

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
                rc.response().setStatusCode(422).putHeader("Content-Type", "application/problem+json")
                        .end(new JsonObject().put("type", "urn:opendialer:problem:opted-out").put("status", 422)
                                .put("title", "Recipient opted out").put("detail", res.message().to() + " is "
                                        + res.message().statusDetail() + "; nothing was sent")
                                .put("instance", rc.request().path()).put("message", Json.message(res.message())).encode());
                return;
            }
            rc.response().putHeader("Location", "/api/v2/conversations/messages/" + res.message().id());
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

    /** The interaction view: {@code ?address=&campaignId=&limit=&format=json|csv}. */
    public void listMessages(RoutingContext rc) {
        var q = Replies.request(rc).getQuery();
        String rawAddress = rc.queryParams().get("address"); // raw: the validator reads digits as a number
        String campaign = q.get("campaignId") == null || q.get("campaignId").isNull() ? null : q.get("campaignId").getString();
        int limit = q.get("limit") == null || q.get("limit").isNull() ? 100 : q.get("limit").getInteger();
        boolean csv = q.get("format") != null && !q.get("format").isNull() && "csv".equals(q.get("format").getString());
        Replies.answer(rc, blocking.call(() -> {
            String address = rawAddress == null || rawAddress.isBlank() ? null
                    : messaging.ledger().addresses().canonical(org.opendialer.contacts.consent.ContactChannel.EMAIL, rawAddress)
                    .or(() -> messaging.ledger().addresses().e164(rawAddress)).orElse(rawAddress.strip());
            return messaging.messages().search(address, campaign == null ? null : UUID.fromString(campaign), limit);
        }), all -> {
            if (csv) {
                rc.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                        .putHeader("Content-Disposition", "attachment; filename=\"messages.csv\"")
                        .end(org.opendialer.notifications.messaging.MessageExport.csv(all));
                return;
            }
            JsonArray a = new JsonArray();
            all.forEach(m -> a.add(Json.message(m)));
            Replies.json(rc, 200, new JsonObject().put("entities", a).put("total", all.size()));
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
            return new JsonObject().put("id", id.toString()).put("open", open.get()).put("messages", a);
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
            rc.response().putHeader("Location", "/api/v2/conversations/messages/templates/" + t.id());
            Replies.json(rc, 201, Json.template(t));
        });
    }

    public void listTemplates(RoutingContext rc) {
        Replies.answer(rc, blocking.call(() -> messaging.templates().list()), all -> {
            JsonArray a = new JsonArray();
            all.forEach(t -> a.add(Json.template(t)));
            Replies.json(rc, 200, new JsonObject().put("entities", a).put("total", all.size()));
        });
    }
}
