package org.opendialer.api.calls;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.opendialer.api.auth.ApiGuard;
import org.opendialer.api.auth.TokenService;
import org.opendialer.api.http.Blocking;
import org.opendialer.api.http.Casing;
import org.opendialer.api.http.Listing;
import org.opendialer.api.http.Problem;
import org.opendialer.api.http.Resources;
import org.opendialer.notifications.voice.AmdMode;
import org.opendialer.notifications.voice.AmdUnknownAction;
import org.opendialer.notifications.voice.CallRequest;
import org.opendialer.notifications.voice.CallState;
import org.opendialer.notifications.voice.DoNotCallException;
import org.opendialer.notifications.voice.KeyAction;
import org.opendialer.notifications.voice.NoTrunkException;
import org.opendialer.notifications.voice.VoiceNotifications;
import org.opendialer.notifications.messaging.AgentlessMessages.IdempotencyConflict;

/**
 * {@code /api/v2/calls}: place a personalised voice notification, read back its outcome and timeline, list and hang
 * up calls. Requests are validated against openapi.yaml before they get here; the rest (number, templates) is
 * checked by {@link CallRequest} and {@link VoiceNotifications} and answered as problems: 400 (bad input), 409 (an
 * Idempotency-Key reused for another request), 422 (number on the do-not-call list, no trunk for the call).
 */
public final class CallsApi {

    private final VoiceNotifications calls;
    private final Blocking blocking;

    private CallsApi(VoiceNotifications calls, Blocking blocking) {
        this.calls = calls;
        this.blocking = blocking;
    }

    /** Binds the calls operations of the contract. */
    public static void operations(RouterBuilder rb, VoiceNotifications calls, Blocking blocking) {
        CallsApi api = new CallsApi(calls, blocking);
        route(rb, "placeCall").addHandler(api::place);
        route(rb, "listCalls").addHandler(api::list);
        route(rb, "getCall").addHandler(api::get);
        route(rb, "hangupCall").addHandler(api::hangup);
    }

    void place(RoutingContext rc) {
        JsonObject b = validated(rc).getBody().getJsonObject();
        TokenService.Grant grant = rc.get(ApiGuard.GRANT);
        String key = rc.request().getHeader("Idempotency-Key");
        CallRequest request;
        try {
            request = request(b);
        } catch (IllegalArgumentException e) {
            badRequest(rc, e.getMessage());
            return;
        }
        answer(rc, blocking.call(() -> calls.place(grant.clientId(), key, request)), placed -> {
            rc.response().putHeader("Location", Resources.CALL.uri(placed.id()));
            json(rc, placed.created() ? 201 : 200, new JsonObject().put("id", placed.id().toString())
                    .put("selfUri", Resources.CALL.uri(placed.id())).put("created", placed.created()));
        });
    }

    void get(RoutingContext rc) {
        UUID id = UUID.fromString(validated(rc).getPathParameters().get("callId").getString());
        answer(rc, blocking.call(() -> calls.get(id).orElse(null)), call -> {
            if (call == null) {
                Problem.of("not-found", 404, "Not Found", "no call " + id).send(rc);
            } else {
                json(rc, 200, CallJson.full(call));
            }
        });
    }

    void list(RoutingContext rc) {
        ValidatedRequest v = validated(rc);
        String state = query(v, "state");
        String to = query(v, "to");
        Listing.Page page = Listing.page(rc);
        CallState s = state == null ? null : Casing.parse(CallState.class, state);
        answer(rc, blocking.call(() -> new Listing.Result<>(calls.list(s, to, page.pageSize(), page.offset()),
                calls.count(s, to))), result -> Listing.send(rc, page, result, CallJson::summary));
    }

