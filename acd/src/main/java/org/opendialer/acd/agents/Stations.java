package org.opendialer.acd.agents;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.sip.RegistrationStore.Registration;
import org.opendialer.store.Jdbc;

/**
 * An agent's station: its SIP phone user, whether offers ask the phone to answer by itself, and the contacts the
 * phone has registered (read from the registrar's shared table, so any node answers for every phone). Blocks (JDBC).
 */
public final class Stations {

    /** @param sipUser null when the agent has no phone; then it has no registrations either */
    public record Station(UUID userId, String sipUser, boolean autoAnswer, List<Registration> registrations) {
    }

    private final Jdbc jdbc;
    private final Clock clock;
    private final AgentRegistrations registrations;

    public Stations(DataSource ds, Clock clock) {
        this.jdbc = new Jdbc(ds);
        this.clock = clock;
        this.registrations = new AgentRegistrations(ds);
    }

    /** @throws NoSuchElementException for an unknown user */
    public Station get(UUID userId) {
        record Phone(String sipUser, boolean autoAnswer) {
        }
        Phone phone = jdbc.with("read station", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT sip_user, auto_answer FROM routing_user WHERE id = ?")) {
                s.setObject(1, userId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new NoSuchElementException("no user " + userId);
                    }
                    return new Phone(r.getString(1), r.getBoolean(2));
                }
            }
        });
        return new Station(userId, phone.sipUser(), phone.autoAnswer(),
                phone.sipUser() == null ? List.of() : registrations.of(phone.sipUser(), clock.instant()));
    }

    /** Sets auto-answer (Call-Info/Alert-Info on the offers' INVITEs from the next offer on); the station after. */
    public Station setAutoAnswer(UUID userId, boolean on) {
        int changed = jdbc.with("set auto-answer", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE routing_user SET auto_answer = ? WHERE id = ?")) {
                s.setBoolean(1, on);
                s.setObject(2, userId);
                return s.executeUpdate();
            }
        });
        if (changed != 1) {
            throw new NoSuchElementException("no user " + userId);
        }
        return get(userId);
    }
}
