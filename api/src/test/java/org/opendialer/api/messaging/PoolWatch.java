package org.opendialer.api.messaging;

import java.util.concurrent.atomic.AtomicBoolean;
import org.opendialer.api.ChildServer;
import org.opendialer.api.Scrape;

/** Samples a child node's HikariCP gauges from {@code /metrics} until stopped: the most connections in use and waited for. */
final class PoolWatch {

    /** What the samples showed: the highest active, pending (threads waiting for a connection) and total. */
    record Seen(int samples, double maxActive, double maxPending, double maxTotal) {
    }

    /** Between samples: light on the node under test. */
    private static final long SAMPLE_MS = 50;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile Seen seen = new Seen(0, 0, 0, 0);

    private PoolWatch(ChildServer node) {
        thread = Thread.ofVirtual().start(() -> {
            while (running.get()) {
                try {
                    Scrape s = Scrape.of(node.baseUrl());
                    Seen o = seen;
                    seen = new Seen(o.samples() + 1, Math.max(o.maxActive(), s.value("hikaricp_connections_active")),
                            Math.max(o.maxPending(), s.value("hikaricp_connections_pending")),
                            Math.max(o.maxTotal(), s.value("hikaricp_connections")));
                    Thread.sleep(SAMPLE_MS);
                } catch (Exception | AssertionError e) {
                    return; // the node went away
                }
            }
        });
    }

    static PoolWatch start(ChildServer node) {
        return new PoolWatch(node);
    }

    Seen stop() throws InterruptedException {
        running.set(false);
        thread.join();
        return seen;
    }
}
