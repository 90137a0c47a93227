package org.opendialer.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one database of a node: a HikariCP pool over the embedded or an external PostgreSQL, migrated by Flyway
 * from {@code classpath:db/migration} before anyone uses it. Flyway's lock makes concurrent start-up of several
 * nodes on one external server safe.
 *
 * <p>JDBC blocks: call it from virtual threads or workers, never from an event loop.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final EmbeddedPostgresServer embedded;
    private final String description;

    private Database(HikariDataSource pool, EmbeddedPostgresServer embedded, String description) {
        this.pool = pool;
        this.embedded = embedded;
        this.description = description;
    }

    /**
     * Starts (embedded) or connects to (external) PostgreSQL, migrates the schema and opens the pool.
     *
     * @param metricRegistry a Micrometer {@code MeterRegistry} for pool metrics, or null
     * @throws DatabaseException with a message fit for an operator when anything fails; nothing stays running
     */
    public static Database start(DatabaseConfig config, Object metricRegistry) {
        EmbeddedPostgresServer embedded = null;
        HikariDataSource pool = null;
        try {
            String url = config.url();
            String user = config.user();
            String password = config.password();
            String description;
            if (config.isEmbedded()) {
                embedded = EmbeddedPostgresServer.start(config.embedded());
                url = embedded.jdbcUrl();
                user = EmbeddedPostgresServer.USER;
                password = embedded.password();
                description = "embedded PostgreSQL on 127.0.0.1:" + embedded.port() + ", data in " + config.embedded().dataDir();
            } else {
                description = "external PostgreSQL " + url;
            }
            pool = openPool(url, user, password, config.poolSize(), metricRegistry);
            migrate(pool);
            log.info("database ready: {}", description);
            return new Database(pool, embedded, description);
        } catch (RuntimeException e) {
            closeQuietly(pool, embedded);
            throw e instanceof DatabaseException de ? de : new DatabaseException("database start failed: " + rootMessage(e), e);
        }
    }

    /**
     * For command-line tools: attaches to the embedded server when a running node already owns the data directory
     * (with the password kept there), otherwise starts it like {@link #start}.
     */
    public static Database openForTool(DatabaseConfig config) {
        if (config.isEmbedded()) {
            var dir = config.embedded().dataDir();
            var port = EmbeddedPostgresServer.runningPort(dir);
            if (port.isPresent()) {
                String url = EmbeddedPostgresServer.jdbcUrl(port.get());
                String password = EmbeddedPostgresServer.passwordOf(dir);
                HikariDataSource pool = openPool(url, EmbeddedPostgresServer.USER, password, 2, null);
                migrate(pool);
                return new Database(pool, null, "running embedded PostgreSQL on 127.0.0.1:" + port.get());
            }
        }
        return start(config, null);
    }

    private static HikariDataSource openPool(String url, String user, String password, int size, Object metrics) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("dialer-db");
        hc.setJdbcUrl(url);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(Math.min(2, size));
        hc.setConnectionTimeout(10_000);
        if (metrics != null) {
            hc.setMetricRegistry(metrics);
        }
        try {
            return new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new DatabaseException("cannot connect to " + url + ": " + rootMessage(e), e);
        }
    }

    private static void migrate(DataSource ds) {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    }

    /** The pooled data source; connections must be closed by the caller (try-with-resources). */
    public DataSource dataSource() {
        return pool;
    }

    /** One line for operators: which server and where its data lives. */
    public String description() {
        return description;
    }

    /** Readiness probe: a pooled connection answers within {@code timeoutSeconds}. Blocks. */
    public boolean isHealthy(int timeoutSeconds) {
        try (Connection c = pool.getConnection()) {
            return c.isValid(timeoutSeconds);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closeQuietly(pool, embedded);
    }

    private static void closeQuietly(HikariDataSource pool, EmbeddedPostgresServer embedded) {
        if (pool != null) {
            pool.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return msg == null ? root.getClass().getSimpleName() : msg;
    }
}
