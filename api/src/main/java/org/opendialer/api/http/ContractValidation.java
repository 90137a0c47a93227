package org.opendialer.api.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.http.HttpServerRequestInternal;
import io.vertx.core.internal.http.HttpServerRequestWrapper;
import io.vertx.core.json.Json;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import io.vertx.openapi.validation.ValidatorException;
import java.util.List;
import java.util.Map;

/**
 * Validates a request against its operation in the contract, as the OpenAPI router would, but as a handler of
 * our own so that it runs after {@link org.opendialer.api.auth.ApiGuard} (a caller without a token learns nothing
 * about the schema). It also refuses NUL characters anywhere in a JSON body: PostgreSQL text cannot hold them, and
 * no field of this API means one.
 */
final class ContractValidation {

    private final RequestValidatorImpl validator;

    ContractValidation(Vertx vertx, OpenAPIContract contract) {
        this.validator = new StringParameters(vertx, contract);
    }

    /**
     * The validator decodes a parameter as JSON unless it is a bare word, even when its schema says string, so
     * {@code ?to=%2B15555550100} (E.164) became the number 15555550100 and a 400 "expected string". A string
     * parameter is handed over as a JSON string literal instead, which decodes to exactly the value sent.
     */
    private static final class StringParameters extends RequestValidatorImpl {
        StringParameters(Vertx vertx, OpenAPIContract contract) {
            super(vertx, contract);
        }

        @Override
        public RequestParameter validateParameter(Parameter parameter, RequestParameter value) throws ValidatorException {
            if (SchemaType.STRING.equals(parameter.getSchemaType()) && value != null && value.get() instanceof String raw) {
                value = new RequestParameterImpl(Json.encode(raw));
            }
            return super.validateParameter(parameter, value);
        }
    }

    Handler<RoutingContext> forOperation(Operation op) {
        return rc -> {
            String nul = nulPointer(jsonOrNull(rc), "");
            if (nul != null) {
                Problem.validation("Request does not match the API contract",
                        "a JSON string holds a NUL character (\\u0000), which no field accepts",
                        List.of(new Problem.FieldError(nul.isEmpty() ? "/" : nul, "contains \\u0000"))).send(rc);
                return;
            }
            extract(rc, op)
                    .compose(req -> validator.validate(req, op.getOperationId()))
                    .onSuccess(validated -> {
                        rc.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
                        rc.next();
                    })
                    .onFailure(e -> rc.fail(e instanceof ValidatorException
                            ? new HttpException(400, e.getMessage(), e) : e));
        };
    }

    /**
     * The request as the validator reads it. Its path parameters are decoded as HTML form values
     * ({@code URLDecoder}), which turns a {@code +} into a space, though in a path (RFC 3986) it is a plus: an E.164
     * number copied into a path ({@code /dnc/phone/+15551234567}) arrived as " 15551234567". A literal plus is handed
     * over percent-encoded, which decodes to itself.
     */
    private static Future<ValidatableRequest> extract(RoutingContext rc, Operation op) {
        HttpServerRequest request = rc.request();
        if (request.path() != null && request.path().indexOf('+') >= 0) {
            request = new HttpServerRequestWrapper((HttpServerRequestInternal) request) {
                @Override
                public String path() {
                    return super.path().replace("+", "%2B");
                }
            };
        }
        return RequestUtils.extract(request, op, () -> Future.succeededFuture(rc.body() == null ? null : rc.body().buffer()));
    }

    /** The body as parsed JSON, or null when it is absent or not JSON (the validator then says why). */
    private static Object jsonOrNull(RoutingContext rc) {
        try {
            var body = rc.body() == null ? null : rc.body().buffer();
            return body == null || body.length() == 0 ? null : body.toJsonValue();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** JSON pointer of the first string (value or member name) holding U+0000, or null. */
    static String nulPointer(Object node, String at) {
        switch (node) {
            case String s -> {
                return s.indexOf('\0') >= 0 ? at : null;
            }
            case JsonObject o -> {
                for (Map.Entry<String, Object> e : o) {
                    String here = at + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                    if (e.getKey().indexOf('\0') >= 0) {
                        return here;
                    }
                    String inner = nulPointer(e.getValue(), here);
                    if (inner != null) {
                        return inner;
                    }
                }
                return null;
            }
            case JsonArray a -> {
                for (int i = 0; i < a.size(); i++) {
                    String inner = nulPointer(a.getValue(i), at + "/" + i);
                    if (inner != null) {
                        return inner;
                    }
                }
                return null;
            }
            case null, default -> {
                return null;
            }
        }
    }
}
