package org.opendialer.api.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.opendialer.store.Database;

/**
 * Health for load balancers and orchestrators: {@code /health/live} says the process serves HTTP;
 * {@code /health/ready} and {@code /health} also check the database (200 UP or 503 DOWN).
 */
public final class HealthApi {

    private final Database database;
    private final Blocking blocking;

    public HealthApi(Database database, Blocking blocking) {
        this.database = database;
        this.blocking = blocking;
    }

    public void live(RoutingContext rc) {
        rc.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("status", "UP").encode());
    }

    public void ready(RoutingContext rc) {
        blocking.call(() -> database.isHealthy(2)).onComplete(ar -> {
            boolean db = ar.succeeded() && ar.result();
            JsonObject body = new JsonObject().put("status", db ? "UP" : "DOWN")
                    .put("checks", new JsonObject()
                            .put("live", "UP")
                            .put("database", db ? "UP" : "DOWN"));
            rc.response().setStatusCode(db ? 200 : 503).putHeader("Content-Type", "application/json").end(body.encode());
        });
    }
}
