package org.opendialer.api.routing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.opendialer.acd.routing.AgentState;
import org.opendialer.acd.routing.Conflict;
import org.opendialer.api.http.Listing;
import org.opendialer.api.http.Problem;

/**
 * The platform conventions of the routing and users endpoints: lists answered as the API's one {@link Listing},
 * references {@code {id, selfUri}}, and service
 * exceptions as RFC 9457 problems (bad input 400 naming the field, missing 404, clash 409).
 */
public final class Envelope {

    private Envelope() {
    }

    /** A page request read from the validated query, with what the listing's URIs keep. */
    record PageRequest(int pageSize, int pageNumber, String path, MultiMap query) {
    }

    static PageRequest page(RoutingContext rc) {
        Listing.Page p = Listing.page(rc);
        return new PageRequest(p.pageSize(), p.pageNumber(), rc.request().path(), rc.queryParams());
    }

    static <T> JsonObject list(PageRequest p, List<T> items, long total, Function<T, JsonObject> json) {
        JsonArray entities = new JsonArray();
        items.forEach(i -> entities.add(json.apply(i)));
        return Listing.of(p.path(), p.query(), new Listing.Page(p.pageSize(), p.pageNumber()), total, entities);
    }

    /** A list that is never long (an agent's skills or queues), paged in memory. */
    static <T> JsonObject list(PageRequest p, List<T> all, Function<T, JsonObject> json) {
        int from = (int) Math.min(all.size(), (long) (p.pageNumber() - 1) * p.pageSize());
        return list(p, all.subList(from, Math.min(all.size(), from + p.pageSize())), all.size(), json);
    }

    static JsonObject ref(String base, UUID id) {
        return new JsonObject().put("id", id.toString()).put("selfUri", base + "/" + id);
    }

    static ValidatedRequest request(RoutingContext rc) {
        return rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    }

    static JsonObject body(RoutingContext rc) {
        return request(rc).getBody().getJsonObject();
    }

    static JsonArray bodyArray(RoutingContext rc) {
        return request(rc).getBody().getJsonArray();
    }

    static UUID pathId(RoutingContext rc, String name) {
        return UUID.fromString(request(rc).getPathParameters().get(name).getString());
    }

    static void json(RoutingContext rc, int status, JsonObject body) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    static void noContent(RoutingContext rc) {
        rc.response().setStatusCode(204).end();
    }

    /** Runs {@code onSuccess} with the result, or answers the failure as a problem. */
    static <T> void answer(RoutingContext rc, Future<T> work, Consumer<T> onSuccess) {
        work.onSuccess(onSuccess::accept).onFailure(e -> fail(rc, e));
    }

    /** Answers a service exception as a problem (400 naming the field, 404, 409), anything else as a failure. */
    public static void fail(RoutingContext rc, Throwable e) {
        switch (e) {
            case Conflict c -> Problem.of("conflict", 409, "Conflict", c.getMessage()).send(rc);
            case AgentState.IllegalTransition t -> Problem.of("conflict", 409, "Conflict", t.getMessage()).send(rc);
            case NoSuchElementException n -> Problem.of("not-found", 404, "Not Found", n.getMessage()).send(rc);
            case IllegalArgumentException iae -> {
                String m = iae.getMessage() == null ? "bad request" : iae.getMessage();
                int colon = m.indexOf(": ");
                String field = colon > 0 && !m.substring(0, colon).contains(" ") ? "/" + m.substring(0, colon).replace('.', '/') : "/";
                new Problem("urn:opendialer:problem:validation", 400, "Bad Request", m,
                        List.of(new Problem.FieldError(field, m))).send(rc);
            }
            default -> rc.fail(e);
        }
    }
}
