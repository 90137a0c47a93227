package org.opendialer.api.outbound;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;
import java.time.DateTimeException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.function.Consumer;
import org.opendialer.api.http.Problem;
import org.opendialer.campaign.settings.CampaignStore;
import org.opendialer.contacts.Conflict;
import org.opendialer.contacts.dnc.DncEntries;
import org.opendialer.contacts.dnc.DncImportReport;
import org.opendialer.contacts.lists.ContactCsvImport;

/**
 * Answers of the outbound handlers and the mapping of the compliance services' exceptions to RFC 9457 problems:
 * bad input 400 (naming each bad address or CSV line), a missing resource 404, a clash with the stored state
 * (stale version, taken name, the internal list) 409; anything else goes to the router's failure handler.
 */
final class OutboundReplies {

    private OutboundReplies() {
    }

    static ValidatedRequest request(RoutingContext rc) {
        return rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    }

    static JsonObject body(RoutingContext rc) {
        return request(rc).getBody().getJsonObject();
    }

    static UUID pathId(RoutingContext rc, String name) {
        return UUID.fromString(request(rc).getPathParameters().get(name).getString());
    }

    static void json(RoutingContext rc, int status, JsonObject body) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    static <T> void answer(RoutingContext rc, Future<T> work, Consumer<T> onSuccess) {
        work.onSuccess(onSuccess::accept).onFailure(e -> fail(rc, e));
    }

    static void fail(RoutingContext rc, Throwable e) {
        switch (e) {
            case DncImportReport.Rejected r -> new Problem("urn:opendialer:problem:validation", 400, "The file was not imported",
                    r.getMessage(), r.report().errors().stream()
                    .map(x -> new Problem.FieldError("line " + x.line(), x.reason())).toList()).send(rc);
            case ContactCsvImport.Rejected r -> new Problem("urn:opendialer:problem:validation", 400, "The file was not imported",
                    r.getMessage(), r.status().badRows().stream()
                    .map(x -> new Problem.FieldError("line " + x.line(), x.reason())).toList()).send(rc);
            case DncEntries.InvalidBatch b -> new Problem("urn:opendialer:problem:validation", 400, "Bad Request", b.getMessage(),
                    b.reasons().stream().map(x -> new Problem.FieldError(batchField(rc) + "/" + x.substring(1, x.indexOf(']')), x))
                            .toList()).send(rc);
            case Conflict c -> Problem.of("conflict", 409, "Conflict", c.getMessage()).send(rc);
            case ReportFonts.Missing m -> Problem.of("font-missing", 503, "Report font not installed", m.getMessage()).send(rc);
            case NoSuchElementException n -> Problem.of("not-found", 404, "Not Found", n.getMessage()).send(rc);
            case IllegalArgumentException bad -> badRequest(rc, bad.getMessage());
            case DateTimeException bad -> badRequest(rc, bad.getMessage());
            default -> rc.fail(e);
        }
    }

    /** Pointer of the array a batch came in ({@code /phoneNumbers}), set by the handler under {@link #BATCH_FIELD}. */
    static final String BATCH_FIELD = "outbound.batchField";

    private static String batchField(RoutingContext rc) {
        String f = rc.get(BATCH_FIELD);
        return f == null ? "" : f;
    }

    private static void badRequest(RoutingContext rc, String message) {
        new Problem("urn:opendialer:problem:validation", 400, "Bad Request", message,
                List.of(new Problem.FieldError("/", message))).send(rc);
    }

    static void notFound(RoutingContext rc, String what) {
        Problem.of("not-found", 404, "Not Found", what).send(rc);
    }
}
