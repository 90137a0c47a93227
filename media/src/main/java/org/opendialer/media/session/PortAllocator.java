package org.opendialer.media.session;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Hands out even RTP ports (RTCP = +1) from a range, least recently used first so a just-released port is not
 * immediately reused (late packets of the old call would land in the new one). A pair that could not be bound
 * (another process holds it) goes back to the end of the queue and is counted, so "range exhausted" can tell
 * a range too small for its calls from one shared with someone else. Thread-safe.
 */
final class PortAllocator {

    private final Deque<Integer> free = new ArrayDeque<>();
    private final int capacity;
    private long refused;

    PortAllocator(int min, int max) {
        for (int p = min; p + 1 <= max; p += 2) {
            free.addLast(p);
        }
        capacity = free.size();
    }

    /** Next free even port, or -1 if the range is exhausted. */
    synchronized int take() {
        Integer p = free.pollFirst();
        return p == null ? -1 : p;
    }

    synchronized void release(int port) {
        free.addLast(port);
    }

    /** Returns a pair taken but not bound because another socket holds it. */
    synchronized void refused(int port) {
        free.addLast(port);
        refused++;
    }

    /** Pairs refused by the OS since start (held by another process or engine). */
    synchronized long refusedBinds() {
        return refused;
    }

    synchronized int available() {
        return free.size();
    }

    int capacity() {
        return capacity;
    }
}
