package org.opendialer.api.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * Attempts written straight into {@code dial_attempt}, as the campaign runner records them, at chosen times and
 * with chosen outcomes: the report and dashboard tests know every figure they should see. The row carries the
 * node's own id, since a runner ends another (dead) node's open attempts {@code interrupted}.
 */
final class AttemptRows {

    private AttemptRows() {
    }

    static void insert(Connection c, OutboundNode node, String campaign, String list, String contact, Instant at,
                       String result, boolean live, boolean abandoned) throws Exception {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO dial_attempt (id, campaign_id, list_id, contact_id,"
                + " number, phone_column, node, created_at, caller_id, result, live_answer, abandoned)"
                + " VALUES (?, ?::uuid, ?::uuid, ?, '+12015550500', 'phone', ?, ?, '+15550001111', ?, ?, ?)")) {
            st.setObject(1, UUID.randomUUID());
            st.setString(2, campaign);
            st.setString(3, list);
            st.setString(4, contact);
            st.setString(5, node.server().config().calls().nodeId());
            st.setTimestamp(6, Timestamp.from(at));
            st.setString(7, result);
            st.setBoolean(8, live);
            st.setBoolean(9, abandoned);
            st.executeUpdate();
        }
    }

    /** POSTs {@code body} and answers the new resource's id (201 expected). */
    static String create(OutboundNode node, String path, String body) throws Exception {
        var r = node.send("POST", path, "application/json", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new JsonObject(r.body()).getString("id");
    }
}
