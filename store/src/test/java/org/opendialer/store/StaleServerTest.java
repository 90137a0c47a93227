package org.opendialer.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PostgreSQL left serving the data directory with no dialer holding it is taken over (one a live dialer holds is
 * refused and left alone: {@link DatabaseTest}); a pid file naming an unrelated process does not block the start
 * nor harm that process.
 */
class StaleServerTest {

    @TempDir
    Path tmp;

    private static DatabaseConfig embedded(Path dir) {
        return new DatabaseConfig("", "", "", 3, new DatabaseConfig.Embedded(dir, 0));
    }

    /** The command line of the postmaster serving {@code dir}, as the kernel recorded it. */
    private static List<String> postmasterCommand(Path dir) throws Exception {
        long pid = Postmaster.of(dir).orElseThrow().pid();
        String raw = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
        return Arrays.asList(raw.split("\0"));
    }

    @Test
    void anOrphanedServerOfTheDirectoryIsStoppedAndANewOneServesTheSameData() throws Exception {
        Path dir = tmp.resolve("pg");
        List<String> command;
        try (Database db = Database.start(embedded(dir), null);
             Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO oauth_client (client_id, name, secret_hash, scopes) VALUES ('c1', 'kept', 'h', '{admin}')");
            command = postmasterCommand(dir);
        }
        // The same postmaster again, but owned by no dialer: what a kill -9 of the node leaves behind.
        // As zonky does, a root test run starts it in a user namespace (PostgreSQL refuses to run as root).
        List<String> launch = new ArrayList<>(LinuxUtils.isUnshareAvailable() ? List.of("unshare", "-U") : List.of());
        launch.addAll(command);
        Process orphan = new ProcessBuilder(launch).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("orphan.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Postmaster.of(dir).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Postmaster.of(dir)).as("orphan serving the directory: %s %s", command,
                Files.readString(tmp.resolve("orphan.log"))).hasValueSatisfying(p -> assertThat(p.pid()).isEqualTo(orphan.pid()));

        try (Database db = Database.start(embedded(dir), null);
             Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM oauth_client WHERE client_id = 'c1'")) {
            assertThat(orphan.waitFor(30, TimeUnit.SECONDS)).as("orphan stopped").isTrue();
            assertThat(orphan.exitValue()).as("fast shutdown, not a crash").isZero();
            assertThat(Postmaster.of(dir)).hasValueSatisfying(p -> assertThat(p.pid()).isNotEqualTo(orphan.pid()));
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("kept");
        }
    }

    @Test
    void aPidFileNamingAnUnrelatedProcessNeitherBlocksTheStartNorHarmsIt() throws Exception {
        Path dir = tmp.resolve("pg");
        try (Database db = Database.start(embedded(dir), null)) {
            assertThat(db.isHealthy(5)).isTrue();
        }
        // After a crash and a reboot the old postmaster's pid may belong to anything.
        Process unrelated = new ProcessBuilder("sleep", "120").start();
        try {
            Files.writeString(dir.resolve("postmaster.pid"), unrelated.pid() + "\n" + dir + "\n1700000000\n5432\n");
            try (Database db = Database.start(embedded(dir), null)) {
                assertThat(db.isHealthy(5)).isTrue();
            }
            assertThat(unrelated.isAlive()).as("the unrelated process was not signalled").isTrue();
        } finally {
            unrelated.destroyForcibly();
        }
    }
}
