package org.opendialer.api.messaging;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import org.opendialer.api.http.Blocking;
import org.opendialer.contacts.consent.ConsentLedger;
import org.opendialer.contacts.consent.ConsentSource;
import org.opendialer.contacts.consent.ContactChannel;

/**
 * {@code /api/v2/outbound/dnc/{channel}}: the consent ledger shared by voice, SMS and email. Entries added here
 * carry the source {@code api}; the path's address may be written in any form (it is stored canonical).
 */
public final class DncApi {

    private final ConsentLedger ledger;
    private final Blocking blocking;

    public DncApi(ConsentLedger ledger, Blocking blocking) {
        this.ledger = ledger;
        this.blocking = blocking;
    }

    private static ContactChannel channel(RoutingContext rc) {
        return ContactChannel.valueOf(Replies.path(rc, "channel").toUpperCase(Locale.ROOT));
    }

    public void list(RoutingContext rc) {
        ContactChannel ch = channel(rc);
        var q = Replies.request(rc).getQuery();
        int limit = q.get("limit") == null || q.get("limit").isNull() ? 100 : q.get("limit").getInteger();
        int offset = q.get("offset") == null || q.get("offset").isNull() ? 0 : q.get("offset").getInteger();
        Replies.answer(rc, blocking.call(() -> ledger.list(ch, limit, offset)), all -> {
            JsonArray a = new JsonArray();
            all.forEach(e -> a.add(Json.consent(e)));
            Replies.json(rc, 200, new JsonObject().put("entities", a).put("limit", limit).put("offset", offset));
        });
    }

    public void add(RoutingContext rc) {
        ContactChannel ch = channel(rc);
        JsonObject b = Replies.body(rc);
        Replies.answer(rc, blocking.call(() -> ledger.add(ch, b.getString("address"), ConsentSource.API, Replies.str(b, "note"))),
                e -> Replies.json(rc, 201, Json.consent(e)));
    }

    public void get(RoutingContext rc) {
        ContactChannel ch = channel(rc);
        String address = rc.pathParam("address"); // raw: the validator turns +1555... into a number
        Replies.answer(rc, blocking.call(() -> ledger.find(ch, address)), e -> {
            if (e.isEmpty()) {
                Replies.notFound(rc, address + " is not on the " + ch.name().toLowerCase(Locale.ROOT) + " do-not-contact list");
            } else {
                Replies.json(rc, 200, Json.consent(e.get()));
            }
        });
    }

    public void remove(RoutingContext rc) {
        ContactChannel ch = channel(rc);
        String address = rc.pathParam("address"); // raw: the validator turns +1555... into a number
        Replies.answer(rc, blocking.call(() -> ledger.remove(ch, address, ConsentSource.API, "removed through the API")), removed -> {
            if (removed) {
                rc.response().setStatusCode(204).end();
            } else {
                Replies.notFound(rc, address + " is not on the " + ch.name().toLowerCase(Locale.ROOT) + " do-not-contact list");
            }
        });
    }
}
