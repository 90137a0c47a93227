package org.opendialer.api.messaging;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.opendialer.api.http.Casing;
import org.opendialer.api.http.Resources;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.notifications.messaging.CampaignStore;
import org.opendialer.contacts.consent.ConsentEntry;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.notifications.messaging.Message;
import org.opendialer.notifications.messaging.MessageStore;
import org.opendialer.notifications.messaging.MessageTemplate;
import org.opendialer.notifications.messaging.MessagingCampaign;

/**
 * JSON forms of the messaging entities, as the OpenAPI document describes them: each with its {@code selfUri},
 * {@code dateCreated} (and {@code dateModified} when it can change), references as {@code {id, selfUri}} and enum
 * values in lowerCamelCase.
 */
final class Json {

    private Json() {
    }

    static String lower(Enum<?> e) {
        return Casing.camel(e);
    }

    static JsonObject message(Message m) {
        JsonObject o = new JsonObject().put("id", m.id().toString()).put("selfUri", Resources.MESSAGE.uri(m.id()))
                .put("direction", m.outbound() ? "outbound" : "inbound").put("messengerType", lower(m.channel()))
                .put("fromAddress", m.from()).put("toAddress", m.to()).put("textBody", m.body())
                .put("status", lower(m.status())).put("dateCreated", m.createdAt().toString())
                .put("dateModified", m.updatedAt().toString()).put("version", m.version());
        putIf(o, "conversation", Resources.CONVERSATION.ref(m.conversationId()));
        putIf(o, "subject", m.subject());
        putIf(o, "statusDetail", m.statusDetail());
        putIf(o, "segments", m.segments());
        putIf(o, "emailMessageId", m.emailMessageId());
        putIf(o, "campaign", Resources.MESSAGING_CAMPAIGN.ref(m.campaignId()));
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
        JsonObject o = new JsonObject().put("id", t.id().toString()).put("selfUri", Resources.MESSAGE_TEMPLATE.uri(t.id()))
                .put("name", t.name()).put("messengerType", lower(t.channel())).put("body", t.body())
                .put("dateCreated", t.createdAt().toString()).put("version", t.version());
        putIf(o, "subject", t.subject());
        putIf(o, "html", t.html());
        return o;
    }

    static JsonObject contactList(ContactList l) {
        JsonArray phones = new JsonArray();
        for (int i = 0; i < l.phoneColumns().size(); i++) {
            phones.add(new JsonObject().put("columnName", l.phoneColumns().get(i)).put("type", l.phoneTypes().get(i)));
        }
        JsonArray emails = new JsonArray();
        l.emailColumns().forEach(c -> emails.add(new JsonObject().put("columnName", c)));
        JsonObject o = new JsonObject().put("id", l.id().toString()).put("selfUri", Resources.CONTACT_LIST.uri(l.id()))
                .put("name", l.name()).put("columnNames", new JsonArray(l.columns())).put("phoneColumns", phones)
                .put("emailColumns", emails).put("size", l.size())
                .put("dateCreated", l.createdAt().toString()).put("dateModified", l.modifiedAt().toString()).put("version", l.version());
        putIf(o, "timeZoneColumn", l.timeZoneColumn());
        putIf(o, "postalCodeColumn", l.postalCodeColumn());
        putIf(o, "keyColumn", l.keyColumn());
        putIf(o, "defaultRegion", l.defaultRegion());
        return o;
    }

    static JsonObject campaign(MessagingCampaign c) {
        JsonObject o = new JsonObject().put("id", c.id().toString()).put("selfUri", Resources.MESSAGING_CAMPAIGN.uri(c.id()))
                .put("name", c.name()).put("messengerType", lower(c.channel()))
                .put("contactList", Resources.CONTACT_LIST.ref(c.contactListId()))
                .put("addressColumn", c.addressColumn()).put("fromAddress", c.fromAddress())
                .put("messagesPerMinute", c.messagesPerMinute()).put("timeZone", c.defaultTimeZone().getId())
                .put("campaignStatus", lower(c.status())).put("dateCreated", c.createdAt().toString())
                .put("dateModified", c.updatedAt().toString()).put("version", c.version());
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
        return new JsonObject().put("campaign", Resources.MESSAGING_CAMPAIGN.ref(p.campaignId()))
                .put("campaignStatus", lower(p.status()))
                .put("totalContacts", p.total()).put("processedContacts", p.processed()).put("pending", p.pending())
                .put("sent", p.sent()).put("skipped", p.skipped()).put("failed", p.failed())
                .put("unknown", p.unknown()).put("delivered", p.delivered()).put("undelivered", p.undelivered())
                .put("percentComplete", p.percentComplete());
    }

    static JsonObject consent(ConsentEntry e) {
        JsonObject o = new JsonObject().put("channel", lower(e.channel())).put("address", e.address())
                .put("selfUri", dncUri(e.channel(), e.address()))
                .put("source", lower(e.source())).put("dateCreated", e.createdAt().toString())
                .put("dateModified", e.updatedAt().toString()).put("version", e.version());
        putIf(o, "note", e.note());
        return o;
    }

    /** The entry's URI; the address as stored (E.164 with its '+', or an email address), percent-encoded. */
    static String dncUri(ContactChannel channel, String address) {
        return "/api/v2/outbound/dnc/" + lower(channel) + "/"
                + java.net.URLEncoder.encode(address, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    static JsonObject attempt(CampaignStore.Attempt x) {
        JsonObject o = new JsonObject().put("contactId", x.contactId()).put("at", x.at().toString())
                .put("outcome", Casing.camel(x.outcome()));
        putIf(o, "message", Resources.MESSAGE.ref(x.messageId()));
        putIf(o, "detail", x.detail());
        return o;
    }

    private static void putIf(JsonObject o, String key, Object value) {
        if (value != null) {
            o.put(key, value);
        }
    }
}
