package org.opendialer.api.outbound;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.opendialer.api.http.Blocking;
import org.opendialer.api.http.Problem;
import org.opendialer.contacts.dnc.DncCsvImport;

/**
 * {@code POST /api/v2/outbound/dnclists/{dncListId}/upload}: a raw {@code text/csv} body of any size, streamed
 * into the list (parsed and COPYed as it arrives, one transaction). Routed by hand, outside the contract's
 * validator (which reads only JSON and multipart bodies) and without the 1 MiB body handler; the
 * {@link org.opendialer.api.auth.ApiGuard} in front checks the scope the contract declares for it.
 */
final class DncUploadEndpoint {

    private final DncCsvImport imports;
    private final Blocking blocking;

    DncUploadEndpoint(DncCsvImport imports, Blocking blocking) {
        this.imports = imports;
        this.blocking = blocking;
    }

    void handle(RoutingContext rc) {
        UUID id;
        try {
            id = UUID.fromString(rc.pathParam("dncListId"));
        } catch (IllegalArgumentException e) {
            OutboundReplies.notFound(rc, "no DNC list " + rc.pathParam("dncListId"));
            return;
        }
        String type = rc.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv")) {
            Problem.of("unsupported-media-type", 415, "Unsupported Media Type",
                    "send the CSV as the raw body with Content-Type: text/csv (UTF-8)").send(rc);
            return;
        }
        String m = rc.queryParams().get("mode");
        DncCsvImport.Mode mode;
        if (m == null || m.equals("rejectFile")) {
            mode = DncCsvImport.Mode.REJECT_FILE;
        } else if (m.equals("skipBadRows")) {
            mode = DncCsvImport.Mode.SKIP_BAD_ROWS;
        } else {
            new Problem("urn:opendialer:problem:validation", 400, "Bad Request", "mode: must be rejectFile or skipBadRows",
                    java.util.List.of(new Problem.FieldError("mode", "must be rejectFile or skipBadRows"))).send(rc);
            return;
        }
        RequestBodyStream body = new RequestBodyStream(rc.request(), Vertx.currentContext());
        UUID list = id;
        OutboundReplies.answer(rc, blocking.call(() -> {
            try (body) {
                return imports.load(list, body, mode);
            }
        }), report -> OutboundReplies.json(rc, 200, OutboundJson.report(report)));
    }
}
