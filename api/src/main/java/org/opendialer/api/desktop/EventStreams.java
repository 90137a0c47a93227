package org.opendialer.api.desktop;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.opendialer.api.auth.AgentPrincipal;
import org.opendialer.api.auth.Scopes;
import org.opendialer.api.auth.TokenService;
import org.opendialer.api.http.Blocking;
import org.opendialer.api.http.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent events for the pages: {@code GET /agent/events?ticket=} (the agent's own view, event {@code state},
 * plus pushed events such as {@code preview}) and {@code GET /supervisor/events?ticket=} (event {@code queues}).
 * A ticket ({@link StreamTickets}) opens one stream. A view is recomputed when {@link RoutingEvents} reports a change
 * that concerns it (or on a resync) and sent only when it differs from the last one sent. A stream ends when its
 * token expires, when the agent signs out (its session number moved on) or is deleted; an agent has at most
 * {@link #PER_AGENT} streams on a node (a new one closes the oldest, e.g. the page reloaded).
 */
public final class EventStreams {

    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);
    static final int PER_AGENT = 3;
    static final int SUPERVISORS = 200;

    /** One open stream. */
    private static final class Stream {
        final HttpServerResponse response;
        final Context context;
        final int session;
        final AtomicBoolean open = new AtomicBoolean(true);
        volatile String last = "";

        Stream(HttpServerResponse response, Context context, int session) {
            this.response = response;
            this.context = context;
            this.session = session;
        }

        /** Writes on the response's own context; an event sent before {@link #close} goes out before the end. */
        void send(String event, String data) {
            if (open.get()) {
                context.runOnContext(v -> {
                    if (!response.ended() && !response.closed()) {
                        response.write("event: " + event + "\ndata: " + data + "\n\n");
                    }
                });
            }
        }

        void close() {
            if (open.compareAndSet(true, false)) {
                context.runOnContext(v -> {
                    if (!response.ended() && !response.closed()) {
                        response.end();
                    }
                });
            }
        }
    }

    private final Vertx vertx;
    private final Blocking blocking;
    private final StreamTickets tickets;
    private final DesktopViews views;
    private final Clock clock;
    private final Map<UUID, Deque<Stream>> agents = new ConcurrentHashMap<>();
    private final List<Stream> supervisors = new CopyOnWriteArrayList<>();
    /** Views are computed off the event loops, one at a time (changes come in bursts; each recomputes all it needs). */
    private final ExecutorService work = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("event-streams").factory());

    public EventStreams(Vertx vertx, Blocking blocking, StreamTickets tickets, DesktopViews views, Clock clock) {
        this.vertx = vertx;
        this.blocking = blocking;
        this.tickets = tickets;
        this.views = views;
        this.clock = clock;
    }

    public void agentStream(RoutingContext rc) {
        open(rc, true);
    }

    public void supervisorStream(RoutingContext rc) {
        open(rc, false);
    }

    private void open(RoutingContext rc, boolean agent) {
        String ticket = rc.queryParams().get("ticket");
        Context ctx = vertx.getOrCreateContext();
        blocking.call(() -> tickets.redeem(ticket)).onComplete(ar -> {
            if (ar.failed()) {
                rc.fail(ar.cause());
                return;
            }
            Optional<StreamTickets.Ticket> t = ar.result();
            if (t.isEmpty()) {
                Problem.of("unauthorized", 401, "Unauthorized", "the stream ticket is unknown, used or expired:"
                        + " POST /api/v2/streams/tickets with the token for a new one").send(rc);
                return;
            }
            TokenService.Grant grant = new TokenService.Grant(t.get().subject(), t.get().scopes(), t.get().streamUntil());
            Optional<AgentPrincipal> who = AgentPrincipal.of(grant);
            if (agent ? who.isEmpty() : !Scopes.satisfies(grant.scopes(), "routing")) {
                Problem.of("forbidden", 403, "Forbidden", agent ? "this stream is for a signed-in agent"
                        : "this stream needs the 'routing' scope").send(rc);
                return;
            }
            HttpServerResponse resp = rc.response().setChunked(true).putHeader("Content-Type", "text/event-stream")
                    .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
            resp.write(": connected\n\n");
            Stream s = new Stream(resp, ctx, who.map(AgentPrincipal::session).orElse(-1));
            long ms = Math.max(1, Duration.between(clock.instant(), t.get().streamUntil()).toMillis());
            long timer = vertx.setTimer(ms, id -> s.close());
            if (agent) {
                UUID user = who.get().userId();
                Deque<Stream> mine = agents.computeIfAbsent(user, k -> new ArrayDeque<>());
                Stream evicted = null;
                synchronized (mine) {
                    mine.addLast(s);
                    if (mine.size() > PER_AGENT) {
                        evicted = mine.removeFirst();
                    }
                }
                if (evicted != null) {
                    evicted.close();
                }
                resp.closeHandler(v -> forget(user, s, timer));
                refreshAgent(user);
            } else {
                if (supervisors.size() >= SUPERVISORS) {
                    supervisors.get(0).close();
                    supervisors.remove(0);
                }
                supervisors.add(s);
                resp.closeHandler(v -> {
                    s.open.set(false);
                    supervisors.remove(s);
                    vertx.cancelTimer(timer);
                });
                refreshSupervisors();
            }
        });
    }

    private void forget(UUID user, Stream s, long timer) {
        s.open.set(false);
        vertx.cancelTimer(timer);
        Deque<Stream> mine = agents.get(user);
        if (mine != null) {
            synchronized (mine) {
                mine.remove(s);
            }
        }
    }

    /** From {@link RoutingEvents}: recompute what the change concerns. */
    public void changed(RoutingEvents.Change c) {
        switch (c.kind()) {
            case "user" -> refreshAgent(c.id());
            case "interaction" -> {
                if (c.agent() != null) {
                    refreshAgent(c.agent());
                }
            }
            default -> agents.keySet().forEach(this::refreshAgent);
        }
        refreshSupervisors();
    }

    /** From {@link RoutingEvents}: an event for one agent's desktops (e.g. a preview card). */
    public void event(RoutingEvents.AgentEvent e) {
        String data = e.data() == null ? "{}" : e.data().encode();
        streams(e.agentId()).forEach(s -> s.send(e.type(), data));
    }

    private List<Stream> streams(UUID user) {
        Deque<Stream> mine = agents.get(user);
        if (mine == null) {
            return List.of();
        }
        synchronized (mine) {
            return List.copyOf(mine);
        }
    }

    private void refreshAgent(UUID user) {
        if (streams(user).isEmpty()) {
            return;
        }
        run(() -> {
            Optional<JsonObject> view = views.agent(user);
            for (Stream s : streams(user)) {
                if (view.isEmpty() || view.get().getInteger("session") != s.session) {
                    s.send("signedOut", "{}");
                    s.close();
                    continue;
                }
                JsonObject shown = view.get().copy();
                shown.remove("session");
                String json = shown.encode();
                if (!json.equals(s.last)) {
                    s.last = json;
                    s.send("state", json);
                }
            }
        });
    }

    private void refreshSupervisors() {
        if (supervisors.isEmpty()) {
            return;
        }
        run(() -> {
            String json = views.queues().encode();
            for (Stream s : supervisors) {
                if (!json.equals(s.last)) {
                    s.last = json;
                    s.send("queues", json);
                }
            }
        });
    }

    private void run(Runnable r) {
        try {
            work.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    log.warn("event streams: a view could not be computed: {}", e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    /** Ends every stream (the server stops). */
    public void close() {
        agents.values().forEach(d -> List.copyOf(d).forEach(Stream::close));
        supervisors.forEach(Stream::close);
        work.shutdown(); // a view under way finishes (an interrupt would break its JDBC socket)
    }
}
