package org.opendialer.api.messaging;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.opendialer.api.http.Problem;
import org.opendialer.contacts.lists.ContactImportException;
import org.opendialer.notifications.messaging.AgentlessMessages;
import org.opendialer.notifications.messaging.MessagingCampaigns;

/**
 * What the messaging handlers share: the validated request, JSON answers, and the mapping of service exceptions
 * to RFC 9457 problems. Bad input is a 400 naming the field, a missing thing 404, a state clash 409; anything
 * else goes to the router's failure handler (500, logged).
 */
final class Replies {

    private Replies() {
    }

    static ValidatedRequest request(RoutingContext rc) {
        return rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    }

    static JsonObject body(RoutingContext rc) {
        return request(rc).getBody().getJsonObject();
    }

    static String path(RoutingContext rc, String name) {
        return request(rc).getPathParameters().get(name).getString();
    }

    static void json(RoutingContext rc, int status, JsonObject body) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    /** Runs {@code onSuccess} with the result, or answers the failure as a problem. */
    static <T> void answer(RoutingContext rc, Future<T> work, Consumer<T> onSuccess) {
        work.onSuccess(onSuccess::accept).onFailure(e -> fail(rc, e));
    }

    static void fail(RoutingContext rc, Throwable e) {
        switch (e) {
            case ContactImportException c -> new Problem("urn:opendialer:problem:validation", 400, "The contact list was not imported",
                    c.getMessage() + "; nothing was stored",
                    List.of(new Problem.FieldError(c.line() > 0 ? "/csv line " + c.line() : "/csv", c.getMessage()))).send(rc);
            case AgentlessMessages.IdempotencyConflict c -> Problem.of("idempotency-conflict", 409, "Conflict", c.getMessage()).send(rc);
            case MessagingCampaigns.StateConflict c -> Problem.of("conflict", 409, "Conflict", c.getMessage()).send(rc);
            case NoSuchElementException n -> Problem.of("not-found", 404, "Not Found", n.getMessage()).send(rc);
            case IllegalArgumentException iae -> badRequest(rc, iae.getMessage());
            default -> rc.fail(e);
        }
    }

    /** Messages of the form {@code field: reason} name the field as a JSON pointer. */
    static void badRequest(RoutingContext rc, String message) {
        int colon = message == null ? -1 : message.indexOf(": ");
        String field = colon > 0 && !message.substring(0, colon).contains(" ")
                ? "/" + message.substring(0, colon).replace('.', '/') : "/";
        new Problem("urn:opendialer:problem:validation", 400, "Bad Request", message,
                List.of(new Problem.FieldError(field, message))).send(rc);
    }

    static void notFound(RoutingContext rc, String what) {
        Problem.of("not-found", 404, "Not Found", what).send(rc);
    }

    static String str(JsonObject o, String key) {
        String v = o.getString(key);
        return v == null || v.isBlank() ? null : v;
    }
}
