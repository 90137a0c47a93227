package org.opendialer.api.outbound;

import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.opendialer.api.http.Problem;

/**
 * The checks every streamed CSV upload makes before reading its body: the path id, a {@code text/csv} body and
 * the {@code mode} (rejectFile or skipBadRows). Each answers the problem itself and returns null when refused.
 */
final class CsvUploads {

    private CsvUploads() {
    }

    /** The path's UUID, or null after a 404 (an unreadable id names no resource). */
    static UUID id(RoutingContext rc, String param, String what) {
        try {
            return UUID.fromString(rc.pathParam(param));
        } catch (IllegalArgumentException e) {
            OutboundReplies.notFound(rc, "no " + what + " " + rc.pathParam(param));
            return null;
        }
    }

    /** Whether the body is CSV; else a 415 was sent. */
    static boolean isCsv(RoutingContext rc) {
        String type = rc.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("text/csv")) {
            Problem.of("unsupported-media-type", 415, "Unsupported Media Type",
                    "send the CSV as the raw body with Content-Type: text/csv (UTF-8)").send(rc);
            return false;
        }
        return true;
    }

    /** {@code true} for skipBadRows, {@code false} for rejectFile (the default), null after a 400. */
    static Boolean skipBadRows(RoutingContext rc) {
        String m = rc.queryParams().get("mode");
        if (m == null || m.equals("rejectFile")) {
            return false;
        }
        if (m.equals("skipBadRows")) {
            return true;
        }
        new Problem("urn:opendialer:problem:validation", 400, "Bad Request", "mode: must be rejectFile or skipBadRows",
                List.of(new Problem.FieldError("mode", "must be rejectFile or skipBadRows"))).send(rc);
        return null;
    }
}