    void hangup(RoutingContext rc) {
        UUID id = UUID.fromString(validated(rc).getPathParameters().get("callId").getString());
        answer(rc, blocking.call(() -> calls.hangup(id) ? 202 : calls.get(id).isPresent() ? 409 : 404), status -> {
            switch (status) {
                case 202 -> rc.response().setStatusCode(202).end();
                case 409 -> Problem.of("conflict", 409, "Conflict", "call " + id + " has already ended").send(rc);
                default -> Problem.of("not-found", 404, "Not Found", "no call " + id).send(rc);
            }
        });
    }

    private static CallRequest request(JsonObject b) {
        JsonObject human = b.getJsonObject("human", new JsonObject());
        JsonObject machine = b.getJsonObject("machine", new JsonObject());
        JsonObject webhook = b.getJsonObject("webhook", new JsonObject());
        Map<String, String> vars = new HashMap<>();
        b.getJsonObject("variables", new JsonObject()).forEach(e -> vars.put(e.getKey(), String.valueOf(e.getValue())));
        Map<String, Object> amdOverrides = b.getJsonObject("amdParameters", new JsonObject()).getMap();
        return new CallRequest(b.getString("to"), b.getString("from"), b.getString("trunkGroup"),
                Duration.ofSeconds(b.getInteger("ringTimeoutSeconds", 30)),
                Casing.parse(AmdMode.class, b.getString("amd", "on")), human.getString("text"),
                machine.getString("text"), vars, human.getInteger("repeats", 2),
                Duration.ofSeconds(human.getInteger("keyTimeoutSeconds", 5)), webhook.getString("url"),
                webhook.getString("secret"), amdOverrides, keys(human.getJsonObject("keys", new JsonObject())),
                b.getString("toneCountry"), b.getString("language"),
                Casing.parse(AmdUnknownAction.class, b.getString("amdUnknownAction", "asPerson")));
    }

    /** {@code human.keys}: {"1": {"action": "confirm", "goodbye": "…"}, "0": {"action": "agent", "to": "…"}}. */
    private static Map<String, KeyAction> keys(JsonObject keys) {
        Map<String, KeyAction> out = new HashMap<>();
        keys.forEach(e -> {
            JsonObject k = e.getValue() instanceof JsonObject o ? o : new JsonObject();
            try {
                out.put(e.getKey(), KeyAction.of(k.getString("action"), k.getString("goodbye"), k.getString("to")));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("human.keys." + e.getKey() + ": " + ex.getMessage(), ex);
            }
        });
        return out;
    }

    private static <T> void answer(RoutingContext rc, Future<T> work, Consumer<T> onSuccess) {
        work.onSuccess(onSuccess::accept).onFailure(e -> {
            switch (e) {
                case DoNotCallException d -> Problem.of("do-not-call", 422, "Number on the do-not-call list",
                        d.getMessage()).send(rc);
                case NoTrunkException n -> new Problem("urn:opendialer:problem:no-trunk", 422, "No trunk for this call",
                        n.getMessage(), List.of(new Problem.FieldError("/trunkGroup", n.getMessage()))).send(rc);
                case IdempotencyConflict c -> Problem.of("idempotency-conflict", 409, "Conflict", c.getMessage())
                        .send(rc);
                case IllegalArgumentException iae -> badRequest(rc, iae.getMessage());
                default -> rc.fail(e);
            }
        });
    }

    private static void badRequest(RoutingContext rc, String message) {
        Problem.badRequest(message).send(rc);
    }

    private static ValidatedRequest validated(RoutingContext rc) {
        return rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    }

    /** An absent optional parameter arrives as a null-valued parameter, not as a missing one. */
    private static String query(ValidatedRequest v, String name) {
        var p = v.getQuery().get(name);
        return p == null || p.isNull() ? null : p.getString();
    }

    private static void json(RoutingContext rc, int status, JsonObject body) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    private static OpenAPIRoute route(RouterBuilder rb, String operationId) {
        OpenAPIRoute r = rb.getRoute(operationId);
        if (r == null) {
            throw new IllegalStateException("operation " + operationId + " missing from openapi.yaml");
        }
        return r;
    }
}
