package org.opendialer.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On SIGTERM the embedded PostgreSQL stays up for the owner's own shutdown (which still writes) and stops when
 * the owner closes it: no hook of the library stops it behind the node's back.
 */
class ShutdownOrderTest {

    @TempDir
    Path tmp;

    /** A process owning a database whose shutdown hook writes after a while, as a draining node does. */
    public static void main(String[] args) throws Exception {
        Database db = Database.start(new DatabaseConfig("", "", "", 2, new DatabaseConfig.Embedded(Path.of(args[0]), 0)), null);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Thread.sleep(1500);
                try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                    st.execute("INSERT INTO oauth_client (client_id, name, secret_hash, scopes) VALUES ('late', 'n', 'h', '{}')");
                }
                System.out.println("write during shutdown: ok");
            } catch (Exception e) {
                System.out.println("write during shutdown: failed: " + e);
            } finally {
                db.close();
                System.out.println("closed");
            }
        }));
        System.out.println("ready");
        Thread.sleep(Long.MAX_VALUE);
    }

    @Test
    void theDatabaseOutlivesOtherShutdownHooksAndStopsWhenItsOwnerClosesIt() throws Exception {
        Path dir = tmp.resolve("pg");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ShutdownOrderTest.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                // start-up logs
            }
            assertThat(line).as("child started its database").isEqualTo("ready");
            long postgres = Postmaster.of(dir).orElseThrow().pid();
            p.toHandle().destroy(); // SIGTERM
            List<String> rest = out.lines().toList();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(rest).as(String.join("\n", rest)).contains("write during shutdown: ok", "closed");
            assertThat(ProcessHandle.of(postgres).map(h -> h.onExit().join().isAlive()).orElse(false)).isFalse();
            assertThat(Postmaster.of(dir)).isEmpty();
        } finally {
            p.destroyForcibly();
        }
    }
}
