package org.opendialer.api.flows;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.List;
import java.util.function.Consumer;
import org.opendialer.api.http.Casing;
import org.opendialer.api.http.Problem;
import org.opendialer.ivr.flow.FlowIssue;
import org.opendialer.ivr.flow.FlowStoreException;

/**
 * What the flow and DID routes share: the problem for each {@link FlowStoreException} kind and the JSON form of
 * validation issues.
 */
final class FlowResponses {

    private FlowResponses() {
    }

    static JsonArray issues(List<FlowIssue> issues) {
        JsonArray a = new JsonArray();
        issues.forEach(i -> a.add(new JsonObject().put("field", i.pointer()).put("reason", i.message())
                .put("code", Casing.camel(i.code().slug())).put("severity", i.severity().name().toLowerCase(java.util.Locale.ROOT))));
        return a;
    }

    /** Runs the handler's answer, or the problem its failure stands for. */
    static <T> void answer(RoutingContext rc, Future<T> work, Consumer<T> onSuccess) {
        work.onSuccess(onSuccess::accept).onFailure(e -> {
            if (e instanceof FlowStoreException f) {
                problem(rc, f);
            } else {
                rc.fail(e);
            }
        });
    }

    static void problem(RoutingContext rc, FlowStoreException f) {
        switch (f.kind()) {
            case NOT_FOUND -> Problem.of("not-found", 404, "Not Found", f.getMessage()).send(rc);
            case CONFLICT -> Problem.of("conflict", 409, "Conflict", f.getMessage()).send(rc);
            case INVALID -> {
                List<FlowIssue> errors = f.issues().stream().filter(i -> i.severity() == FlowIssue.Severity.ERROR).toList();
                JsonObject body = Problem.of("invalid-flow", 422, "Invalid flow", f.getMessage()).toJson()
                        .put("instance", rc.request().path()).put("errors", issues(errors))
                        .put("warnings", issues(f.issues().stream().filter(i -> !errors.contains(i)).toList()));
                rc.response().setStatusCode(422).putHeader("Content-Type", Problem.CONTENT_TYPE).end(body.encode());
            }
        }
    }

    static void json(RoutingContext rc, int status, JsonObject body) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    static ValidatedRequest validated(RoutingContext rc) {
        return rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    }

    static String path(RoutingContext rc, String name) {
        return validated(rc).getPathParameters().get(name).getString();
    }

    static OpenAPIRoute route(RouterBuilder rb, String operationId) {
        OpenAPIRoute r = rb.getRoute(operationId);
        if (r == null) {
            throw new IllegalStateException("operation " + operationId + " missing from openapi.yaml");
        }
        return r;
    }
}
