package org.opendialer.campaign.runner;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.campaign.pacing.AgentView;
import org.opendialer.store.Jdbc;

/**
 * The agents of a campaign's ACD queue as the pacer sees them, read from the ACD's rows (any node's agents count):
 * AVAILABLE is idle, ALERTING and ON_CALL talk, WRAP_UP wraps up, the rest are away.
 */
final class AgentSeats {

    /** One agent of the queue now. */
    record Seat(UUID agentId, String state, Instant since) {
        AgentView view(Instant now) {
            Duration in = since.isAfter(now) ? Duration.ZERO : Duration.between(since, now);
            return new AgentView(switch (state) {
                case "AVAILABLE" -> AgentView.Phase.IDLE;
                case "ALERTING", "ON_CALL" -> AgentView.Phase.TALKING;
                case "WRAP_UP" -> AgentView.Phase.WRAPPING;
                default -> AgentView.Phase.AWAY;
            }, in);
        }
    }

    private final Jdbc jdbc;

    AgentSeats(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    List<Seat> of(UUID queueId) {
        return jdbc.with("queue agents", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT u.id, u.state, u.state_since FROM routing_user u"
                    + " JOIN routing_queue_member m ON m.user_id = u.id WHERE m.queue_id = ?")) {
                s.setObject(1, queueId);
                List<Seat> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Seat(r.getObject(1, UUID.class), r.getString(2), r.getTimestamp(3).toInstant()));
                    }
                }
                return out;
            }
        });
    }
}
