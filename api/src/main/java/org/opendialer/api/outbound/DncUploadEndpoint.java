package org.opendialer.api.outbound;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.opendialer.api.http.Blocking;
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
        UUID id = CsvUploads.id(rc, "dncListId", "DNC list");
        if (id == null || !CsvUploads.isCsv(rc)) {
            return;
        }
        Boolean skip = CsvUploads.skipBadRows(rc);
        if (skip == null) {
            return;
        }
        DncCsvImport.Mode mode = skip ? DncCsvImport.Mode.SKIP_BAD_ROWS : DncCsvImport.Mode.REJECT_FILE;
        RequestBodyStream body = new RequestBodyStream(rc.request(), Vertx.currentContext());
        UUID list = id;
        OutboundReplies.answer(rc, blocking.call(() -> {
            try (body) {
                return imports.load(list, body, mode);
            }
        }), report -> OutboundReplies.json(rc, 200, OutboundJson.report(report)));
    }
}
