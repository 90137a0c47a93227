package org.opendialer.api.desktop;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.function.Function;
import org.opendialer.acd.routing.AgentState;
import org.opendialer.acd.routing.Conflict;
import org.opendialer.api.routing.Envelope;
import org.opendialer.api.auth.AgentPrincipal;
import org.opendialer.api.auth.ApiGuard;
import org.opendialer.api.auth.TokenService;
import org.opendialer.api.http.Blocking;
import org.opendialer.api.http.Casing;
import org.opendialer.api.http.Problem;
import org.opendialer.contacts.consent.ConsentSource;
import org.opendialer.contacts.consent.ContactChannel;

/**
 * {@code /api/v2/users/me/...} (scope {@code agent}) and {@code POST /api/v2/streams/tickets}: the desktop's
 * operations, each acting on the signed-in user the token names and refused (401) once that session ended.
 */
final class DesktopApi {

    private final Desktop desktop;
    private final Blocking blocking;

    DesktopApi(Desktop desktop, Blocking blocking) {
        this.desktop = desktop;
        this.blocking = blocking;
    }

    /** A token of an API client, or of an agent session that ended. */
    static final class NotAnAgent extends RuntimeException {
        final int status;

        NotAnAgent(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    void me(RoutingContext rc) {
        act(rc, user -> desktop.views().agent(user).orElseThrow(() -> new NoSuchElementException("no user " + user)));
    }

    void putStatus(RoutingContext rc) {
        JsonObject b = body(rc);
        AgentState wanted = Casing.parse(AgentState.class, b.getString("status"));
        act(rc, user -> {
            desktop.acd().agents().request(user, wanted, b.getString("reason"));
            return view(user);
        });
    }

    void hangup(RoutingContext rc) {
        act(rc, user -> {
            require(user, "onCall", "hang up");
            desktop.callControl().hangup(user);
            return view(user);
        });
    }

    void transfer(RoutingContext rc) {
        JsonObject b = body(rc);
        act(rc, user -> {
            if (b.getString("queueId") != null == (b.getString("number") != null)) {
                throw new IllegalArgumentException("queueId: give a queueId or a number, not both");
            }
            require(user, "onCall", "transfer");
            if (b.getString("queueId") != null) {
                desktop.callControl().transferToQueue(user, UUID.fromString(b.getString("queueId")));
            } else {
                desktop.callControl().transferToNumber(user, b.getString("number"));
            }
            return view(user);
        });
    }

    void wrapUp(RoutingContext rc) {
        JsonObject b = body(rc);
        act(rc, user -> {
            UUID code = UUID.fromString(b.getString("codeId"));
            desktop.acd().wrapupCodes().find(code).orElseThrow(() -> new IllegalArgumentException("codeId: no wrap-up code " + code));
            require(user, "wrapUp", "wrap up");
            desktop.acd().router().wrapUp(user, code, b.getString("notes"));
            return view(user);
        });
    }

    /** The customer of the agent's current interaction into the consent ledger (every channel reads that one). */
    void doNotCall(RoutingContext rc) {
        act(rc, user -> {
            JsonObject v = view(user);
            JsonObject i = v.getJsonObject("interaction");
            if (i == null || i.getString("customerAddress") == null) {
                throw new Conflict("the agent has no interaction with a customer's number");
            }
            var entry = desktop.ledger().add(ContactChannel.PHONE, i.getString("customerAddress"), ConsentSource.AGENT,
                    "agent " + v.getJsonObject("user").getString("name") + ", interaction " + i.getString("id"));
            return new JsonObject().put("channel", "phone").put("address", entry.address())
                    .put("source", Casing.camel(entry.source().name()));
        });
    }

    void preview(RoutingContext rc) {
        String previewId = request(rc).getPathParameters().get("previewId").getString();
        String action = body(rc).getString("action");
        act(rc, user -> {
            desktop.previews().decide(user, previewId, action.equals("call"));
            return new JsonObject().put("previewId", previewId).put("action", action);
        });
    }

    /** A callback for the card's record (Genesys' callbackScheduledTime): the campaign dials it then, gate first. */
    void previewCallback(RoutingContext rc) {
        String previewId = request(rc).getPathParameters().get("previewId").getString();
        String at = body(rc).getString("callbackScheduledTime");
        List<String> numbers = numbers(body(rc));
        act(rc, user -> desktop.previews().callback(user, previewId, instant(at), numbers));
    }

    /**
     * A callback for the record of the agent's current campaign call (on the call or in its wrap-up), Genesys'
     * callback from a conversation's participant with "route callback to me": the campaign calls it then, gate first.
     */
    void interactionCallback(RoutingContext rc) {
        String at = body(rc).getString("callbackScheduledTime");
        List<String> numbers = numbers(body(rc));
        act(rc, user -> {
            JsonObject v = view(user);
            String now = v.getJsonObject("routingStatus").getString("status");
            JsonObject i = v.getJsonObject("interaction");
            if (!now.equals("onCall") && !now.equals("wrapUp") || i == null || i.getString("campaignId") == null) {
                throw new Conflict("the agent is " + now + ": it can schedule a callback only on a campaign call or in"
                        + " its wrap-up");
            }
            return desktop.previews().callbackForInteraction(user, UUID.fromString(i.getString("id")), instant(at),
                    numbers);
        });
    }

    /** One page of the campaign's records whose column holds a value, each with whether it may be called now. */
    void searchPreviewRecords(RoutingContext rc) {
        JsonObject b = body(rc);
        act(rc, user -> desktop.previews().search(user, UUID.fromString(b.getString("campaignId")), b.getString("column"),
                b.getString("value"), b.getInteger("pageSize", PAGE_SIZE), b.getInteger("pageNumber", 1)));
    }

    /** Matches per page of a record search unless the request says. */
    static final int PAGE_SIZE = 25;

    /** Takes a found record as the agent's preview card (201), or 409 with the gate's reason. */
    void takePreviewRecord(RoutingContext rc) {
        JsonObject b = body(rc);
        TokenService.Grant grant = ApiGuard.grant(rc);
        answer(rc, blocking.call(() -> desktop.previews().take(principal(grant), UUID.fromString(b.getString("campaignId")),
                b.getString("contactId"))), j -> j, 201);
    }

    /** Genesys' {@code callbackNumbers} as sent (the OpenAPI schema checked their type); none: the contact's own. */
    private static List<String> numbers(JsonObject body) {
        JsonArray a = body.getJsonArray("callbackNumbers");
        return a == null ? List.of() : a.stream().map(String.class::cast).toList();
    }

    private static java.time.Instant instant(String iso) {
        try {
            return java.time.OffsetDateTime.parse(iso).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("callbackScheduledTime: an ISO-8601 date-time with its offset");
        }
    }

    void signOut(RoutingContext rc) {
        act(rc, user -> {
            try {
                desktop.acd().agents().request(user, AgentState.OFFLINE, null);
            } catch (AgentState.IllegalTransition e) {
                // on a call or alerted: the session ends, the call and its state stay with the call layer
            }
            desktop.accounts().signOut(user);
            return null;
        });
    }

    /** A ticket for one event stream: an agent's own, or (scope routing) the supervisor's. */
    void ticket(RoutingContext rc) {
        TokenService.Grant grant = ApiGuard.grant(rc);
        boolean agent = AgentPrincipal.of(grant).isPresent();
        answer(rc, blocking.call(() -> {
            if (agent) {
                principal(grant);
            }
            return desktop.tickets().issue(grant);
        }), t -> new JsonObject().put("ticket", t).put("expiresInSeconds", StreamTickets.LIFETIME.toSeconds())
                .put("streamUri", (agent ? "/agent/events" : "/supervisor/events") + "?ticket=" + t), 201);
    }

    /** Refuses (409) an action on the interaction unless the agent is in {@code status} (it has none otherwise). */
    private JsonObject require(UUID user, String status, String action) {
        JsonObject v = view(user);
        String now = v.getJsonObject("routingStatus").getString("status");
        if (!status.equals(now) || v.getJsonObject("interaction") == null) {
            throw new Conflict("the agent is " + now + ": it can " + action + " only when " + status);
        }
        return v;
    }

    private JsonObject view(UUID user) {
        return desktop.views().agent(user).map(v -> {
            v.remove("session");
            return v;
        }).orElseThrow(() -> new NoSuchElementException("no user " + user));
    }

    /** Runs {@code work} for the signed-in agent (after checking its session is current) and answers its JSON. */
    private void act(RoutingContext rc, Function<UUID, JsonObject> work) {
        TokenService.Grant grant = ApiGuard.grant(rc);
        answer(rc, blocking.call(() -> work.apply(principal(grant))), j -> j, 200);
    }

    private UUID principal(TokenService.Grant grant) {
        AgentPrincipal p = AgentPrincipal.of(grant).orElseThrow(() -> new NotAnAgent(404,
                "'me' is the signed-in agent: this token belongs to an API client, not to a user (POST /agent/signin)"));
        int current = desktop.accounts().session(p.userId()).orElseThrow(() -> new NotAnAgent(401, "the user no longer exists"));
        if (current != p.session()) {
            throw new NotAnAgent(401, "this session was signed out; sign in again");
        }
        return p.userId();
    }

    private static <T> void answer(RoutingContext rc, Future<T> work, Function<T, JsonObject> json, int status) {
        work.onSuccess(r -> {
            JsonObject body = json.apply(r);
            if (body == null) {
                rc.response().setStatusCode(204).end();
            } else {
                rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
            }
        }).onFailure(e -> fail(rc, e));
    }

    static void fail(RoutingContext rc, Throwable e) {
        switch (e) {
            case NotAnAgent n -> {
                if (n.status == 401) {
                    rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"opendialer\", error=\"invalid_token\"");
                }
                Problem.of(n.status == 401 ? "unauthorized" : "not-an-agent", n.status, n.status == 401 ? "Unauthorized" : "Not Found",
                        n.getMessage()).send(rc);
            }
            case IllegalStateException s -> Problem.of("conflict", 409, "Conflict", s.getMessage()).send(rc);
            case UnsupportedOperationException u -> Problem.of("not-implemented", 501, "Not Implemented", u.getMessage()).send(rc);
            default -> Envelope.fail(rc, e);
        }
    }

    static ValidatedRequest request(RoutingContext rc) {
        return rc.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    }

    static JsonObject body(RoutingContext rc) {
        var b = request(rc).getBody();
        return b == null || b.isEmpty() || b.getJsonObject() == null ? new JsonObject() : b.getJsonObject();
    }

}
