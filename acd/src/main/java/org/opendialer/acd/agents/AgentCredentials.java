package org.opendialer.acd.agents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;
import org.opendialer.sip.AgentDirectory;
import org.opendialer.store.Jdbc;

/** Agent phones' SIP credentials in PostgreSQL, for the registrar's digest authentication. */
public final class AgentCredentials implements AgentDirectory {

    private final Jdbc jdbc;
    private final String realm;

    public AgentCredentials(DataSource dataSource, String realm) {
        this.jdbc = new Jdbc(dataSource);
        this.realm = realm;
    }

    @Override
    public Optional<String> ha1(String user) {
        return jdbc.with("read SIP credentials", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT ha1 FROM agent_sip_credential WHERE username = ? AND realm = ? AND enabled")) {
                s.setString(1, user);
                s.setString(2, realm);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Creates or replaces an agent's SIP password (stored as HA1 for this realm). */
    public void set(String user, String password) {
        if (user == null || !user.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("user: 1..64 letters, digits, '.', '_' or '-'");
        }
        if (password == null || password.length() < 8) {
            throw new IllegalArgumentException("password: at least 8 characters");
        }
        String ha1 = md5(user + ":" + realm + ":" + password);
        jdbc.with("store SIP credentials", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO agent_sip_credential (username, realm, ha1) VALUES (?, ?, ?)
                    ON CONFLICT (username) DO UPDATE SET realm = EXCLUDED.realm, ha1 = EXCLUDED.ha1, enabled = true""")) {
                s.setString(1, user);
                s.setString(2, realm);
                s.setString(3, ha1);
                return s.executeUpdate();
            }
        });
    }

    public String realm() {
        return realm;
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required for SIP digest", e);
        }
    }
}
