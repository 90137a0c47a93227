package org.opendialer.api.messaging;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;
import org.opendialer.api.http.Blocking;
import org.opendialer.contacts.lists.ContactListStore;
import org.opendialer.contacts.lists.CsvContactParser;

/**
 * {@code /api/v2/outbound/contactlists}: upload a CSV as a new list (all rows or none: a bad row is a 400 naming
 * its line), list and read lists. The CSV travels inside the JSON body, so the request limit (1 MiB) bounds it.
 */
public final class ContactListsApi {

    private final ContactListStore lists;
    private final Blocking blocking;

    public ContactListsApi(ContactListStore lists, Blocking blocking) {
        this.lists = lists;
        this.blocking = blocking;
    }

    public void create(RoutingContext rc) {
        JsonObject b = Replies.body(rc);
        CsvContactParser.Spec spec = new CsvContactParser.Spec(strings(b.getJsonArray("phoneColumns")),
                strings(b.getJsonArray("emailColumns")), Replies.str(b, "timeZoneColumn"));
        Replies.answer(rc, blocking.call(() -> lists.create(b.getString("name").strip(), b.getString("csv"), spec)), l -> {
            rc.response().putHeader("Location", "/api/v2/outbound/contactlists/" + l.id());
            Replies.json(rc, 201, Json.contactList(l));
        });
    }

    public void list(RoutingContext rc) {
        Replies.answer(rc, blocking.call(lists::list), all -> {
            JsonArray a = new JsonArray();
            all.forEach(l -> a.add(Json.contactList(l)));
            Replies.json(rc, 200, new JsonObject().put("entities", a).put("total", all.size()));
        });
    }

    public void get(RoutingContext rc) {
        UUID id = UUID.fromString(Replies.path(rc, "contactListId"));
        Replies.answer(rc, blocking.call(() -> lists.find(id)), l -> {
            if (l.isEmpty()) {
                Replies.notFound(rc, "no contact list " + id);
            } else {
                Replies.json(rc, 200, Json.contactList(l.get()));
            }
        });
    }

    private static List<String> strings(JsonArray a) {
        return a == null ? List.of() : a.stream().map(Object::toString).toList();
    }
}
