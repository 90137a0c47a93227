package org.opendialer.api.outbound;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.opendialer.api.http.Blocking;
import org.opendialer.contacts.lists.ContactCsvImport;
import org.opendialer.contacts.lists.ContactExport;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.contacts.lists.ContactListStore;
import org.opendialer.contacts.lists.ContactStore;
import org.opendialer.contacts.lists.ImportStatus;
import org.opendialer.contacts.lists.ListContact;

/**
 * A list's contacts: the streamed CSV upload and its job ({@code importstatus}), inserts in batches with "dial
 * next" ({@code priority=true}), one contact's read/update/delete, and the CSV export.
 */
final class ContactsApi {

    /** How long an upload's answer waits for the import after the body ended, below the API's idle timeout. */
    static final long SYNC_MILLIS = 10_000;

    private final ContactListStore lists;
    private final ContactStore contacts;
    private final ContactCsvImport imports;
    private final ContactExport export;
    private final Blocking blocking;

    ContactsApi(ContactListStore lists, javax.sql.DataSource dataSource, Blocking blocking) {
        this.lists = lists;
        this.contacts = new ContactStore(dataSource, lists);
        this.imports = new ContactCsvImport(dataSource, lists);
        this.export = new ContactExport(dataSource, lists);
        this.blocking = blocking;
    }

    /**
     * {@code POST /api/v2/outbound/contactlists/{id}/upload?mode=&map=<csv header>:<list column>}: a raw text/csv
     * body of any size, streamed (see {@link RequestBodyStream}); answers 200 with the finished job, or 202 with the
     * running one when the import is still merging {@value #SYNC_MILLIS} ms after the body ended.
     */
    void upload(RoutingContext rc) {
        UUID id = CsvUploads.id(rc, "contactListId", "contact list");
        if (id == null || !CsvUploads.isCsv(rc)) {
            return;
        }
        Boolean skip = CsvUploads.skipBadRows(rc);
        if (skip == null) {
            return;
        }
        Map<String, String> headerMap = new HashMap<>();
        for (String m : rc.queryParams().getAll("map")) {
            int colon = m.lastIndexOf(':');
            if (colon <= 0 || colon == m.length() - 1) {
                OutboundReplies.fail(rc, new IllegalArgumentException("map: '" + m + "' is not <csv header>:<list column>"));
                return;
            }
            headerMap.put(m.substring(0, colon).strip(), m.substring(colon + 1).strip());
        }
        String length = rc.request().getHeader("Content-Length");
        Long totalBytes = length == null ? null : Long.valueOf(length);
        ContactCsvImport.Mode mode = skip ? ContactCsvImport.Mode.SKIP_BAD_ROWS : ContactCsvImport.Mode.REJECT_FILE;
        RequestBodyStream body = new RequestBodyStream(rc.request(), Vertx.currentContext());
        Future<ImportStatus> work = blocking.call(() -> {
            try (body) {
                return imports.load(id, body, mode, headerMap, totalBytes);
            }
        });
        // A large file's merge can outlast the connection's idle timeout: past SYNC_MILLIS after the body ended,
        // answer 202 with the running job and let the client follow importstatus.
        boolean[] answered = {false};
        body.received().onSuccess(v -> rc.vertx().setTimer(SYNC_MILLIS, t -> {
            if (!answered[0]) {
                answered[0] = true;
                OutboundReplies.answer(rc, blocking.call(() -> imports.status(id).orElseThrow()), s -> {
                    rc.response().putHeader("Location", ContactListJson.LISTS + "/" + id + "/importstatus");
                    OutboundReplies.json(rc, 202, ContactListJson.importStatus(s));
                });
            }
        }));
        work.onComplete(ar -> {
            if (!answered[0]) {
                answered[0] = true;
                OutboundReplies.answer(rc, work, s -> OutboundReplies.json(rc, 200, ContactListJson.importStatus(s)));
            }
        });
    }

