package org.opendialer.acd;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.opendialer.acd.agents.Stations;
import org.opendialer.acd.agents.AgentCredentials;
import org.opendialer.acd.routing.AgentStore;
import org.opendialer.acd.routing.NamedStore;
import org.opendialer.acd.routing.QueueRouter;
import org.opendialer.acd.routing.QueueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACD of one node, assembled in one place: its stores and the router, ticked on one thread every
 * {@code tick}. Every node may run one over the same database (see {@link QueueRouter}).
 */
public final class Acd implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Acd.class);

    private final NamedStore skills;
    private final NamedStore wrapupCodes;
    private final QueueStore queues;
    private final AgentStore agents;
    private final QueueRouter router;
    private final Stations stations;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("acd-router").daemon().factory());

    private Acd(DataSource ds, Clock clock, AgentCredentials credentials) {
        this.skills = NamedStore.skills(ds, clock);
        this.wrapupCodes = NamedStore.wrapupCodes(ds, clock);
        this.queues = new QueueStore(ds, clock);
        this.agents = new AgentStore(ds, clock, credentials);
        this.router = new QueueRouter(ds, clock);
        this.stations = new Stations(ds, clock);
    }

    /** Starts ticking the router every {@code tick} (a failed tick is logged, the next one runs). */
    public static Acd start(DataSource ds, Clock clock, AgentCredentials credentials, Duration tick) {
        Acd acd = new Acd(ds, clock, credentials);
        acd.ticker.scheduleWithFixedDelay(() -> {
            try {
                acd.router.tick();
            } catch (RuntimeException e) {
                log.warn("routing tick failed: {}", e.getMessage());
            }
        }, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        return acd;
    }

    public NamedStore skills() {
        return skills;
    }

    public NamedStore wrapupCodes() {
        return wrapupCodes;
    }

    public QueueStore queues() {
        return queues;
    }

    public AgentStore agents() {
        return agents;
    }

    public QueueRouter router() {
        return router;
    }

    /** Agents' phones: registered contacts and auto-answer. */
    public Stations stations() {
        return stations;
    }

    /** Stops ticking; a tick under way ends first (up to 5 s). */
    @Override
    public void close() {
        ticker.shutdown();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
