package org.opendialer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path tmp;

    private DatabaseConfig embedded(Path dir) {
        return new DatabaseConfig("", "", "", 3, new DatabaseConfig.Embedded(dir, 0));
    }

    @Test
    void embeddedServerKeepsDataAcrossRestarts() throws Exception {
        DatabaseConfig config = embedded(tmp.resolve("pg"));
        try (Database db = Database.start(config, null)) {
            assertThat(db.isHealthy(5)).isTrue();
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO oauth_client (client_id, name, secret_hash, scopes) VALUES ('c1', 'n', 'h', '{admin}')");
            }
        }
        try (Database db = Database.start(config, null);
             Connection c = db.dataSource().getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM oauth_client WHERE client_id = 'c1'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("n");
        }
    }

    @Test
    void secondServerOnTheSameDataDirectoryIsRefusedButToolsAttach() {
        DatabaseConfig config = embedded(tmp.resolve("pg2"));
        try (Database first = Database.start(config, null)) {
            long postgres = Postmaster.of(tmp.resolve("pg2")).orElseThrow().pid();
            assertThatThrownBy(() -> Database.start(config, null))
                    .isInstanceOf(DatabaseException.class)
                    .hasMessageContaining("already in use")
                    .hasMessageContaining("dialer pid " + ProcessHandle.current().pid());
            // The live owner's server was not taken for an orphan.
            assertThat(Postmaster.of(tmp.resolve("pg2"))).hasValueSatisfying(p -> assertThat(p.pid()).isEqualTo(postgres));
            try (Database tool = Database.openForTool(config)) {
                assertThat(tool.description()).startsWith("running embedded PostgreSQL");
                assertThat(tool.isHealthy(5)).isTrue();
            }
            assertThat(first.isHealthy(5)).isTrue();
        }
    }

    @Test
    void unreachableExternalServerFailsWithTheUrlInTheMessage() {
        // Port 9 on loopback: nothing listens there, the connection is refused at once.
        DatabaseConfig config = new DatabaseConfig("jdbc:postgresql://127.0.0.1:9/dialer?connectTimeout=2", "u", "p", 2,
                new DatabaseConfig.Embedded(tmp, 0));
        assertThatThrownBy(() -> Database.start(config, null))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("127.0.0.1:9");
    }
}
