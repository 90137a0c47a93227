package org.opendialer.acd.routing;

/** The request clashes with what is stored: a taken name, a stale version, a state that forbids it (HTTP 409). */
public final class Conflict extends RuntimeException {

    public Conflict(String message) {
        super(message);
    }
}
