package org.opendialer.contacts;

/**
 * The stored state does not allow this change: a name already taken, a stale {@code version} (optimistic
 * locking), or a change the internal DNC list refuses. The API answers 409.
 */
public final class Conflict extends RuntimeException {
    public Conflict(String message) {
        super(message);
    }
}
