package org.opendialer.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * An RFC 9457 problem detail. Every error of the API leaves as {@code application/problem+json} with two extension
 * members: {@code code}, a stable machine string (the last part of {@code type}, e.g. {@code idempotency-conflict})
 * and {@code contextId}, the request's id also sent as the {@value RequestContext#HEADER} header and logged with
 * the request's log lines. Validation problems add an {@code errors} array naming each offending field as a JSON
 * pointer into the request body.
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

    public static Problem of(String code, int status, String title, String detail) {
        return new Problem(TYPE_PREFIX + code, status, title, detail, List.of());
    }

    /** A 400 naming the offending fields. */
    public static Problem validation(String title, String detail, List<FieldError> errors) {
        return new Problem(TYPE_PREFIX + "validation", 400, title, detail, errors);
    }

    /**
     * A 400 for a message of the form {@code field: reason} (the services' convention), naming the field as a JSON
     * pointer ({@code webhook.url} becomes {@code /webhook/url}); other messages name the body root.
     */
    public static Problem badRequest(String message) {
        int colon = message == null ? -1 : message.indexOf(": ");
        String field = colon > 0 && !message.substring(0, colon).contains(" ")
                ? "/" + message.substring(0, colon).replace('.', '/') : "/";
        return validation("Bad Request", message, List.of(new FieldError(field, message)));
    }

    /** One offending field: a JSON pointer ({@code /scopes/0}) or parameter name, and why. */
    public record FieldError(String field, String reason) {
    }

    /** The stable machine string of this problem type. */
    public String code() {
        return type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject().put("type", type).put("title", title).put("status", status).put("detail", detail)
                .put("code", code());
        if (!errors.isEmpty()) {
            JsonArray a = new JsonArray();
            errors.forEach(e -> a.add(new JsonObject().put("field", e.field()).put("reason", e.reason())));
            o.put("errors", a);
        }
        return o;
    }

    /** Ends the exchange with this problem. */
    public void send(RoutingContext rc) {
        send(rc, new JsonObject());
    }

    /** Ends the exchange with this problem and {@code extra} members (e.g. the resource the problem is about). */
    public void send(RoutingContext rc, JsonObject extra) {
        RequestContext.answeredWith(rc, code());
        JsonObject body = toJson().put("instance", rc.request().path());
        String contextId = RequestContext.id(rc);
        if (contextId != null) {
            body.put("contextId", contextId);
        }
        rc.response().setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE).end(body.mergeIn(extra).encode());
    }
}
