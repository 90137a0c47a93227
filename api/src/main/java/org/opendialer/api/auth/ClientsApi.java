package org.opendialer.api.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.List;
import org.opendialer.api.http.Blocking;
import org.opendialer.api.http.Listing;
import org.opendialer.api.http.Problem;
import org.opendialer.api.http.Resources;

/** {@code GET/POST /api/v2/oauth/clients}: list and create API clients (admin scope, enforced by {@link ApiGuard}). */
public final class ClientsApi {

    private final ClientStore clients;
    private final Blocking blocking;

    public ClientsApi(ClientStore clients, Blocking blocking) {
        this.clients = clients;
        this.blocking = blocking;
    }

    public void list(RoutingContext rc) {
        Listing.Page page = Listing.page(rc);
        blocking.call(() -> new Listing.Result<>(clients.list(page.pageSize(), page.offset()), clients.count()))
                .onFailure(rc::fail).onSuccess(result -> Listing.send(rc, page, result, ClientsApi::toJson));
    }

    public void get(RoutingContext rc) {
        String id = rc.pathParam("clientId");
        blocking.call(() -> clients.find(id)).onFailure(rc::fail).onSuccess(c -> {
            if (c.isEmpty()) {
                Problem.of("not-found", 404, "Not Found", "no API client " + id).send(rc);
            } else {
                rc.response().putHeader("Content-Type", "application/json").end(toJson(c.get()).encode());
            }
        });
    }

    /** The body was validated against the contract (name, known scopes) before this runs. */
    public void create(RoutingContext rc) {
        ValidatedRequest req = rc.get(io.vertx.ext.web.openapi.router.RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
        JsonObject body = req.getBody().getJsonObject();
        String name = body.getString("name").strip();
        List<String> scopes = body.getJsonArray("scopes").stream().map(Object::toString).distinct().toList();
        blocking.call(() -> clients.create(name, scopes)).onFailure(rc::fail).onSuccess(created ->
                rc.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                        .putHeader("Location", Resources.OAUTH_CLIENT.uri(created.client().clientId()))
                        .end(toJson(created.client()).put("clientSecret", created.secret()).encode()));
    }

    static JsonObject toJson(ApiClient c) {
        return new JsonObject().put("clientId", c.clientId()).put("selfUri", Resources.OAUTH_CLIENT.uri(c.clientId()))
                .put("name", c.name()).put("scopes", new JsonArray(c.scopes())).put("disabled", c.disabled())
                .put("dateCreated", c.createdAt().toString()).put("dateModified", c.updatedAt().toString())
                .put("version", c.version());
    }
}
