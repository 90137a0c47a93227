package org.opendialer.sip.transport;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * The new-call lane: at most {@code limit} inbound calls in set-up at once (INVITE in, no 18x, 2xx or final sent
 * yet); later INVITEs wait here in arrival order. Only dialog-creating INVITEs pass through: requests inside a
 * dialog go straight to their leg's executor, so a burst of new calls cannot hold up the ACKs and BYEs of calls
 * already set up (the way an SBC serves in-dialog requests first). Each call's own order is untouched: a waiting
 * call's set-up has not been queued on its leg yet, and a CANCEL that comes first ends it without set-up work.
 * Thread-safe; a ticket's {@link #leave} may come from any thread, any number of times.
 */
final class SetupLane {

    /** One call's place: waiting, in set-up, or done. */
    static final class Ticket {
        private final Runnable start;
        private boolean waiting;
        private boolean done;

        /** @param start queues the call's set-up on its leg (cheap: runs under the lane's lock) */
        Ticket(Runnable start) {
            this.start = start;
        }
    }

    private final int limit;
    private final int maxWaiting;
    private final Queue<Ticket> queue = new ArrayDeque<>();
    private int inSetup;

    /**
     * @param limit      calls in set-up at once, at least 1
     * @param maxWaiting calls waiting beyond which {@link #enter} refuses; 0 = never refuse
     */
    SetupLane(int limit, int maxWaiting) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        this.limit = limit;
        this.maxWaiting = maxWaiting;
    }

    /** Starts the ticket's set-up now or queues it; false (nothing started or queued) when the guard refuses. */
    synchronized boolean enter(Ticket ticket) {
        if (inSetup < limit) {
            inSetup++;
            ticket.start.run();
            return true;
        }
        if (maxWaiting > 0 && queue.size() >= maxWaiting) {
            ticket.done = true;
            return false;
        }
        ticket.waiting = true;
        queue.add(ticket);
        return true;
    }

    /** The call's set-up is over (or the call ended while waiting): frees its place for the next waiting call. */
    synchronized void leave(Ticket ticket) {
        if (ticket.done) {
            return;
        }
        ticket.done = true;
        if (ticket.waiting) {
            queue.remove(ticket);
            return;
        }
        Ticket next = queue.poll();
        if (next == null) {
            inSetup--;
            return;
        }
        next.waiting = false;
        next.start.run();
    }

    synchronized int waiting() {
        return queue.size();
    }

    synchronized int inSetup() {
        return inSetup;
    }
}
