package org.opendialer.api.desktop;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.opendialer.store.Jdbc;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes to agents and interactions made on any node, heard through PostgreSQL's LISTEN/NOTIFY: V24's triggers
 * notify {@code routing_change} for every row written to {@code routing_user} and {@code routing_interaction},
 * and {@link #publish} notifies {@code desktop_event} (e.g. a campaign's preview card for one agent). One thread per
 * node holds one connection that listens; a lost connection is reopened, and since notifications sent meanwhile are
 * lost, a {@link Change#RESYNC} follows, as it does every {@code resync} anyway as a safety net.
 */
public final class RoutingEvents implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RoutingEvents.class);
    static final String CHANGES = "routing_change";
    static final String EVENTS = "desktop_event";
    static final int POLL_MS = 200;

    /**
     * A row changed: {@code kind} user (id = the user) or interaction (id, its agent and queue, either may be null);
     * or {@code resync}: recompute everything.
     */
    public record Change(String kind, UUID id, UUID agent, UUID queue) {
        public static final Change RESYNC = new Change("resync", null, null, null);
    }

    /** An event for one agent's desktop: {@code type} names it (e.g. {@code preview}), {@code data} is its body. */
    public record AgentEvent(UUID agentId, String type, JsonObject data) {
    }

    private final DataSource ds;
    private final Jdbc jdbc;
    private final Duration resync;
    private final Consumer<Change> changes;
    private final Consumer<AgentEvent> events;
    private final Thread thread;
    private volatile boolean running = true;

    private RoutingEvents(DataSource ds, Duration resync, Consumer<Change> changes, Consumer<AgentEvent> events) {
        this.ds = ds;
        this.jdbc = new Jdbc(ds);
        this.resync = resync;
        this.changes = changes;
        this.events = events;
        this.thread = Thread.ofPlatform().name("routing-events").daemon().unstarted(this::run);
    }

    public static RoutingEvents start(DataSource ds, Duration resync, Consumer<Change> changes, Consumer<AgentEvent> events) {
        RoutingEvents e = new RoutingEvents(ds, resync, changes, events);
        e.thread.start();
        return e;
    }

    /** Sends an event to the agent's desktops on every node (payloads are limited to about 8 kB by PostgreSQL). */
    public void publish(UUID agentId, String type, JsonObject data) {
        String payload = new JsonObject().put("agent", agentId.toString()).put("type", type).put("data", data).encode();
        jdbc.with("publish desktop event", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                s.setString(1, EVENTS);
                s.setString(2, payload);
                s.execute();
                return null;
            }
        });
    }

    private void run() {
        while (running) {
            try (Connection c = ds.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANGES);
                    s.execute("LISTEN " + EVENTS);
                }
                c.setAutoCommit(true);
                PGConnection pg = c.unwrap(PGConnection.class);
                deliver(Change.RESYNC); // anything missed while not listening
                long next = System.nanoTime() + resync.toNanos();
                while (running) {
                    // short waits so that close() is heard soon without interrupting the socket mid-read
                    int wait = (int) Math.max(1, Math.min(POLL_MS, (next - System.nanoTime()) / 1_000_000));
                    PGNotification[] got = pg.getNotifications(wait);
                    if (got != null) {
                        for (PGNotification n : got) {
                            dispatch(n);
                        }
                    }
                    if (System.nanoTime() >= next) {
                        next = System.nanoTime() + resync.toNanos();
                        deliver(Change.RESYNC);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("routing events: {}; listening again in 1 s", e.getMessage());
                    sleep();
                }
            }
        }
    }

    private void dispatch(PGNotification n) {
        try {
            JsonObject p = new JsonObject(n.getParameter());
            if (EVENTS.equals(n.getName())) {
                events.accept(new AgentEvent(UUID.fromString(p.getString("agent")), p.getString("type"), p.getJsonObject("data")));
            } else {
                deliver(new Change(p.getString("kind"), uuid(p, "id"), uuid(p, "agent"), uuid(p, "queue")));
            }
        } catch (RuntimeException e) {
            log.warn("routing events: bad notification {}: {}", n.getParameter(), e.getMessage());
        }
    }

    private void deliver(Change change) {
        try {
            changes.accept(change);
        } catch (RuntimeException e) {
            log.warn("routing events: a listener failed: {}", e.getMessage());
        }
    }

    private static UUID uuid(JsonObject p, String key) {
        String v = p.getString(key);
        return v == null ? null : UUID.fromString(v);
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(POLL_MS + 100L); // within the API's stop budget; a daemon thread left behind holds nothing up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
