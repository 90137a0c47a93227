package org.opendialer.api.flows;

import static org.opendialer.api.flows.FlowResponses.answer;
import static org.opendialer.api.flows.FlowResponses.json;
import static org.opendialer.api.flows.FlowResponses.route;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.List;
import java.util.UUID;
import org.opendialer.api.http.Blocking;
import org.opendialer.api.http.Listing;
import org.opendialer.api.http.Problem;
import org.opendialer.ivr.run.FlowExecutions;
import org.opendialer.ivr.run.FlowExecutions.Execution;

/**
 * {@code /api/v2/flows/executions}: the traces flows leave on calls (node, time, outcome of each step), one
 * execution by id or those of a call by its {@code callId}.
 */
public final class FlowExecutionsApi {

    static final String BASE = FlowsApi.BASE + "/executions";

    private final FlowExecutions executions;
    private final Blocking blocking;

    private FlowExecutionsApi(FlowExecutions executions, Blocking blocking) {
        this.executions = executions;
        this.blocking = blocking;
    }

    public static void operations(RouterBuilder rb, FlowExecutions executions, Blocking blocking) {
        FlowExecutionsApi api = new FlowExecutionsApi(executions, blocking);
        route(rb, "listFlowExecutions").addHandler(api::list);
        route(rb, "getFlowExecution").addHandler(api::get);
    }

    void list(RoutingContext rc) {
        Listing.Page p = Listing.page(rc);
        String callId = FlowResponses.validated(rc).getQuery().get("callId").getString();
        answer(rc, blocking.call(() -> executions.byCallId(callId)), all -> {
            int from = (int) Math.min(all.size(), (long) (p.pageNumber() - 1) * p.pageSize());
            List<Execution> page = all.subList(from, Math.min(all.size(), from + p.pageSize()));
            Listing.send(rc, p, new Listing.Result<>(page, all.size()), FlowExecutionsApi::toJson);
        });
    }

    void get(RoutingContext rc) {
        UUID id = UUID.fromString(FlowResponses.path(rc, "executionId"));
        answer(rc, blocking.call(() -> executions.get(id).orElse(null)), e -> {
            if (e == null) {
                Problem.of("not-found", 404, "Not Found", "no flow execution " + id).send(rc);
            } else {
                json(rc, 200, toJson(e));
            }
        });
    }

    static JsonObject toJson(Execution e) {
        JsonArray steps = new JsonArray();
        e.steps().forEach(s -> steps.add(new JsonObject().put("seq", s.seq()).put("nodeId", s.nodeId())
                .put("nodeType", s.nodeType()).put("date", s.at().toString()).put("durationMs", s.tookMillis())
                .put("outcome", s.outcome()).put("detail", s.detail())));
        String flowUri = FlowsApi.selfUri(e.flowId());
        return new JsonObject().put("id", e.id().toString()).put("callId", e.callId())
                .put("flow", new JsonObject().put("id", e.flowId().toString()).put("selfUri", flowUri))
                .put("flowVersion", new JsonObject().put("id", e.flowVersionId().toString())
                        .put("selfUri", flowUri + "/versions/" + e.flowVersionId()))
                .put("did", e.did()).put("caller", e.caller()).put("dateStarted", e.started().toString())
                .put("dateEnded", e.ended() == null ? null : e.ended().toString()).put("outcome", e.outcome().slug())
                .put("detail", e.detail()).put("variables", new JsonObject(e.variables()))
                .put("participantData", new JsonObject(new java.util.LinkedHashMap<>(e.participantData())))
                .put("previousExecutionId", e.previousId() == null ? null : e.previousId().toString())
                .put("steps", steps).put("selfUri", BASE + "/" + e.id());
    }
}
