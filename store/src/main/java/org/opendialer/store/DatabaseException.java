package org.opendialer.store;

/** The database could not be started, reached or migrated; the message is meant for an operator. */
public final class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
