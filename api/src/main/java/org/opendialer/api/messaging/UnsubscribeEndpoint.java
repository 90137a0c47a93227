package org.opendialer.api.messaging;

import io.vertx.ext.web.RoutingContext;
import org.opendialer.api.http.Blocking;
import org.opendialer.api.http.Problem;
import org.opendialer.notifications.messaging.Unsubscribes;

/**
 * The public one-click unsubscribe of RFC 8058, outside {@code /api/v2} (no token: the recipient's mail client
 * calls it). POST with {@code List-Unsubscribe=One-Click} puts the address on the email DNC; GET only shows a
 * page with a button, because link scanners follow GETs (RFC 8058 section 3.2 forbids acting on them).
 */
public final class UnsubscribeEndpoint {

    private final Unsubscribes unsubscribes;
    private final Blocking blocking;

    public UnsubscribeEndpoint(Unsubscribes unsubscribes, Blocking blocking) {
        this.unsubscribes = unsubscribes;
        this.blocking = blocking;
    }

    public void post(RoutingContext rc) {
        String token = rc.pathParam("token");
        String body = rc.body() == null ? "" : rc.body().asString();
        if (body != null && !body.isBlank() && !body.contains("List-Unsubscribe=One-Click")) {
            Problem.of("bad-request", 400, "Bad Request", "expected the form field List-Unsubscribe=One-Click (RFC 8058)").send(rc);
            return;
        }
        blocking.call(() -> unsubscribes.oneClick(token)).onFailure(rc::fail).onSuccess(address -> {
            if (address.isEmpty()) {
                Problem.of("not-found", 404, "Not Found", "this unsubscribe link is not valid").send(rc);
            } else {
                rc.response().putHeader("Content-Type", "text/plain; charset=utf-8").end("Unsubscribed: " + address + "\n");
            }
        });
    }

    public void page(RoutingContext rc) {
        String token = rc.pathParam("token").replaceAll("[^A-Za-z0-9_-]", "");
        rc.response().putHeader("Content-Type", "text/html; charset=utf-8").end("""
                <!doctype html><html><head><meta charset="utf-8"><title>Unsubscribe</title></head><body>
                <form method="post" action="/unsubscribe/%s">
                <input type="hidden" name="List-Unsubscribe" value="One-Click">
                <p>Stop receiving these emails?</p><button type="submit">Unsubscribe</button></form></body></html>
                """.formatted(token));
    }
}
