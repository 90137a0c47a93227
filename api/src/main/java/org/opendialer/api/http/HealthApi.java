package org.opendialer.api.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.opendialer.store.Database;

/**
 * Health for load balancers and orchestrators: {@code /health/live} says the process serves HTTP; {@code /health}
 * also checks the database; {@code /health/ready} checks the database and every {@link Check} of the node (each
 * trunk group, the SMPP bind, the SMTP relay when configured). 200 UP when all are up, else 503 DOWN; the body
 * names each check.
 */
public final class HealthApi {

    /**
     * One readiness check; {@code up} may block briefly (it runs on a worker), e.g. a TCP connect to the relay.
     *
     * @param name key in the body's {@code checks}, e.g. {@code trunkGroup.carrier-a}, {@code smpp}, {@code smtp}
     */
    public record Check(String name, BooleanSupplier up) { }

    private final Database database;
    private final Blocking blocking;
    private final List<Check> checks;

    public HealthApi(Database database, Blocking blocking, List<Check> checks) {
        this.database = database;
        this.blocking = blocking;
        this.checks = List.copyOf(checks);
    }

    public void live(RoutingContext rc) {
        rc.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("status", "UP").encode());
    }

    /** The database only: a node whose trunks are down still serves its API. */
    public void health(RoutingContext rc) {
        answer(rc, List.of());
    }

    public void ready(RoutingContext rc) {
        answer(rc, checks);
    }

    private void answer(RoutingContext rc, List<Check> extra) {
        blocking.call(() -> {
            Map<String, Boolean> results = new LinkedHashMap<>();
            results.put("database", database.isHealthy(2));
            for (Check c : extra) {
                results.put(c.name(), isUp(c));
            }
            return results;
        }).onComplete(ar -> {
            JsonObject checked = new JsonObject().put("live", "UP");
            boolean up = ar.succeeded();
            if (ar.succeeded()) {
                for (Map.Entry<String, Boolean> e : ar.result().entrySet()) {
                    checked.put(e.getKey(), e.getValue() ? "UP" : "DOWN");
                    up &= e.getValue();
                }
            } else {
                checked.put("database", "DOWN");
            }
            JsonObject body = new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", checked);
            rc.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json").end(body.encode());
        });
    }

    private static boolean isUp(Check c) {
        try {
            return c.up().getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
