package org.opendialer.api.messaging;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import org.opendialer.contacts.consent.ConsentEntry;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.notifications.messaging.Message;
import org.opendialer.notifications.messaging.MessageStore;
import org.opendialer.notifications.messaging.MessageTemplate;
import org.opendialer.notifications.messaging.MessagingCampaign;

/** JSON forms of the messaging entities, as the OpenAPI document describes them. */
final class Json {

    private Json() {
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static JsonObject message(Message m) {
        JsonObject o = new JsonObject().put("id", m.id().toString()).put("conversationId", str(m.conversationId()))
                .put("direction", m.outbound() ? "outbound" : "inbound").put("messengerType", lower(m.channel()))
                .put("fromAddress", m.from()).put("toAddress", m.to()).put("textBody", m.body())
                .put("status", lower(m.status())).put("createdAt", m.createdAt().toString())
                .put("updatedAt", m.updatedAt().toString());
        putIf(o, "subject", m.subject());
        putIf(o, "statusDetail", m.statusDetail());
        putIf(o, "segments", m.segments());
        putIf(o, "emailMessageId", m.emailMessageId());
        putIf(o, "campaignId", str(m.campaignId()));
        putIf(o, "contactId", m.contactId());
        return o;
    }

    static JsonArray events(java.util.List<MessageStore.Event> events) {
        JsonArray a = new JsonArray();
        events.forEach(e -> {
            JsonObject o = new JsonObject().put("at", e.at().toString()).put("status", lower(e.status()));
            putIf(o, "detail", e.detail());
            a.add(o);
        });
        return a;
    }

    static JsonObject template(MessageTemplate t) {
        JsonObject o = new JsonObject().put("id", t.id().toString()).put("name", t.name())
                .put("messengerType", lower(t.channel())).put("body", t.body()).put("createdAt", t.createdAt().toString());
        putIf(o, "subject", t.subject());
        putIf(o, "html", t.html());
        return o;
    }

    static JsonObject contactList(ContactList l) {
        JsonObject o = new JsonObject().put("id", l.id().toString()).put("name", l.name())
                .put("columnNames", new JsonArray(l.columns())).put("phoneColumns", new JsonArray(l.phoneColumns()))
                .put("emailColumns", new JsonArray(l.emailColumns())).put("size", l.size())
                .put("createdAt", l.createdAt().toString());
        putIf(o, "timeZoneColumn", l.timeZoneColumn());
        return o;
    }

    static JsonObject campaign(MessagingCampaign c) {
        JsonObject o = new JsonObject().put("id", c.id().toString()).put("name", c.name())
                .put("messengerType", lower(c.channel())).put("contactListId", c.contactListId().toString())
                .put("addressColumn", c.addressColumn()).put("fromAddress", c.fromAddress())
                .put("messagesPerMinute", c.messagesPerMinute()).put("timeZone", c.defaultTimeZone().getId())
                .put("campaignStatus", lower(c.status())).put("createdAt", c.createdAt().toString())
                .put("updatedAt", c.updatedAt().toString());
        putIf(o, "subject", c.subject());
        putIf(o, "template", c.template());
        putIf(o, "htmlTemplate", c.htmlTemplate());
        putIf(o, "messageColumn", c.messageColumn());
        if (c.callableFrom() != null) {
            o.put("callableHours", new JsonObject().put("from", c.callableFrom().toString()).put("to", c.callableTo().toString()));
        }
        return o;
    }

    static JsonObject progress(MessagingCampaign.Progress p) {
        return new JsonObject().put("campaignId", p.campaignId().toString()).put("campaignStatus", lower(p.status()))
                .put("totalContacts", p.total()).put("processedContacts", p.processed()).put("pending", p.pending())
                .put("sent", p.sent()).put("skipped", p.skipped()).put("failed", p.failed())
                .put("unknown", p.unknown()).put("delivered", p.delivered()).put("undelivered", p.undelivered())
                .put("percentComplete", p.percentComplete());
    }

    static JsonObject consent(ConsentEntry e) {
        JsonObject o = new JsonObject().put("channel", lower(e.channel())).put("address", e.address())
                .put("source", lower(e.source())).put("createdAt", e.createdAt().toString());
        putIf(o, "note", e.note());
        return o;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static void putIf(JsonObject o, String key, Object value) {
        if (value != null) {
            o.put(key, value);
        }
    }
}
