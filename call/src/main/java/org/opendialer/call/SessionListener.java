package org.opendialer.call;

/**
 * Receives one session's events in order on the session's serial executor. Must not block (in particular never
 * {@code join()} a future of the same session here): hand long work to a flow thread.
 */
@FunctionalInterface
public interface SessionListener {
    void onEvent(SessionEvent event);
}
