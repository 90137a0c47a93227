package org.opendialer.api.desktop;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.opendialer.api.auth.AgentSignIn;
import org.opendialer.api.auth.TokenService;
import org.opendialer.api.auth.TokenThrottle;
import org.opendialer.api.http.Blocking;

/** Binds the desktop's operations of {@code openapi.yaml} and its routes outside /api (sign-in, streams). */
public final class DesktopRoutes {

    /** Failed sign-ins allowed per username and per source address in each window, as at the token endpoint. */
    static final int FAILURES_PER_USER = 10;
    static final int FAILURES_PER_SOURCE = 30;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);

    private DesktopRoutes() {
    }

    public static void operations(RouterBuilder rb, Desktop desktop, Blocking blocking) {
        DesktopApi me = new DesktopApi(desktop, blocking);
        route(rb, "getMe").addHandler(me::me);
        route(rb, "updateMyRoutingStatus").addHandler(me::putStatus);
        route(rb, "hangUpMyInteraction").addHandler(me::hangup);
        route(rb, "transferMyInteraction").addHandler(me::transfer);
        route(rb, "wrapUpMyInteraction").addHandler(me::wrapUp);
        route(rb, "addMyCustomerToDoNotCall").addHandler(me::doNotCall);
        route(rb, "scheduleMyInteractionCallback").addHandler(me::interactionCallback);
        route(rb, "decideMyPreview").addHandler(me::preview);
        route(rb, "scheduleMyPreviewCallback").addHandler(me::previewCallback);
        route(rb, "searchMyPreviewRecords").addHandler(me::searchPreviewRecords);
        route(rb, "takeMyPreviewRecord").addHandler(me::takePreviewRecord);
        route(rb, "signOutMe").addHandler(me::signOut);
        route(rb, "createStreamTicket").addHandler(me::ticket);
        route(rb, "setUserDesktopPassword").addHandler(rc -> {
            UUID user = UUID.fromString(DesktopApi.request(rc).getPathParameters().get("userId").getString());
            String password = DesktopApi.body(rc).getString("password");
            blocking.call(() -> {
                desktop.accounts().setPassword(user, password);
                return true;
            }).onSuccess(ok -> rc.response().setStatusCode(204).end()).onFailure(e -> DesktopApi.fail(rc, e));
        });
        InteractionsApi interactions = new InteractionsApi(desktop, blocking);
        route(rb, "listInteractions").addHandler(interactions::list);
        route(rb, "getInteraction").addHandler(interactions::get);
        route(rb, "exportInteractions").addHandler(interactions::export);
    }

    /** Sign-in and the two event streams: outside /api, since they take no bearer token (a password, a ticket). */
    public static void publicRoutes(Router router, Desktop desktop, TokenService tokens, Blocking blocking, Executor hashing) {
        router.post(AgentSignIn.PATH).handler(new AgentSignIn(desktop.accounts(), tokens, blocking,
                new TokenThrottle(FAILURES_PER_USER, FAILURES_PER_SOURCE, FAILURE_WINDOW, Clock.systemUTC()), hashing));
        for (String page : new String[] {"/agent", "/supervisor"}) {
            // Vert.x matches "/agent" for "/agent/" too: only the bare name is redirected
            router.get(page).handler(rc -> {
                if (rc.request().path().equals(page)) {
                    rc.response().setStatusCode(301).putHeader("Location", page + "/").end();
                } else {
                    rc.next();
                }
            });
        }
        router.get("/agent/events").handler(desktop.streams()::agentStream);
        router.get("/supervisor/events").handler(desktop.streams()::supervisorStream);
    }

    private static OpenAPIRoute route(RouterBuilder rb, String operationId) {
        OpenAPIRoute r = rb.getRoute(operationId);
        if (r == null) {
            throw new IllegalStateException("operation " + operationId + " missing from openapi.yaml");
        }
        return r;
    }
}