    void importStatus(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "contactListId");
        OutboundReplies.answer(rc, blocking.call(() -> {
            lists.require(id);
            return imports.status(id).orElseThrow(() -> new NoSuchElementException("contact list " + id + " has had no upload"));
        }), s -> OutboundReplies.json(rc, 200, ContactListJson.importStatus(s)));
    }

    /** Body: {@code [{data: {column: value}}, ...]}, at most 1,000; all stored or none. Answers {@code {contacts: [...]}}. */
    void insert(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "contactListId");
        RequestParameter p = OutboundReplies.request(rc).getQuery().get("priority");
        boolean priority = p != null && !p.isNull() && p.getBoolean();
        JsonArray body = OutboundReplies.request(rc).getBody().getJsonArray();
        List<Map<String, String>> rows = new ArrayList<>();
        for (Object o : body) {
            rows.add(strings(((JsonObject) o).getJsonObject("data")));
        }
        OutboundReplies.answer(rc, blocking.call(() -> new Inserted(lists.require(id), contacts.insert(id, rows, priority))), r -> {
            JsonArray out = new JsonArray();
            r.contacts().forEach(c -> out.add(ContactListJson.contact(r.list(), c)));
            OutboundReplies.json(rc, 200, new JsonObject().put("contacts", out));
        });
    }

    private record Inserted(ContactList list, List<ListContact> contacts) {
    }

    void get(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "contactListId");
        String contactId = OutboundReplies.request(rc).getPathParameters().get("contactId").getString();
        OutboundReplies.answer(rc, blocking.call(() -> new Inserted(lists.require(id), List.of(contacts.find(id, contactId)
                        .orElseThrow(() -> new NoSuchElementException("no contact " + contactId + " in list " + id))))),
                r -> OutboundReplies.json(rc, 200, ContactListJson.contact(r.list(), r.contacts().getFirst())));
    }

    /** Body: {@code {data, priority?, callable?, version}}; the version must be the stored one (else 409). */
    void update(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "contactListId");
        String contactId = OutboundReplies.request(rc).getPathParameters().get("contactId").getString();
        JsonObject b = OutboundReplies.body(rc);
        Map<String, String> data = strings(b.getJsonObject("data"));
        OutboundReplies.answer(rc, blocking.call(() -> {
            ListContact now = contacts.find(id, contactId)
                    .orElseThrow(() -> new NoSuchElementException("no contact " + contactId + " in list " + id));
            return new Inserted(lists.require(id), List.of(contacts.update(id, contactId, data, b.getBoolean("priority", now.priority()),
                    b.getBoolean("callable", now.callable()), b.getInteger("version"))));
        }), r -> OutboundReplies.json(rc, 200, ContactListJson.contact(r.list(), r.contacts().getFirst())));
    }

    void delete(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "contactListId");
        String contactId = OutboundReplies.request(rc).getPathParameters().get("contactId").getString();
        OutboundReplies.answer(rc, blocking.call(() -> contacts.delete(id, contactId)), gone -> {
            if (gone) {
                rc.response().setStatusCode(204).end();
            } else {
                OutboundReplies.notFound(rc, "no contact " + contactId + " in list " + id);
            }
        });
    }

    /** The list as CSV, streamed; a failure after the first chunk cuts the connection (the file is then incomplete). */
    void export(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "contactListId");
        ResponseWriter out = new ResponseWriter(rc.response(), Vertx.currentContext(), "text/csv; charset=utf-8", "contactlist-" + id + ".csv");
        blocking.call(() -> {
            export.write(id, out);
            out.close();
            return null;
        }).onFailure(e -> {
            if (out.started()) {
                rc.response().reset();
            } else {
                OutboundReplies.fail(rc, e);
            }
        });
    }

    private static Map<String, String> strings(JsonObject o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o != null) {
            o.forEach(e -> out.put(e.getKey(), e.getValue() == null ? "" : e.getValue().toString()));
        }
        return out;
    }
}
