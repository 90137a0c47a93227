package org.opendialer.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * An RFC 9457 problem detail. Every error of the API leaves as {@code application/problem+json}; validation
 * problems add an {@code errors} array naming each offending field as a JSON pointer into the request body.
 *
 * @param type   URI identifying the problem type
 * @param status HTTP status
 * @param title  short summary of the problem type
 * @param detail what happened in this occurrence
 * @param errors field-level errors, may be empty
 */
public record Problem(String type, int status, String title, String detail, List<FieldError> errors) {

    public static final String CONTENT_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:opendialer:problem:";

    public Problem {
        errors = List.copyOf(errors);
    }

    public static Problem of(String kind, int status, String title, String detail) {
        return new Problem(TYPE_PREFIX + kind, status, title, detail, List.of());
    }

    /** One offending field: a JSON pointer ({@code /scopes/0}) or parameter name, and why. */
    public record FieldError(String field, String reason) {
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject().put("type", type).put("title", title).put("status", status).put("detail", detail);
        if (!errors.isEmpty()) {
            JsonArray a = new JsonArray();
            errors.forEach(e -> a.add(new JsonObject().put("field", e.field()).put("reason", e.reason())));
            o.put("errors", a);
        }
        return o;
    }

    /** Ends the exchange with this problem. */
    public void send(RoutingContext rc) {
        rc.response().setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE)
                .end(toJson().put("instance", rc.request().path()).encode());
    }
}
