package org.opendialer.api;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * One PostgreSQL in the test JVM that several child nodes share as their external database
 * ({@code DIALER_DB_URL}), as nodes of one deployment do; the test reads it directly to count rows.
 */
public final class SharedPostgres implements AutoCloseable {

    private final EmbeddedPostgres pg;
    private final DataSource dialer;

    private SharedPostgres(EmbeddedPostgres pg) {
        this.pg = pg;
        this.dialer = pg.getDatabase("postgres", "dialer");
    }

    public static SharedPostgres start() throws IOException, SQLException {
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE dialer");
        }
        return new SharedPostgres(pg);
    }

    /** Starts a node on this database with its own data directory and {@code DIALER_NODE_ID}. */
    public ChildServer node(Path dataDir, String nodeId, Map<String, String> extraEnv) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("DIALER_DB_URL", "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/dialer");
        env.put("DIALER_DB_USER", "postgres");
        env.put("DIALER_NODE_ID", nodeId);
        return ChildServer.start(dataDir, env);
    }

    public DataSource dataSource() {
        return dialer;
    }

    /** {@code sql} selects a key and a count; {@code args} fill its parameters. */
    public Map<String, Integer> counts(String sql, Object... args) throws SQLException {
        Map<String, Integer> out = new TreeMap<>();
        try (Connection c = dataSource().getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
