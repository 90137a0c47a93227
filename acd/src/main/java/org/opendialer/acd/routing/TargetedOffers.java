package org.opendialer.acd.routing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.opendialer.acd.routing.AgentState.Event;

/** The router's step for interactions meant for one agent (a preview's call), inside its transaction. */
final class TargetedOffers {

    private TargetedOffers() {
    }

    /**
     * A preview's calls (V28 {@code target_agent_id}) go to their agent at once when it is PREVIEWING (or has become
     * AVAILABLE meanwhile); no queue order, no skills: the agent chose the contact.
     */
    static List<RoutingDecision.Offer> route(Connection c, Instant now) throws SQLException {
        List<RoutingDecision.Offer> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT i.id, i.target_agent_id, q.alerting_timeout_s FROM routing_interaction i
                JOIN routing_queue q ON q.id = i.queue_id JOIN routing_user u ON u.id = i.target_agent_id
                WHERE i.state = 'WAITING' AND u.state IN ('PREVIEWING', 'AVAILABLE')
                FOR UPDATE OF i, u SKIP LOCKED""")) {
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new RoutingDecision.Offer(r.getObject(1, UUID.class), r.getObject(2, UUID.class)));
                    AgentStore.move(c, r.getObject(2, UUID.class), Event.OFFER, now, null, now.plusSeconds(r.getInt(3)),
                            r.getObject(1, UUID.class));
                }
            }
        }
        for (RoutingDecision.Offer o : out) {
            QueueRouter.setInteraction(c, o.interactionId(), "OFFERED", o.agentId(), "WAITING", true);
        }
        return out;
    }

}
