package org.opendialer.campaign.runner;

import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every attempt a final state when the node that claimed it is gone. A node holds a {@link RunnerLease} while
 * it runs; at start it ends the attempts its own last run left open ({@code interrupted}: a crash), and every
 * {@link #EVERY_TICKS} ticks it does the same for each other node with open attempts whose lease is free (that node
 * died). Kept apart from the tick's dialling: it is about nodes, not campaigns, and runs on its own rhythm.
 */
final class DeadNodeSweep implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadNodeSweep.class);
    /** Ticks between sweeps (at the default 200 ms tick: every 4 s). */
    static final int EVERY_TICKS = 20;

    private final AttemptStore attempts;
    private final Clock clock;
    private final String node;
    private final RunnerLease lease;

    /** Takes the node's lease and ends its own attempts a crash left open. */
    DeadNodeSweep(DataSource ds, AttemptStore attempts, Clock clock, String node) {
        this.attempts = attempts;
        this.clock = clock;
        this.node = node;
        this.lease = RunnerLease.acquire(ds, node);
        int ended = attempts.interrupt(node, clock.instant());
        if (ended > 0) {
            LOG.warn("campaign runner {}: {} attempts left open by the last run ended interrupted", node, ended);
        }
    }

    /** Called with each tick's number (from 0): sweeps on the first and every {@link #EVERY_TICKS}-th. */
    void onTick(long tick) {
        if (tick % EVERY_TICKS != 0) {
            return;
        }
        for (String other : attempts.nodesWithOpenAttempts(node)) {
            lease.whileDead(other, () -> {
                int n = attempts.interrupt(other, clock.instant());
                LOG.warn("campaign runner {}: node {} is gone; {} of its attempts ended interrupted", node, other, n);
            });
        }
    }

    /** Frees the lease: this node's open attempts are its own business until then. */
    @Override
    public void close() {
        lease.close();
    }
}
