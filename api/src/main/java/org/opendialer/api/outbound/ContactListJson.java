package org.opendialer.api.outbound;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.contacts.lists.ImportStatus;
import org.opendialer.contacts.lists.ListContact;

/** JSON forms of a list's contacts and upload jobs, as the contract describes them. */
final class ContactListJson {

    static final String LISTS = "/api/v2/outbound/contactlists";

    private ContactListJson() {
    }

    static String contactUri(UUID listId, String contactId) {
        return LISTS + "/" + listId + "/contacts/" + contactId;
    }

    /** The contact's columns in the list's order, then its dialing state and scheduled callback. */
    static JsonObject contact(ContactList list, ListContact c) {
        JsonObject data = new JsonObject();
        list.columns().forEach(col -> data.put(col, c.data().getOrDefault(col, "")));
        return new JsonObject().put("id", c.id()).put("contactListId", c.listId().toString()).put("data", data)
                .put("priority", c.priority()).put("callable", c.callable()).put("attempts", c.attempts())
                .put("lastAttemptAt", c.lastAttemptAt() == null ? null : c.lastAttemptAt().toString())
                .put("lastResult", c.lastResult()).put("skipReason", c.skipReason())
                .put("callbackScheduledTime", c.callbackAt() == null ? null : c.callbackAt().toString())
                .put("callbackNumber", c.callbackNumber())
                .put("dateCreated", c.createdAt().toString()).put("dateModified", c.modifiedAt().toString())
                .put("version", c.version()).put("selfUri", contactUri(c.listId(), c.id()));
    }

    static JsonObject importStatus(ImportStatus s) {
        JsonArray bad = new JsonArray();
        s.badRows().forEach(e -> bad.add(new JsonObject().put("line", e.line()).put("reason", e.reason())));
        return new JsonObject().put("id", s.id().toString())
                .put("contactList", new JsonObject().put("id", s.listId().toString()).put("selfUri", LISTS + "/" + s.listId()))
                .put("state", OutboundJson.camel(s.state().name())).put("mode", OutboundJson.camel(s.mode().name()))
                .put("totalRecords", s.totalRecords()).put("completedRecords", s.completedRecords())
                .put("percentComplete", s.percentComplete()).put("badRecords", s.badRecords())
                .put("duplicateRecords", s.duplicateRecords()).put("badRows", bad).put("failureReason", s.failureReason())
                .put("dateStarted", s.startedAt().toString())
                .put("dateFinished", s.finishedAt() == null ? null : s.finishedAt().toString());
    }
}
