package org.opendialer.store;

import java.nio.file.Path;

/**
 * Where the data lives. An empty {@code url} means "start the embedded PostgreSQL"; any JDBC URL means an
 * external server that several nodes may share.
 *
 * @param url      JDBC URL of an external PostgreSQL ({@code jdbc:postgresql://host:5432/dialer}), or empty
 * @param user     user for the external server; ignored for the embedded one
 * @param password password for the external server; ignored for the embedded one
 * @param poolSize maximum pooled connections (HikariCP), 1..200
 * @param embedded settings of the embedded server
 */
public record DatabaseConfig(String url, String user, String password, int poolSize, Embedded embedded) {

    public DatabaseConfig {
        url = url == null ? "" : url.trim();
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (!url.isEmpty() && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("url: must be a jdbc:postgresql: URL or empty for the embedded database, was '" + url + "'");
        }
        if (poolSize < 1 || poolSize > 200) {
            throw new IllegalArgumentException("poolSize: must be 1..200, was " + poolSize);
        }
        if (embedded == null) {
            throw new IllegalArgumentException("embedded: missing");
        }
    }

    /** True when no external server is configured. */
    public boolean isEmbedded() {
        return url.isEmpty();
    }

    /**
     * The in-process PostgreSQL used when no URL is set.
     *
     * @param dataDir data directory, kept across restarts; relative paths resolve against the working directory.
     *                It holds the generated password ({@code dialer.password}, 0600); a running node locks
     *                {@code <dataDir>.lock} beside it
     * @param port    TCP port on 127.0.0.1, or 0 for any free port
     */
    public record Embedded(Path dataDir, int port) {
        public Embedded {
            if (dataDir == null || dataDir.toString().isBlank()) {
                throw new IllegalArgumentException("dataDir: must not be empty");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: must be 0..65535, was " + port);
            }
        }
    }
}
