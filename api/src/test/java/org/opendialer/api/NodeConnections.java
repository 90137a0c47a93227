package org.opendialer.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opendialer.store.AdvisoryLock;

/**
 * What a child node's connections to its embedded PostgreSQL are doing, read from {@code pg_stat_activity} and
 * {@code pg_locks} over a connection of our own (not counted): each connection is named by the node-life lock it
 * holds (the advisory lock namespaces of {@code NodeLease}, {@code CallOwners}, {@code RunnerLease}), by
 * {@code LISTEN} (the desktop's {@code RoutingEvents}), or else as pooled work, idle or busy.
 */
public final class NodeConnections {

    /** Advisory lock namespaces (first key) of the locks held for a node's life, by holder. */
    private static final Map<Integer, String> HOLDERS = Map.of(AdvisoryLock.NODE_LEASE.space(),
            "messaging NodeLease", AdvisoryLock.CALL_OWNER.space(), "calls CallOwners", AdvisoryLock.RUNNER_LEASE.space(),
            "campaign RunnerLease");

    private NodeConnections() {
    }

    /** Connections of the node serving {@code dataDir} (its {@code DIALER_DATA_DIR}), counted by role. */
    public static Map<String, Integer> of(Path dataDir) throws IOException, SQLException {
        // the embedded cluster is the data directory itself or its postgres/ (as ChildServer#postgresOf reads it)
        Path pg = Files.exists(dataDir.resolve("postgres/postmaster.pid")) ? dataDir.resolve("postgres") : dataDir;
        List<String> pid = Files.readAllLines(pg.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
        String password = Files.readString(pg.resolve("dialer.password"), StandardCharsets.US_ASCII).trim();
        String url = "jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/dialer";
        Map<String, Integer> roles = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", password); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT a.state, a.query, (SELECT min(l.classid::int) FROM pg_locks l
                                               WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.granted
                                                 AND l.objsubid = 2 AND l.classid::int = ANY (?::int[]))
                     FROM pg_stat_activity a
                     WHERE a.datname = current_database() AND a.backend_type = 'client backend' AND a.pid <> pg_backend_pid()
                     """.replace("?::int[]", "'{" + String.join(",", HOLDERS.keySet().stream().map(String::valueOf).toList()) + "}'::int[]"))) {
            while (rs.next()) {
                int space = rs.getInt(3);
                String role;
                if (!rs.wasNull()) {
                    role = HOLDERS.get(space);
                } else if (rs.getString(2) != null && rs.getString(2).startsWith("LISTEN")) {
                    role = "desktop RoutingEvents (LISTEN)";
                } else {
                    role = "idle".equals(rs.getString(1)) ? "pooled, idle" : "pooled, busy";
                }
                roles.merge(role, 1, Integer::sum);
            }
        }
        return roles;
    }

    /** The connections held for the node's life: every role but pooled work. */
    public static int held(Map<String, Integer> roles) {
        return roles.entrySet().stream().filter(e -> !e.getKey().startsWith("pooled")).mapToInt(Map.Entry::getValue).sum();
    }
}
