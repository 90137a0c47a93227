package org.opendialer.api.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure and every unrouted request into a problem+json answer; nothing leaks a stack trace. */
final class ErrorHandlers {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandlers.class);
    private static final Pattern REQUIRED = Pattern.compile("required property \"([^\"]+)\"");

    private ErrorHandlers() {
    }

    static void install(Router router) {
        router.route().failureHandler(ErrorHandlers::onFailure);
        router.errorHandler(404, rc -> Problem.of("not-found", 404, "Not Found",
                "no resource at " + rc.request().method() + " " + rc.request().path()).send(rc));
        router.errorHandler(405, rc -> Problem.of("method-not-allowed", 405, "Method Not Allowed",
                rc.request().method() + " is not allowed on " + rc.request().path()).send(rc));
    }

    private static void onFailure(RoutingContext rc) {
        if (rc.response().ended()) {
            return;
        }
        Throwable failure = rc.failure();
        if (failure instanceof HttpException http && http.getCause() instanceof ValidatorException v) {
            validationProblem(v).send(rc);
            return;
        }
        int status = failure instanceof HttpException http ? http.getStatusCode() : rc.statusCode();
        if (status == 413) {
            Problem.of("too-large", 413, "Payload Too Large", "the request body exceeds the limit").send(rc);
        } else if (status >= 400 && status < 500) {
            String detail = failure != null && failure.getMessage() != null ? failure.getMessage() : "bad request";
            Problem.of("bad-request", status, "Bad Request", detail).send(rc);
        } else {
            try (org.slf4j.MDC.MDCCloseable ignored = org.slf4j.MDC.putCloseable(RequestContext.MDC_KEY,
                    String.valueOf(RequestContext.id(rc)))) {
                log.error("unhandled failure on {} {}", rc.request().method(), rc.request().path(), failure);
            }
            Problem.of("internal", 500, "Internal Server Error", "the server failed; the log has the details").send(rc);
        }
    }

    /**
     * Names each field the contract rejected, as JSON pointers into the body. The validator reports every level
     * of the schema; keep the leaves that say something (enum, minLength, required ...), not the wrappers
     * ("a subschema had errors") nor the additionalProperties echo of a declared property that failed.
     */
    static Problem validationProblem(ValidatorException v) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (v instanceof SchemaValidationException s && s.getOutputUnit() != null) {
            List<OutputUnit> flat = new ArrayList<>();
            flatten(s.getOutputUnit(), flat);
            for (OutputUnit u : flat) {
                String keyword = lastSegment(u.getKeywordLocation());
                if (u.getError() == null || WRAPPERS.contains(keyword)) {
                    continue;
                }
                String field = pointer(u.getInstanceLocation());
                Matcher m = REQUIRED.matcher(u.getError());
                if (m.find()) {
                    field = (field.endsWith("/") ? field : field + "/") + m.group(1);
                }
                Problem.FieldError e = new Problem.FieldError(field, u.getError());
                if (!errors.contains(e)) {
                    errors.add(e);
                }
            }
            errors.removeIf(e -> e.reason().contains("additional properties schema")
                    && errors.stream().anyMatch(o -> o != e && (o.field().equals(e.field())
                    || o.field().startsWith(e.field() + "/"))));
        }
        if (errors.isEmpty()) {
            errors.add(new Problem.FieldError("/", v.getMessage()));
        }
        return Problem.validation("Request does not match the API contract",
                v.getMessage(), errors);
    }

    private static final java.util.Set<String> WRAPPERS = java.util.Set.of("properties", "items", "prefixItems",
            "allOf", "anyOf", "oneOf", "$ref", "$dynamicRef", "if", "then", "else", "dependentSchemas",
            "unevaluatedProperties", "unevaluatedItems", "contains");

    private static void flatten(OutputUnit unit, List<OutputUnit> out) {
        out.add(unit);
        if (unit.getErrors() != null) {
            unit.getErrors().forEach(c -> flatten(c, out));
        }
    }

    private static String lastSegment(String location) {
        if (location == null) {
            return "";
        }
        int slash = location.lastIndexOf('/');
        return slash < 0 ? location : location.substring(slash + 1);
    }

    /** {@code #/scopes/0} to {@code /scopes/0}; the body root is {@code /}. */
    private static String pointer(String instanceLocation) {
        String p = instanceLocation == null ? "" : instanceLocation.startsWith("#") ? instanceLocation.substring(1) : instanceLocation;
        return p.isEmpty() ? "/" : p;
    }
}
