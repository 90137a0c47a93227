package org.opendialer.api.flows;

import static org.opendialer.api.flows.FlowResponses.answer;
import static org.opendialer.api.flows.FlowResponses.json;
import static org.opendialer.api.flows.FlowResponses.route;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.UUID;
import org.opendialer.api.http.Listing;
import org.opendialer.api.http.Blocking;
import org.opendialer.ivr.flow.FlowIssue;
import org.opendialer.ivr.flow.FlowStore;
import org.opendialer.ivr.flow.FlowValidator;
import org.opendialer.ivr.flow.FlowVersion;
import org.opendialer.ivr.flow.StoredFlow;

/**
 * {@code /api/v2/flows}: create, list, read, change the draft of, publish, and delete IVR flows, and read their
 * published versions. A document with errors is refused with a 422 problem listing each error by JSON pointer;
 * warnings (an unknown queue) come back with the saved flow. {@code document} is YAML or JSON text, or a JSON object.
 */
public final class FlowsApi {

    static final String BASE = "/api/v2/flows";

    private final FlowStore flows;
    private final FlowValidator.Directory directory;
    private final Blocking blocking;

    private FlowsApi(FlowStore flows, FlowValidator.Directory directory, Blocking blocking) {
        this.flows = flows;
        this.directory = directory;
        this.blocking = blocking;
    }

    /** Binds the flow operations of the contract. */
    public static void operations(RouterBuilder rb, FlowStore flows, FlowValidator.Directory directory, Blocking blocking) {
        FlowsApi api = new FlowsApi(flows, directory, blocking);
        route(rb, "listFlows").addHandler(api::list);
        route(rb, "createFlow").addHandler(api::create);
        route(rb, "validateFlow").addHandler(api::validate);
        route(rb, "getFlow").addHandler(api::get);
        route(rb, "updateFlowDraft").addHandler(api::update);
        route(rb, "deleteFlow").addHandler(api::delete);
        route(rb, "publishFlow").addHandler(api::publish);
        route(rb, "listFlowVersions").addHandler(api::versions);
        route(rb, "getFlowVersion").addHandler(api::version);
    }

    void list(RoutingContext rc) {
        Listing.Page p = Listing.page(rc);
        answer(rc, blocking.call(() -> flows.list(p.pageNumber(), p.pageSize())),
                page -> Listing.send(rc, p, new Listing.Result<>(page.entities(), page.total()), FlowsApi::flow));
    }

    void create(RoutingContext rc) {
        String document = document(body(rc));
        answer(rc, blocking.call(() -> flows.create(document)), f -> {
            rc.response().putHeader("Location", selfUri(f.id()));
            json(rc, 201, flow(f));
        });
    }

    /** Checks a document without saving it: always 200, with its issues (empty when valid). */
    void validate(RoutingContext rc) {
        String document = document(body(rc));
        answer(rc, blocking.call(() -> FlowValidator.check(document, directory)), issues -> json(rc, 200,
                new JsonObject().put("valid", issues.stream().noneMatch(i -> i.severity() == FlowIssue.Severity.ERROR))
                        .put("issues", FlowResponses.issues(issues))));
    }

    void get(RoutingContext rc) {
        UUID id = id(rc, "flowId");
        answer(rc, blocking.call(() -> flows.get(id).orElse(null)), f -> {
            if (f == null) {
                notFound(rc, id);
            } else {
                json(rc, 200, flow(f));
            }
        });
    }

    void update(RoutingContext rc) {
        UUID id = id(rc, "flowId");
        JsonObject b = body(rc);
        String document = document(b);
        Integer expected = b.getInteger("version");
        answer(rc, blocking.call(() -> flows.updateDraft(id, document, expected)), f -> json(rc, 200, flow(f)));
    }

    void delete(RoutingContext rc) {
        UUID id = id(rc, "flowId");
        answer(rc, blocking.call(() -> {
            flows.delete(id);
            return true;
        }), done -> rc.response().setStatusCode(204).end());
    }

    void publish(RoutingContext rc) {
        UUID id = id(rc, "flowId");
        answer(rc, blocking.call(() -> flows.publish(id)), v -> json(rc, 200, version(v)));
    }

    void versions(RoutingContext rc) {
        UUID id = id(rc, "flowId");
        Listing.Page p = Listing.page(rc);
        answer(rc, blocking.call(() -> flows.versions(id, p.pageNumber(), p.pageSize())),
                page -> Listing.send(rc, p, new Listing.Result<>(page.entities(), page.total()), FlowsApi::version));
    }

    void version(RoutingContext rc) {
        UUID id = id(rc, "flowId");
        UUID versionId = id(rc, "versionId");
        answer(rc, blocking.call(() -> flows.version(id, versionId).orElse(null)), v -> {
            if (v == null) {
                org.opendialer.api.http.Problem.of("not-found", 404, "Not Found", "flow " + id + " has no version "
                        + versionId).send(rc);
            } else {
                json(rc, 200, version(v));
            }
        });
    }

    static JsonObject flow(StoredFlow f) {
        JsonObject o = new JsonObject().put("id", f.id().toString()).put("name", f.name())
                .put("description", f.description()).put("version", f.revision())
                .put("dateCreated", f.created().toString()).put("dateModified", f.modified().toString())
                .put("selfUri", selfUri(f.id())).put("document", f.draft()).put("draftPublished", f.draftPublished())
                .put("warnings", FlowResponses.issues(f.warnings()));
        if (f.published() != null) {
            o.put("publishedVersion", new JsonObject().put("id", f.published().id().toString())
                    .put("number", f.published().number()).put("datePublished", f.published().published().toString())
                    .put("selfUri", versionUri(f.published())));
        }
        return o;
    }

    static JsonObject version(FlowVersion v) {
        String at = v.published().toString();
        return new JsonObject().put("id", v.id().toString()).put("flowId", v.flowId().toString())
                .put("number", v.number()).put("version", v.number()).put("document", v.document())
                .put("dateCreated", at).put("dateModified", at).put("datePublished", at).put("selfUri", versionUri(v))
                .put("flow", new JsonObject().put("id", v.flowId().toString()).put("selfUri", selfUri(v.flowId())));
    }

    static String selfUri(UUID id) {
        return BASE + "/" + id;
    }

    private static String versionUri(FlowVersion v) {
        return selfUri(v.flowId()) + "/versions/" + v.id();
    }

    /** The document as text: a string as sent (YAML or JSON), an object as JSON. */
    private static String document(JsonObject body) {
        Object d = body.getValue("document");
        return d instanceof JsonObject o ? o.encodePrettily() : String.valueOf(d);
    }

    private static JsonObject body(RoutingContext rc) {
        return FlowResponses.validated(rc).getBody().getJsonObject();
    }

    private static UUID id(RoutingContext rc, String name) {
        return UUID.fromString(FlowResponses.path(rc, name));
    }

    private static void notFound(RoutingContext rc, UUID id) {
        org.opendialer.api.http.Problem.of("not-found", 404, "Not Found", "no flow " + id).send(rc);
    }
}
