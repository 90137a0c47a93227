package org.opendialer.acd.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.acd.routing.AgentState.Event;
import org.opendialer.store.Jdbc;

/**
 * The rows the call side of the ACD reads and writes next to {@link QueueRouter}: interactions that are calls
 * (which node holds the caller's session), the node's view of its own interactions, a refused or failed ring, a
 * transfer back into a queue, the agent's call-control requests, and the nodes' heartbeats. The database stays the
 * one truth: a node acts on what it reads here and never keeps routing state of its own.
 */
public final class CallInteractions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbc jdbc;
    private final Clock clock;

    public CallInteractions(DataSource ds, Clock clock) {
        this.jdbc = new Jdbc(ds);
        this.clock = clock;
    }

    /**
     * What is known of the call when it enters a queue (the V19 columns) and the node holding its session;
     * {@code targetAgentId}: a preview's call, offered to that agent only (V28), else null.
     */
    public record Call(String callId, String customerAddress, String dialedAddress, Map<String, String> participantData,
                       String nodeId, String direction, UUID campaignId, UUID targetAgentId) {
        public Call {
            participantData = Map.copyOf(participantData == null ? Map.of() : participantData);
            direction = direction == null ? "inbound" : direction;
        }

        /** An inbound call (no campaign). */
        public Call(String callId, String customerAddress, String dialedAddress, Map<String, String> participantData,
                    String nodeId) {
            this(callId, customerAddress, dialedAddress, participantData, nodeId, "inbound", null, null);
        }
    }

    /** An interaction of this node as stored now; {@code control} is the agent's pending request, else null. */
    public record Live(UUID id, UUID queueId, String state, UUID agentId, String overflowFlowId, String control) {
    }

    /** Enqueues a call (WAITING): inbound, or a campaign's outbound answer; {@code priority} null takes the queue's. */
    public UUID enqueue(UUID queueId, Integer priority, Set<UUID> skills, Call call) {
        if (skills.size() > QueueRouter.MAX_SKILLS) {
            throw new IllegalArgumentException("skills: at most " + QueueRouter.MAX_SKILLS);
        }
        String data;
        try {
            data = JSON.writeValueAsString(call.participantData());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("participantData: " + e.getOriginalMessage());
        }
        UUID id = UUID.randomUUID();
        Instant now = now();
        int n = jdbc.with("enqueue call", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO routing_interaction (id, queue_id, priority, skill_ids, state, created_at, enqueued_at,
                        media_type, direction, call_id, customer_address, dialed_address, participant_data, node_id,
                        campaign_id, target_agent_id)
                    SELECT ?, q.id, COALESCE(?, q.priority), ?, 'WAITING', ?, ?, 'voice', ?, ?, ?, ?, ?::jsonb, ?, ?, ?
                    FROM routing_queue q WHERE q.id = ?""")) {
                s.setObject(1, id);
                Sql.setInt(s, 2, priority);
                s.setArray(3, Sql.uuids(c, skills));
                s.setTimestamp(4, Sql.ts(now));
                s.setTimestamp(5, Sql.ts(now));
                s.setString(6, call.direction());
                s.setString(7, call.callId());
                s.setString(8, call.customerAddress());
                s.setString(9, call.dialedAddress());
                s.setString(10, data);
                s.setString(11, call.nodeId());
                s.setObject(12, call.campaignId());
                s.setObject(13, call.targetAgentId());
                s.setObject(14, queueId);
                return s.executeUpdate();
            }
        });
        if (n == 0) {
            throw new NoSuchElementException("no queue " + queueId);
        }
        return id;
    }

    /** The given interactions as stored now (those of one node's live calls). */
    public List<Live> read(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.with("read live interactions", c -> {
            List<Live> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT id, queue_id, state, agent_id, overflow_flow_id, control FROM routing_interaction
                    WHERE id = ANY(?)""")) {
                s.setArray(1, Sql.uuids(c, ids));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Live(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getString(3),
                                r.getObject(4, UUID.class), r.getString(5), r.getString(6)));
                    }
                }
            }
            return out;
        });
    }

    /** The agent's phone user and whether it asked for auto-answer. */
    public record Phone(String sipUser, boolean autoAnswer) {
    }

    public Optional<Phone> phone(UUID agentId) {
        return jdbc.with("read agent phone", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT sip_user, auto_answer FROM routing_user WHERE id = ?")) {
                s.setObject(1, agentId);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() && r.getString(1) != null ? Optional.of(new Phone(r.getString(1), r.getBoolean(2)))
                            : Optional.empty();
                }
            }
        });
    }

    /**
     * The offer of {@code interaction} to {@code agentId} failed before its alert ran out (phone not registered,
     * rejected, unreachable): the same path as an alert that ran out, at once. False when the offer is already over.
     */
    public boolean notAnswered(UUID agentId, UUID interaction, String reason) {
        Instant now = now();
        return jdbc.tx("offer not answered", c -> {
            if (!offeredTo(c, agentId, interaction)) {
                return false;
            }
            AgentStore.move(c, agentId, Event.NO_ANSWER, now, reason, null, null);
            QueueRouter.setInteraction(c, interaction, "WAITING", null, "OFFERED", false);
            return true;
        });
    }

    /**
     * The agent sends its connected caller to another queue: the agent wraps up (its queue's limit), the caller
     * waits in {@code queueId} from now on.
     */
    public void requeue(UUID agentId, UUID queueId) {
        Instant now = now();
        jdbc.tx("transfer to queue", c -> {
            UUID interaction = QueueRouter.interactionOf(c, agentId);
            AgentStore.move(c, agentId, Event.HANG_UP, now, null, QueueRouter.wrapUpUntil(c, interaction, now), interaction);
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE routing_interaction SET state = 'WAITING', queue_id = ?, agent_id = NULL, enqueued_at = ?,
                        connected_at = NULL, control = NULL
                    WHERE id = ? AND state = 'CONNECTED' AND EXISTS (SELECT 1 FROM routing_queue WHERE id = ?)""")) {
                s.setObject(1, queueId);
                s.setTimestamp(2, Sql.ts(now));
                s.setObject(3, interaction);
                s.setObject(4, queueId);
                if (s.executeUpdate() != 1) {
                    throw new NoSuchElementException("no queue " + queueId + " or no connected call");
                }
                return 1;
            }
        });
    }

    /**
     * Leaves the agent's request on its connected interaction for the node holding the call (which may be another
     * node) to carry out.
     *
     * @throws Conflict when the agent has no connected call
     */
    public void request(UUID agentId, String control) {
        jdbc.with("agent call control", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE routing_interaction SET control = ? WHERE state = 'CONNECTED'
                        AND id = (SELECT interaction_id FROM routing_user WHERE id = ? AND state = 'ON_CALL')""")) {
                s.setString(1, control);
                s.setObject(2, agentId);
                if (s.executeUpdate() != 1) {
                    throw new Conflict("the agent has no connected call");
                }
                return 1;
            }
        });
    }

    public void clearRequest(UUID interaction) {
        jdbc.with("clear agent call control", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE routing_interaction SET control = NULL WHERE id = ?")) {
                s.setObject(1, interaction);
                return s.executeUpdate();
            }
        });
    }

    /** 1-based place among the WAITING interactions of its queue (priority, then enqueue time); 0 if not waiting. */
    public int position(UUID interaction) {
        return jdbc.with("queue position", c -> (int) Sql.count(c, """
                SELECT CASE WHEN me.state <> 'WAITING' THEN 0 ELSE (SELECT count(*) FROM routing_interaction o
                    WHERE o.queue_id = me.queue_id AND o.state = 'WAITING' AND (o.priority > me.priority
                    OR (o.priority = me.priority AND o.enqueued_at <= me.enqueued_at))) END
                FROM routing_interaction me WHERE me.id = ?""", interaction));
    }

    /** Mean wait until an agent answered in this queue over the last hour; empty without such calls. */
    public Optional<Duration> meanWait(UUID queueId) {
        Instant since = now().minus(Duration.ofHours(1));
        long ms = jdbc.with("mean wait", c -> Sql.count(c, """
                SELECT COALESCE(avg(extract(epoch FROM (connected_at - created_at)) * 1000), -1)::bigint
                FROM routing_interaction WHERE queue_id = ? AND connected_at >= ?""", queueId, Sql.ts(since)));
        return ms < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(ms));
    }

    /** A queue by its id or its name. */
    public Optional<UUID> queueId(String idOrName) {
        return jdbc.with("find queue", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM routing_queue WHERE id::text = ? OR name = ?")) {
                s.setString(1, idOrName);
                s.setString(2, idOrName);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getObject(1, UUID.class)) : Optional.empty();
                }
            }
        });
    }

    /** Skill ids by name; an unknown name is refused, naming it. */
    public Set<UUID> skillIds(Collection<String> names) {
        Set<UUID> out = new java.util.HashSet<>();
        jdbc.with("find skills", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM routing_skill WHERE name = ?")) {
                for (String n : names) {
                    s.setString(1, n);
                    try (ResultSet r = s.executeQuery()) {
                        if (!r.next()) {
                            throw new IllegalArgumentException("skills: no skill named '" + n + "'");
                        }
                        out.add(r.getObject(1, UUID.class));
                    }
                }
            }
            return out.size();
        });
        return out;
    }

    /**
     * Overflows a waiting interaction at once, as its queue's timeout would, when no member of the queue holds every
     * skill it requires and the queue neither relaxes skills nor lacks a timeout (nobody could ever take it).
     *
     * @return whether it left the queue
     */
    public boolean overflowIfNobodyCan(UUID interaction) {
        Instant now = now();
        return jdbc.with("overflow unservable", c -> {
            try (PreparedStatement s = c.prepareStatement(QueueRouter.OVERFLOW + """
                    WHERE q.id = i.queue_id AND i.id = ? AND i.state = 'WAITING' AND q.timeout_s IS NOT NULL
                      AND q.relax_after_s IS NULL
                      AND NOT EXISTS (SELECT 1 FROM routing_queue_member m WHERE m.queue_id = q.id
                          AND cardinality(i.skill_ids) = (SELECT count(*) FROM routing_user_skill us
                              WHERE us.user_id = m.user_id AND us.skill_id = ANY(i.skill_ids)))""")) {
                s.setTimestamp(1, Sql.ts(now));
                s.setTimestamp(2, Sql.ts(now));
                s.setObject(3, interaction);
                return s.executeUpdate();
            }
        }) == 1;
    }

    /** This node is alive. */
    public void heartbeat(String nodeId) {
        Instant now = now();
        jdbc.with("node heartbeat", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO acd_node (id, seen_at) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET seen_at = EXCLUDED.seen_at""")) {
                s.setString(1, nodeId);
                s.setTimestamp(2, Sql.ts(now));
                return s.executeUpdate();
            }
        });
    }

    /**
     * Closes the live interactions of nodes silent for {@code silence}: their callers' sessions died with them.
     * Waiting or offered ones are ABANDONED (an alerted agent withdrawn), connected ones ENDED (the agent wraps
     * up). Any node may run it; rows are locked, so two nodes never close one twice.
     *
     * @return interactions closed
     */
    public int reapDeadNodes(Duration silence) {
        Instant now = now();
        return jdbc.tx("reap dead nodes", c -> {
            List<Object[]> dead = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT i.id, i.state, i.agent_id FROM routing_interaction i JOIN acd_node n ON n.id = i.node_id
                    WHERE n.seen_at < ? AND i.state IN ('WAITING', 'OFFERED', 'CONNECTED') FOR UPDATE OF i SKIP LOCKED""")) {
                s.setTimestamp(1, Sql.ts(now.minus(silence)));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        dead.add(new Object[] {r.getObject(1, UUID.class), r.getString(2), r.getObject(3, UUID.class)});
                    }
                }
            }
            for (Object[] d : dead) {
                UUID id = (UUID) d[0];
                UUID agent = (UUID) d[2];
                boolean connected = d[1].equals("CONNECTED");
                if (d[1].equals("OFFERED")) {
                    AgentStore.move(c, agent, Event.WITHDRAW, now, null, null, null);
                } else if (connected) {
                    AgentStore.move(c, agent, Event.HANG_UP, now, null, QueueRouter.wrapUpUntil(c, id, now), id);
                }
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE routing_interaction SET state = ?, ended_at = ? WHERE id = ?")) {
                    s.setString(1, connected ? "ENDED" : "ABANDONED");
                    s.setTimestamp(2, Sql.ts(now));
                    s.setObject(3, id);
                    s.executeUpdate();
                }
            }
            return dead.size();
        });
    }

    private static boolean offeredTo(Connection c, UUID agentId, UUID interaction) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT 1 FROM routing_interaction i JOIN routing_user u ON u.interaction_id = i.id
                WHERE i.id = ? AND i.state = 'OFFERED' AND i.agent_id = ? AND u.id = ? AND u.state = 'ALERTING'
                FOR UPDATE OF i, u""")) {
            s.setObject(1, interaction);
            s.setObject(2, agentId);
            s.setObject(3, agentId);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
