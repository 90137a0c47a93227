package org.opendialer.api.outbound;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.opendialer.api.http.Blocking;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.contacts.dnc.DncEntries;
import org.opendialer.contacts.dnc.DncLists;

/**
 * {@code /api/v2/outbound/dnclists}: lists (CRUD, the internal one read-only), their entries, and batches of
 * phone numbers or email addresses added or removed in one request (all or nothing).
 */
final class DncListsApi {

    private final DncLists lists;
    private final DncEntries entries;
    private final org.opendialer.contacts.dnc.external.ExternalDncLists external;
    private final Blocking blocking;

    DncListsApi(DncLists lists, DncEntries entries, org.opendialer.contacts.dnc.external.ExternalDncLists external,
                Blocking blocking) {
        this.lists = lists;
        this.entries = entries;
        this.external = external;
        this.blocking = blocking;
    }

    void list(RoutingContext rc) {
        int size = OutboundPages.pageSize(rc);
        int number = OutboundPages.pageNumber(rc);
        OutboundReplies.answer(rc, blocking.call(() -> lists.page(size, number)), s -> OutboundPages.send(rc, s, OutboundJson::dncList));
    }

    /** A list of our own entries ({@code rds}, the default) or an external one with its provider's login id. */
    void create(RoutingContext rc) {
        JsonObject b = OutboundReplies.body(rc);
        String name = b.getString("name");
        String type = b.getString("dncSourceType", "rds");
        String loginId = b.getString("loginId");
        OutboundReplies.answer(rc, blocking.call(() -> "rds".equals(type) ? rds(name, loginId)
                : external.create(name, type, loginId)), l -> {
            rc.response().putHeader("Location", OutboundJson.DNC_LISTS + "/" + l.id());
            OutboundReplies.json(rc, 201, OutboundJson.dncList(l));
        });
    }

    private org.opendialer.contacts.dnc.DncList rds(String name, String loginId) {
        if (loginId != null) {
            throw new IllegalArgumentException("loginId: only an external list (dncSourceType dncCom) has one");
        }
        return lists.create(name);
    }

    void get(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "dncListId");
        OutboundReplies.answer(rc, blocking.call(() -> lists.require(id)), l -> OutboundReplies.json(rc, 200, OutboundJson.dncList(l)));
    }

    void update(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "dncListId");
        JsonObject b = OutboundReplies.body(rc);
        OutboundReplies.answer(rc, blocking.call(() -> lists.rename(id, b.getString("name"), b.getInteger("version"))),
                l -> OutboundReplies.json(rc, 200, OutboundJson.dncList(l)));
    }

    void delete(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "dncListId");
        OutboundReplies.answer(rc, blocking.call(() -> lists.delete(id)), deleted -> {
            if (deleted) {
                rc.response().setStatusCode(204).end();
            } else {
                OutboundReplies.notFound(rc, "no DNC list " + id);
            }
        });
    }

    void entries(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "dncListId");
        RequestParameter method = OutboundReplies.request(rc).getQuery().get("contactMethod");
        ContactChannel channel = method == null || method.isNull() ? null
                : ContactChannel.valueOf(method.getString().toUpperCase(Locale.ROOT));
        int size = OutboundPages.pageSize(rc);
        int number = OutboundPages.pageNumber(rc);
        OutboundReplies.answer(rc, blocking.call(() -> entries.page(id, channel, size, number)),
                s -> OutboundPages.send(rc, s, OutboundJson::dncEntry));
    }

    void patchPhoneNumbers(RoutingContext rc) {
        patch(rc, ContactChannel.PHONE, "phoneNumbers");
    }

    void patchEmailAddresses(RoutingContext rc) {
        patch(rc, ContactChannel.EMAIL, "emailAddresses");
    }

    /** {@code {action: add|remove, <field>: [...], expirationDateTime?}}: 200 with how many entries changed. */
    private void patch(RoutingContext rc, ContactChannel channel, String field) {
        UUID id = OutboundReplies.pathId(rc, "dncListId");
        JsonObject b = OutboundReplies.body(rc);
        List<String> addresses = b.getJsonArray(field, new JsonArray()).stream().map(Object::toString).toList();
        boolean add = "add".equals(b.getString("action"));
        String expiry = b.getString("expirationDateTime");
        rc.put(OutboundReplies.BATCH_FIELD, "/" + field);
        OutboundReplies.answer(rc, blocking.call(() -> {
            Instant expires = expiry == null ? null : Instant.parse(expiry);
            if (!add && expires != null) {
                throw new IllegalArgumentException("expirationDateTime: only with action add");
            }
            return add ? entries.add(id, channel, addresses, expires) : entries.remove(id, channel, addresses);
        }), n -> OutboundReplies.json(rc, 200, new JsonObject().put("action", b.getString("action")).put("count", n)));
    }
}
