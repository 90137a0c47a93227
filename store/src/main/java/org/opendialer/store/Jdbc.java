package org.opendialer.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.opendialer.store.DatabaseException;

/**
 * Connection handling for the JDBC stores of this module: one pooled connection per unit of work, a transaction
 * when asked, and {@link SQLException} turned into an unchecked {@link DatabaseException} naming what failed.
 * Blocks: call from virtual threads.
 */
public final class Jdbc {

    /** Work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} with auto-commit. */
    public <T> T with(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DatabaseException(what + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction: all of it is stored, or none (also when it throws). */
    public <T> T tx(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException(what + ": " + e.getMessage(), e);
        }
    }
}
