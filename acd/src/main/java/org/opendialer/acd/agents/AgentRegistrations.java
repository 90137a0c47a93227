package org.opendialer.acd.agents;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.opendialer.sip.RegistrationStore;
import org.opendialer.store.Jdbc;

/**
 * Agent phones' registrations in PostgreSQL ({@code agent_registration}), so the SIP server reloads them at start.
 * A binding of an agent whose credentials are deleted goes with them (foreign key, cascade).
 */
public final class AgentRegistrations implements RegistrationStore {

    private final Jdbc jdbc;

    public AgentRegistrations(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** Also prunes the rows that expired while no server ran: nothing else would ever delete them. */
    @Override
    public List<Registration> loadUnexpired(Instant now) {
        return jdbc.tx("load agent registrations", c -> {
            try (PreparedStatement prune = c.prepareStatement("DELETE FROM agent_registration WHERE expires_at <= ?")) {
                prune.setTimestamp(1, Timestamp.from(now));
                prune.executeUpdate();
            }
            List<Registration> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT username, contact, source_host, source_port, transport, expires_at, aor, user_agent
                    FROM agent_registration ORDER BY username, expires_at""");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(registration(r));
                }
            }
            return out;
        });
    }

    /** The live registrations of one phone user, oldest expiry first (any node's: the table is shared). */
    public List<Registration> of(String user, Instant now) {
        return jdbc.with("read agent registrations", c -> {
            List<Registration> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT username, contact, source_host, source_port, transport, expires_at, aor, user_agent
                    FROM agent_registration WHERE username = ? AND expires_at > ? ORDER BY expires_at, contact""")) {
                s.setString(1, user);
                s.setTimestamp(2, Timestamp.from(now));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(registration(r));
                    }
                }
            }
            return out;
        });
    }

    private static Registration registration(ResultSet r) throws java.sql.SQLException {
        return new Registration(r.getString(1), r.getString(2), r.getString(3), r.getInt(4), r.getString(5),
                r.getTimestamp(6).toInstant(), r.getString(7), r.getString(8));
    }

    @Override
    public void save(Registration g) {
        jdbc.with("store agent registration", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO agent_registration (username, contact, source_host, source_port, transport, expires_at,
                        aor, user_agent)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (username, contact) DO UPDATE SET source_host = EXCLUDED.source_host,
                        source_port = EXCLUDED.source_port, transport = EXCLUDED.transport,
                        expires_at = EXCLUDED.expires_at, aor = EXCLUDED.aor, user_agent = EXCLUDED.user_agent""")) {
                s.setString(1, g.user());
                s.setString(2, g.contact());
                s.setString(3, g.sourceHost());
                s.setInt(4, g.sourcePort());
                s.setString(5, g.transport());
                s.setTimestamp(6, Timestamp.from(g.expiresAt()));
                s.setString(7, g.aor());
                s.setString(8, g.userAgent());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void remove(String user, String contact) {
        jdbc.with("remove agent registration", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM agent_registration WHERE username = ? AND contact = ?")) {
                s.setString(1, user);
                s.setString(2, contact);
                return s.executeUpdate();
            }
        });
    }
}
