package org.opendialer.api.auth;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.store.Jdbc;

/**
 * Desktop passwords of agents ({@code routing_user}), kept as PBKDF2 hashes ({@link SecretHasher}); not the SIP
 * secret, whose stored HA1 is itself enough to register the phone and must not double as a login. Each user has a
 * session number: a token names it ({@link AgentPrincipal}) and signing out raises it, so that node-independent
 * JWTs of an ended session are refused by every agent operation.
 */
public final class AgentAccounts {

    /** An agent whose password matched, with its current session. */
    public record SignedIn(UUID userId, String name, int session) {
    }

    private final Jdbc jdbc;

    public AgentAccounts(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    /** Sets (or replaces) the user's desktop password; blocking (PBKDF2). */
    public void setPassword(UUID userId, String password) {
        if (password == null || password.length() < 8 || password.length() > 200) {
            throw new IllegalArgumentException("password: 8..200 characters");
        }
        String hash = SecretHasher.hash(password);
        int n = jdbc.with("set desktop password", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE routing_user SET desktop_password_hash = ? WHERE id = ?")) {
                s.setString(1, hash);
                s.setObject(2, userId);
                return s.executeUpdate();
            }
        });
        if (n == 0) {
            throw new NoSuchElementException("no user " + userId);
        }
    }

    /**
     * The agent whose SIP user name or email is {@code username} and whose password this is. An unknown user or
     * one without a password costs the same PBKDF2 (a dummy hash), so timing does not tell which names exist.
     */
    public Optional<SignedIn> authenticate(String username, String password) {
        Optional<Object[]> row = jdbc.with("find agent login", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT id, name, desktop_session, desktop_password_hash FROM routing_user
                    WHERE sip_user = ? OR lower(email) = lower(?) ORDER BY (sip_user = ?) DESC LIMIT 1""")) {
                s.setString(1, username);
                s.setString(2, username);
                s.setString(3, username);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Object[] {r.getObject(1, UUID.class), r.getString(2), r.getInt(3), r.getString(4)})
                            : Optional.empty();
                }
            }
        });
        String hash = row.map(r -> (String) r[3]).orElse(null);
        boolean matches = SecretHasher.verify(password, hash == null ? ClientAuthenticator.DUMMY_HASH : hash);
        return row.filter(r -> matches && hash != null).map(r -> new SignedIn((UUID) r[0], (String) r[1], (Integer) r[2]));
    }

    /** The user's current session number, or empty when the user no longer exists. */
    public Optional<Integer> session(UUID userId) {
        return jdbc.with("read desktop session", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT desktop_session FROM routing_user WHERE id = ?")) {
                s.setObject(1, userId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getInt(1)) : Optional.empty();
                }
            }
        });
    }

    /** Ends every session of the user: its tokens and event streams stop working on every node. */
    public void signOut(UUID userId) {
        jdbc.with("sign out", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE routing_user SET desktop_session = desktop_session + 1 WHERE id = ?")) {
                s.setObject(1, userId);
                return s.executeUpdate();
            }
        });
    }
}
