package org.opendialer.webhooks;

/**
 * Life of an outbox row. Only PENDING rows are claimed; every other state is final.
 *
 * <pre>
 * PENDING --2xx-------------------------> DELIVERED
 * PENDING --410 Gone--------------------> GONE      (the receiver asked us to stop)
 * PENDING --refused target--------------> FAILED    (SSRF guard at delivery time)
 * PENDING --other status, timeout, I/O--> PENDING   (retry after back-off) or FAILED (attempts or age used up)
 * </pre>
 */
enum OutboxState {
    PENDING, DELIVERED, GONE, FAILED;

    /** What one attempt came to. */
    enum Outcome { ACCEPTED, GONE, REFUSED, RETRYABLE }

    /** The state a pending row moves to after an attempt; {@code exhausted}: no attempt may follow. */
    static OutboxState after(Outcome outcome, boolean exhausted) {
        return switch (outcome) {
            case ACCEPTED -> DELIVERED;
            case GONE -> GONE;
            case REFUSED -> FAILED;
            case RETRYABLE -> exhausted ? FAILED : PENDING;
        };
    }
}
