package org.opendialer.api.messaging;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.opendialer.api.http.Blocking;
import org.opendialer.api.http.Listing;
import org.opendialer.api.http.Resources;
import org.opendialer.contacts.lists.ContactListStore;
import org.opendialer.contacts.lists.CsvContactParser;

/**
 * {@code /api/v2/outbound/contactlists}: create a list, with a small CSV inside the JSON body (all rows or none: a
 * bad row is a 400 naming its line; the request limit, 1 MiB, bounds it) or empty with its columns (then upload a
 * CSV file of any size, see {@code api.outbound.ContactsApi}); list and read lists.
 */
public final class ContactListsApi {

    private final ContactListStore lists;
    private final Blocking blocking;

    public ContactListsApi(ContactListStore lists, Blocking blocking) {
        this.lists = lists;
        this.blocking = blocking;
    }

    /** With {@code csv}: the list and its contacts at once; with {@code columnNames} only: an empty list to upload into. */
    public void create(RoutingContext rc) {
        JsonObject b = Replies.body(rc);
        List<String> phones = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (Object o : b.getJsonArray("phoneColumns", new JsonArray())) {
            phones.add(o instanceof JsonObject j ? j.getString("columnName") : o.toString());
            types.add(o instanceof JsonObject j ? j.getString("type", "other") : "other");
        }
        List<String> emails = b.getJsonArray("emailColumns", new JsonArray()).stream()
                .map(o -> o instanceof JsonObject j ? j.getString("columnName") : o.toString()).toList();
        CsvContactParser.Spec spec = new CsvContactParser.Spec(phones, types, emails, Replies.str(b, "timeZoneColumn"),
                Replies.str(b, "postalCodeColumn"), Replies.str(b, "keyColumn"), Replies.str(b, "defaultRegion"));
        String name = b.getString("name").strip();
        String csv = b.getString("csv");
        JsonArray columns = b.getJsonArray("columnNames");
        Replies.answer(rc, blocking.call(() -> {
            if (csv == null && columns == null) {
                throw new IllegalArgumentException("give csv (the list with its contacts) or columnNames (an empty list)");
            }
            return csv != null ? lists.create(name, csv, spec) : lists.create(name, strings(columns), spec);
        }), l -> {
            rc.response().putHeader("Location", Resources.CONTACT_LIST.uri(l.id()));
            Replies.json(rc, 201, Json.contactList(l));
        });
    }

    public void list(RoutingContext rc) {
        Listing.Page page = Listing.page(rc);
        Replies.answer(rc, blocking.call(() -> new Listing.Result<>(lists.list(page.pageSize(), page.offset()), lists.count())),
                result -> Listing.send(rc, page, result, Json::contactList));
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
