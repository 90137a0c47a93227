package org.opendialer.api.auth;

import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** API clients and the token signing key in PostgreSQL. Every method blocks: call from a virtual thread. */
public final class ClientStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "client_id, name, secret_hash, scopes, created_at, disabled, updated_at, version";
    private final DataSource ds;

    public ClientStore(DataSource ds) {
        this.ds = ds;
    }

    /** Creates a client with a random id and secret; scopes must be known names (see {@link Scopes#ALL}). */
    public NewClient create(String name, Collection<String> scopes) throws SQLException {
        if (scopes.contains(Scopes.AGENT)) {
            throw new IllegalArgumentException("scopes: 'agent' belongs to signed-in agents, not to API clients");
        }
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        String clientId = "cl_" + HexFormat.of().formatHex(id);
        String secret = SecretHasher.newSecret();
        return new NewClient(insert(clientId, name, secret, scopes), secret);
    }

    /**
     * Makes sure the client {@code clientId} exists with this secret and scopes: the operator-seeded admin client.
     * Re-hashes only when the secret changed, so restarts stay fast.
     */
    public void upsertSeeded(String clientId, String secret, Collection<String> scopes) throws SQLException {
        upsertSeeded(clientId, "admin (seeded from the environment)", secret, scopes);
    }

    /** As {@link #upsertSeeded(String, String, Collection)}, naming a client created now {@code name}. */
    public void upsertSeeded(String clientId, String name, String secret, Collection<String> scopes) throws SQLException {
        Optional<ApiClient> existing = find(clientId);
        if (existing.isEmpty()) {
            insert(clientId, name, secret, scopes);
            return;
        }
        boolean sameSecret = SecretHasher.verify(secret, existing.get().secretHash());
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE oauth_client SET secret_hash = ?, scopes = ?, disabled = FALSE WHERE client_id = ?")) {
            ps.setString(1, sameSecret ? existing.get().secretHash() : SecretHasher.hash(secret));
            ps.setArray(2, c.createArrayOf("text", scopes.toArray()));
            ps.setString(3, clientId);
            ps.executeUpdate();
        }
    }

    private ApiClient insert(String clientId, String name, String secret, Collection<String> scopes) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO oauth_client (client_id, name, secret_hash, scopes) VALUES (?, ?, ?, ?)"
                        + " RETURNING " + COLUMNS)) {
            ps.setString(1, clientId);
            ps.setString(2, name);
            ps.setString(3, SecretHasher.hash(secret));
            ps.setArray(4, c.createArrayOf("text", scopes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return read(rs);
            }
        }
    }

    public Optional<ApiClient> find(String clientId) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM oauth_client WHERE client_id = ?")) {
            ps.setString(1, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** One page of clients, oldest first. */
    public List<ApiClient> list(int limit, long offset) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM oauth_client ORDER BY created_at, client_id LIMIT ? OFFSET ?")) {
            ps.setInt(1, limit);
            ps.setLong(2, offset);
            try (ResultSet rs = ps.executeQuery()) {
                List<ApiClient> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        }
    }

    public long count() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM oauth_client");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** True when some enabled client holds the admin scope. */
    public boolean hasAdmin() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM oauth_client WHERE NOT disabled AND 'admin' = ANY(scopes) LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /**
     * The HMAC key that signs access tokens, created by whichever node starts first; the insert races safely
     * because of the primary key.
     */
    public byte[] signingKey() throws SQLException {
        try (Connection c = ds.getConnection()) {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO api_signing_key (id, secret) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")) {
                ps.setBytes(1, fresh);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT secret FROM api_signing_key WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }

    private static ApiClient read(ResultSet rs) throws SQLException {
        Array scopes = rs.getArray("scopes");
        return new ApiClient(rs.getString("client_id"), rs.getString("name"), rs.getString("secret_hash"),
                Arrays.asList((String[]) scopes.getArray()), rs.getTimestamp("created_at").toInstant(),
                rs.getBoolean("disabled"), rs.getTimestamp("updated_at").toInstant(), rs.getInt("version"));
    }
}
