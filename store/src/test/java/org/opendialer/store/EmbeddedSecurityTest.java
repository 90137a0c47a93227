package org.opendialer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL demands its generated password and keeps what it commits. */
class EmbeddedSecurityTest {

    @TempDir
    Path tmp;

    @TempDir
    static Path shared;
    /** One node's database for the tests that only look at a running server (initdb is the slow part). */
    static Database node;
    static Path nodeDir;

    @BeforeAll
    static void startNode() {
        nodeDir = shared.resolve("pg");
        node = Database.start(embedded(nodeDir), null);
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static DatabaseConfig embedded(Path dir) {
        return new DatabaseConfig("", "", "", 3, new DatabaseConfig.Embedded(dir, 0));
    }

    private static Connection connect(int port, String database, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, p);
    }

    private static int port(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW port")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void connectionsWithoutTheGeneratedPasswordAreRefused() throws Exception {
        int port = port(node);
        for (String db : new String[] {"dialer", "postgres", "template1"}) {
            assertThatThrownBy(() -> connect(port, db, null).close()).as("no password, database " + db)
                    .isInstanceOf(SQLException.class).hasMessageContaining("password");
            assertThatThrownBy(() -> connect(port, db, "wrong-password").close()).as("wrong password, database " + db)
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        }
        String password = Files.readString(nodeDir.resolve(EmbeddedPassword.FILE)).trim();
        assertThat(password).hasSizeGreaterThanOrEqualTo(40);
        try (Connection c = connect(port, "dialer", password)) {
            assertThat(c.isValid(5)).isTrue();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nodeDir.resolve(EmbeddedPassword.FILE))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nodeDir))).isEqualTo("rwx------");
        assertThat(Files.readAllLines(nodeDir.resolve("pg_hba.conf")).stream().filter(l -> !l.isBlank() && !l.startsWith("#")))
                .isNotEmpty().allMatch(l -> l.endsWith("scram-sha-256"));
    }

    @Test
    void aTrustModeDataDirectoryFromBeforeIsUpgradedAndKeepsItsData() throws Exception {
        Path dir = tmp.resolve("old");
        // What earlier versions made: zonky's initdb -A trust, no password file.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).start();
             Connection c = old.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE kept (v text)");
            st.execute("INSERT INTO kept VALUES ('from before')");
        }
        assertThat(dir.resolve(EmbeddedPassword.FILE)).doesNotExist();

        try (Database db = Database.start(embedded(dir), null)) {
            int port = port(db);
            assertThatThrownBy(() -> connect(port, "dialer", null).close()).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(port, "dialer", "wrong").close()).isInstanceOf(SQLException.class);
            String password = Files.readString(dir.resolve(EmbeddedPassword.FILE)).trim();
            try (Connection c = connect(port, "postgres", password); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("from before");
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(EmbeddedPassword.FILE))))
                .isEqualTo("rw-------");
        assertThat(EmbeddedPassword.hbaDemandsPassword(dir)).isTrue();
    }

    @Test
    void durabilityIsOn() throws Exception {
        try (Connection c = node.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
                    rs.next();
                    assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
    }

    @Test
    void toolsAttachToARunningNodeWithThePassword() {
        try (Database tool = Database.openForTool(embedded(nodeDir))) {
            assertThat(tool.description()).startsWith("running embedded PostgreSQL");
            assertThat(tool.isHealthy(5)).isTrue();
            assertThat(node.isHealthy(5)).isTrue();
        }
    }
}
