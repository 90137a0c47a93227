package org.opendialer.api.server;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of a node, stopped in reverse start order, each within its own time budget, so that the whole
 * shutdown is bounded: the budgets may add up to at most {@link #TOTAL} (checked as parts are added), which keeps
 * SIGTERM-to-exit under 10 s. Time a part leaves unused carries over to the parts after it (each part's deadline
 * is the sum of the budgets up to it), so the database, started first and stopped last, gets whatever the quick
 * parts saved: a loaded machine's slow PostgreSQL stop then still ends inside the 9 s. A part still closing at its
 * deadline is left to finish on its own daemon thread, logged, and the next part stops anyway.
 */
final class StopSequence {

    /** The sum of all budgets may not exceed this: what is left of 10 s goes to the JVM's own exit. */
    static final Duration TOTAL = Duration.ofSeconds(9);

    private static final Logger log = LoggerFactory.getLogger(StopSequence.class);

    private record Part(String name, Duration budget, AutoCloseable closeable) {
    }

    private final Deque<Part> parts = new ArrayDeque<>();
    private Duration budgeted = Duration.ZERO;

    /**
     * Registers a part that has just started; it will be stopped before every part added earlier.
     *
     * @throws IllegalStateException when the budgets would add up to more than {@link #TOTAL}
     */
    synchronized void add(String name, Duration budget, AutoCloseable closeable) {
        Duration sum = budgeted.plus(budget);
        if (sum.compareTo(TOTAL) > 0) {
            throw new IllegalStateException("stop budget of '" + name + "' (" + budget.toMillis() + " ms) exceeds"
                    + " the shutdown's " + TOTAL.toMillis() + " ms: " + budgeted.toMillis() + " ms already given");
        }
        budgeted = sum;
        parts.push(new Part(name, budget, closeable));
    }

    /**
     * Stops every part, last added first; every part gets its turn even when an earlier one fails or overruns.
     * Safe to call more than once (later calls find nothing left).
     *
     * @return the names of the parts that had not finished stopping within their budget
     */
    synchronized List<String> stopAll() {
        List<String> late = new ArrayList<>();
        long deadline = System.nanoTime();
        while (!parts.isEmpty()) {
            Part p = parts.pop();
            budgeted = budgeted.minus(p.budget());
            deadline += p.budget().toNanos();
            if (!stop(p, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                late.add(p.name());
            }
        }
        return late;
    }

    private static boolean stop(Part p, Duration wait) {
        Thread t = Thread.ofPlatform().daemon().name("stop-" + p.name()).start(() -> {
            try {
                p.closeable().close();
            } catch (Exception e) {
                log.warn("error while stopping {}: {}", p.name(), e.toString());
            }
        });
        long t0 = System.nanoTime();
        try {
            if (t.join(wait)) {
                log.debug("{} stopped in {} ms", p.name(), (System.nanoTime() - t0) / 1_000_000);
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.warn("{} did not stop within {} ms; the shutdown goes on without waiting for it", p.name(),
                wait.toMillis());
        return false;
    }
}
