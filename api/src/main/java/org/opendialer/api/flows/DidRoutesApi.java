package org.opendialer.api.flows;

import static org.opendialer.api.flows.FlowResponses.answer;
import static org.opendialer.api.flows.FlowResponses.json;
import static org.opendialer.api.flows.FlowResponses.route;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.UUID;
import org.opendialer.api.http.Blocking;
import org.opendialer.api.http.Listing;
import org.opendialer.api.http.Problem;
import org.opendialer.ivr.flow.DidRoutes;
import org.opendialer.ivr.flow.DidRoutes.DidRoute;

/**
 * {@code /api/v2/routing/dids}: which flow answers a dialled number (E.164; its digits without the {@code +} in the
 * path, where a {@code +} would read as a space). A call to the DID runs the flow's
 * published version at the time it arrives; a DID without a route, or routed to a never-published flow, has no flow.
 */
public final class DidRoutesApi {

    static final String BASE = "/api/v2/routing/dids";

    private final DidRoutes dids;
    private final Blocking blocking;

    private DidRoutesApi(DidRoutes dids, Blocking blocking) {
        this.dids = dids;
        this.blocking = blocking;
    }

    public static void operations(RouterBuilder rb, DidRoutes dids, Blocking blocking) {
        DidRoutesApi api = new DidRoutesApi(dids, blocking);
        route(rb, "listDidRoutes").addHandler(api::list);
        route(rb, "getDidRoute").addHandler(api::get);
        route(rb, "putDidRoute").addHandler(api::put);
        route(rb, "deleteDidRoute").addHandler(api::delete);
    }

    void list(RoutingContext rc) {
        Listing.Page p = Listing.page(rc);
        answer(rc, blocking.call(() -> dids.list(p.pageNumber(), p.pageSize())),
                page -> Listing.send(rc, p, new Listing.Result<>(page.entities(), page.total()), DidRoutesApi::toJson));
    }

    void get(RoutingContext rc) {
        String did = e164(FlowResponses.path(rc, "did"));
        answer(rc, blocking.call(() -> dids.get(did).orElse(null)), r -> {
            if (r == null) {
                Problem.of("not-found", 404, "Not Found", "no route for " + did).send(rc);
            } else {
                json(rc, 200, toJson(r));
            }
        });
    }

    void put(RoutingContext rc) {
        String did = e164(FlowResponses.path(rc, "did"));
        UUID flowId = UUID.fromString(FlowResponses.validated(rc).getBody().getJsonObject().getString("flowId"));
        answer(rc, blocking.call(() -> dids.put(did, flowId)), r -> json(rc, 200, toJson(r)));
    }

    void delete(RoutingContext rc) {
        String did = e164(FlowResponses.path(rc, "did"));
        answer(rc, blocking.call(() -> dids.delete(did)), deleted -> {
            if (deleted) {
                rc.response().setStatusCode(204).end();
            } else {
                Problem.of("not-found", 404, "Not Found", "no route for " + did).send(rc);
            }
        });
    }

    /** The DID as written in the path, with or without its {@code +}, in E.164. */
    private static String e164(String did) {
        return did.startsWith("+") ? did : "+" + did;
    }

    static JsonObject toJson(DidRoute r) {
        return new JsonObject().put("id", r.did()).put("did", r.did()).put("flowId", r.flowId().toString())
                .put("flow", new JsonObject().put("id", r.flowId().toString()).put("selfUri", FlowsApi.selfUri(r.flowId())))
                .put("version", r.revision()).put("dateCreated", r.created().toString())
                .put("dateModified", r.modified().toString()).put("selfUri", BASE + "/" + r.did().substring(1));
    }
}
