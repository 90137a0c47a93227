package org.opendialer.acd.routing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.acd.routing.AgentState.Event;
import org.opendialer.store.Jdbc;

/**
 * The ACD over PostgreSQL: interactions enter queues, {@link #tick} expires alerts, wrap-ups and queue timeouts
 * and then offers waiting interactions to agents by {@link RoutingDecision}. Any number of nodes may tick the
 * same database: a tick locks the rows it decides on ({@code FOR UPDATE SKIP LOCKED}), so two nodes never offer
 * one agent or one interaction twice. Calls are not connected here: the call layer reads the offers
 * ({@link Agent#interactionId()}) and reports {@link #answered}, {@link #hungUp} and {@link #abandoned}.
 */
public final class QueueRouter {

    /** At most this many waiting interactions are considered per tick, the highest-priority and oldest first. */
    static final int MAX_WAITING = 5000;
    /** Skills an interaction may require (the seed's "up to 5"). */
    public static final int MAX_SKILLS = 5;

    /**
     * Moves interactions {@code i} out of their queue {@code q} to its overflow: into the overflow queue (waiting
     * there from the first parameter), else OVERFLOWED to the flow, else TIMED_OUT (ended at the second parameter).
     */
    static final String OVERFLOW = """
            UPDATE routing_interaction i SET
                state = CASE WHEN q.overflow_queue_id IS NOT NULL THEN 'WAITING'
                             WHEN q.overflow_flow_id IS NOT NULL THEN 'OVERFLOWED' ELSE 'TIMED_OUT' END,
                queue_id = COALESCE(q.overflow_queue_id, i.queue_id),
                enqueued_at = CASE WHEN q.overflow_queue_id IS NOT NULL THEN ?::timestamptz ELSE i.enqueued_at END,
                overflow_flow_id = CASE WHEN q.overflow_queue_id IS NULL THEN q.overflow_flow_id END,
                ended_at = CASE WHEN q.overflow_queue_id IS NULL THEN ?::timestamptz END
            FROM routing_queue q
            """;

    private final Jdbc jdbc;
    private final Clock clock;

    public QueueRouter(DataSource ds, Clock clock) {
        this.jdbc = new Jdbc(ds);
        this.clock = clock;
    }

    /** Puts an interaction in a queue; {@code priority} null takes the queue's. */
    public UUID enqueue(UUID queueId, Integer priority, Set<UUID> skills) {
        if (skills.size() > MAX_SKILLS) {
            throw new IllegalArgumentException("skills: at most " + MAX_SKILLS);
        }
        UUID id = UUID.randomUUID();
        Instant now = now();
        int n = jdbc.with("enqueue interaction", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO routing_interaction (id, queue_id, priority, skill_ids, state, created_at, enqueued_at)
                    SELECT ?, q.id, COALESCE(?, q.priority), ?, 'WAITING', ?, ? FROM routing_queue q WHERE q.id = ?""")) {
                s.setObject(1, id);
                Sql.setInt(s, 2, priority);
                s.setArray(3, Sql.uuids(c, skills));
                s.setTimestamp(4, Sql.ts(now));
                s.setTimestamp(5, Sql.ts(now));
                s.setObject(6, queueId);
                return s.executeUpdate();
            }
        });
        if (n == 0) {
            throw new NoSuchElementException("no queue " + queueId);
        }
        return id;
    }

    /** One round: timers first (so a freed agent or a returned interaction takes part), then the offers made. */
    public List<RoutingDecision.Offer> tick() {
        expireAlerts();
        expireWrapUps();
        overflow();
        return route();
    }

    /** Offers waiting interactions to available agents, in one transaction over the rows it could lock. */
    public List<RoutingDecision.Offer> route() {
        Instant now = now();
        return jdbc.tx("route", c -> {
            List<RoutingDecision.Offer> targeted = TargetedOffers.route(c, now);
            List<RoutingDecision.Waiting> waiting = waiting(c);
            if (waiting.isEmpty()) {
                return targeted;
            }
            Map<UUID, Instant> idle = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT id, idle_since FROM routing_user WHERE state = 'AVAILABLE' FOR UPDATE SKIP LOCKED")) {
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        idle.put(r.getObject(1, UUID.class), Sql.instant(r, "idle_since"));
                    }
                }
            }
            if (idle.isEmpty()) {
                return targeted;
            }
            Map<UUID, Map<UUID, Integer>> skills = new HashMap<>();
            Map<UUID, Set<UUID>> queues = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT user_id, skill_id, proficiency FROM routing_user_skill WHERE user_id = ANY(?)")) {
                s.setArray(1, Sql.uuids(c, idle.keySet()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        skills.computeIfAbsent(r.getObject(1, UUID.class), k -> new HashMap<>()).put(r.getObject(2, UUID.class), r.getInt(3));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT user_id, queue_id FROM routing_queue_member WHERE user_id = ANY(?)")) {
                s.setArray(1, Sql.uuids(c, idle.keySet()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        queues.computeIfAbsent(r.getObject(1, UUID.class), k -> new HashSet<>()).add(r.getObject(2, UUID.class));
                    }
                }
            }
            List<RoutingDecision.Idle> agents = new ArrayList<>();
            idle.forEach((id, since) -> agents.add(new RoutingDecision.Idle(id, since, skills.getOrDefault(id, Map.of()),
                    queues.getOrDefault(id, Set.of()))));
            Map<UUID, RoutingDecision.Relaxation> relax = new HashMap<>();
            Map<UUID, Integer> alerting = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, relax_after_s, relax_skill_ids, alerting_timeout_s FROM routing_queue");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    UUID q = r.getObject(1, UUID.class);
                    Integer after = Sql.intOrNull(r, "relax_after_s");
                    if (after != null) {
                        relax.put(q, new RoutingDecision.Relaxation(Duration.ofSeconds(after), Sql.uuids(r, "relax_skill_ids")));
                    }
                    alerting.put(q, r.getInt(4));
                }
            }
            List<RoutingDecision.Offer> offers = RoutingDecision.decide(waiting, agents, relax, now);
            Map<UUID, UUID> queueOf = new HashMap<>();
            waiting.forEach(w -> queueOf.put(w.id(), w.queueId()));
            for (RoutingDecision.Offer o : offers) {
                Instant until = now.plusSeconds(alerting.get(queueOf.get(o.interactionId())));
                AgentStore.move(c, o.agentId(), Event.OFFER, now, null, until, o.interactionId());
                setInteraction(c, o.interactionId(), "OFFERED", o.agentId(), "WAITING", true);
            }
            List<RoutingDecision.Offer> all = new ArrayList<>(targeted);
            all.addAll(offers);
            return all;
        });
    }

    private static List<RoutingDecision.Waiting> waiting(Connection c) throws SQLException {
        List<RoutingDecision.Waiting> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, queue_id, priority, enqueued_at, skill_ids FROM routing_interaction WHERE state = 'WAITING'
                AND target_agent_id IS NULL ORDER BY priority DESC, enqueued_at LIMIT ? FOR UPDATE SKIP LOCKED""")) {
            s.setInt(1, MAX_WAITING);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new RoutingDecision.Waiting(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getInt(3),
                            Sql.instant(r, "enqueued_at"), Sql.uuids(r, "skill_ids")));
                }
            }
        }
        return out;
    }

    /** The agent answered its offer: it is on the call, the interaction connected. */
    public void answered(UUID agentId) {
        Instant now = now();
        jdbc.tx("answer", c -> {
            UUID interaction = interactionOf(c, agentId);
            AgentStore.move(c, agentId, Event.ANSWER, now, null, null, interaction);
            setInteraction(c, interaction, "CONNECTED", agentId, "OFFERED", false);
            try (PreparedStatement s = c.prepareStatement("UPDATE routing_interaction SET connected_at = ? WHERE id = ?")) {
                s.setTimestamp(1, Sql.ts(now));
                s.setObject(2, interaction);
                return s.executeUpdate();
            }
        });
    }

    /** The call ended: the interaction is over and the agent wraps up within its queue's time limit. */
    public void hungUp(UUID agentId) {
        Instant now = now();
        jdbc.tx("hang up", c -> {
            UUID interaction = interactionOf(c, agentId);
            AgentStore.move(c, agentId, Event.HANG_UP, now, null, wrapUpUntil(c, interaction, now), interaction);
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE routing_interaction SET state = 'ENDED', ended_at = ? WHERE id = ? AND state = 'CONNECTED'")) {
                s.setTimestamp(1, Sql.ts(now));
                s.setObject(2, interaction);
                return s.executeUpdate();
            }
        });
    }

    /** The agent ends its wrap-up with a code and notes; it is available again. */
    public void wrapUp(UUID agentId, UUID wrapupCodeId, String notes) {
        Instant now = now();
        jdbc.tx("wrap up", c -> {
            UUID interaction = interactionOf(c, agentId);
            AgentStore.move(c, agentId, Event.GO_AVAILABLE, now, null, null, null);
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE routing_interaction SET wrapup_code_id = ?, wrapup_notes = ? WHERE id = ?")) {
                s.setObject(1, wrapupCodeId);
                s.setString(2, notes);
                s.setObject(3, interaction);
                return s.executeUpdate();
            }
        });
    }

    /** The caller hung up while waiting or alerting: counted as abandoned; an alerted agent is freed. */
    public void abandoned(UUID interactionId) {
        Instant now = now();
        jdbc.tx("abandon", c -> {
            UUID agent = null;
            String state;
            try (PreparedStatement s = c.prepareStatement("SELECT state, agent_id FROM routing_interaction WHERE id = ? FOR UPDATE")) {
                s.setObject(1, interactionId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new NoSuchElementException("no interaction " + interactionId);
                    }
                    state = r.getString(1);
                    agent = r.getObject(2, UUID.class);
                }
            }
            if (!state.equals("WAITING") && !state.equals("OFFERED")) {
                throw new Conflict("the interaction is " + state + ", not waiting");
            }
            if (state.equals("OFFERED")) {
                AgentStore.move(c, agent, Event.WITHDRAW, now, null, null, null);
            }
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE routing_interaction SET state = 'ABANDONED', ended_at = ? WHERE id = ?")) {
                s.setTimestamp(1, Sql.ts(now));
                s.setObject(2, interactionId);
                return s.executeUpdate();
            }
        });
    }

    /** Alerts not answered in time: the agent is NOT_RESPONDING, the interaction waits again in its old place. */
    int expireAlerts() {
        Instant now = now();
        return jdbc.tx("expire alerts", c -> {
            List<UUID[]> late = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT id, interaction_id FROM routing_user WHERE state = 'ALERTING' AND state_until <= ?
                    FOR UPDATE SKIP LOCKED""")) {
                s.setTimestamp(1, Sql.ts(now));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        late.add(new UUID[] {r.getObject(1, UUID.class), r.getObject(2, UUID.class)});
                    }
                }
            }
            for (UUID[] l : late) {
                AgentStore.move(c, l[0], Event.NO_ANSWER, now, "alert not answered", null, null);
                setInteraction(c, l[1], "WAITING", null, "OFFERED", false);
            }
            return late.size();
        });
    }

    /** Wrap-ups past their queue's time limit end: the agent is available again. */
    int expireWrapUps() {
        Instant now = now();
        AgentState to = AgentState.WRAP_UP.next(Event.WRAP_UP_EXPIRED);
        return jdbc.with("expire wrap-ups", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE routing_user SET state = ?, state_reason = NULL, state_since = ?, state_until = NULL,
                        interaction_id = NULL, idle_since = ?
                    WHERE state = 'WRAP_UP' AND state_until <= ?""")) {
                s.setString(1, to.name());
                s.setTimestamp(2, Sql.ts(now));
                s.setTimestamp(3, Sql.ts(now));
                s.setTimestamp(4, Sql.ts(now));
                return s.executeUpdate();
            }
        });
    }

    /**
     * Interactions that waited past their queue's timeout leave it: into the overflow queue (waiting there from
     * now), else to the overflow flow (OVERFLOWED, for the IVR layer), else TIMED_OUT.
     */
    int overflow() {
        Instant now = now();
        return jdbc.with("overflow", c -> {
            try (PreparedStatement s = c.prepareStatement(OVERFLOW + """
                    WHERE q.id = i.queue_id AND i.state = 'WAITING' AND q.timeout_s IS NOT NULL
                      AND i.enqueued_at + make_interval(secs => q.timeout_s) <= ?::timestamptz""")) {
                s.setTimestamp(1, Sql.ts(now));
                s.setTimestamp(2, Sql.ts(now));
                s.setTimestamp(3, Sql.ts(now));
                return s.executeUpdate();
            }
        });
    }

    public Interaction interaction(UUID id) {
        return jdbc.with("read interaction", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM routing_interaction WHERE id = ?")) {
                s.setObject(1, id);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new NoSuchElementException("no interaction " + id);
                    }
                    return new Interaction(id, r.getObject("queue_id", UUID.class), r.getInt("priority"),
                            Sql.uuids(r, "skill_ids"), r.getString("state"), Sql.instant(r, "enqueued_at"),
                            r.getObject("agent_id", UUID.class), r.getInt("offer_count"), r.getString("overflow_flow_id"),
                            r.getObject("wrapup_code_id", UUID.class), r.getString("wrapup_notes"));
                }
            }
        });
    }

    /** A queue's figures now: waiting, longest wait, abandoned so far, members by state. */
    public QueueStats stats(UUID queueId) {
        Instant now = now();
        return jdbc.with("queue statistics", c -> {
            long waiting = Sql.count(c, "SELECT count(*) FROM routing_interaction WHERE queue_id = ? AND state = 'WAITING'", queueId);
            long abandoned = Sql.count(c, "SELECT count(*) FROM routing_interaction WHERE queue_id = ? AND state = 'ABANDONED'", queueId);
            long oldest = Sql.count(c, """
                    SELECT COALESCE(floor(extract(epoch FROM (?::timestamptz - min(enqueued_at)))), 0)::bigint
                    FROM routing_interaction WHERE queue_id = ? AND state = 'WAITING'""", Sql.ts(now), queueId);
            Map<AgentState, Integer> byState = new java.util.EnumMap<>(AgentState.class);
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT u.state, count(*) FROM routing_user u JOIN routing_queue_member m ON m.user_id = u.id
                    WHERE m.queue_id = ? GROUP BY u.state""")) {
                s.setObject(1, queueId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        byState.put(AgentState.valueOf(r.getString(1)), r.getInt(2));
                    }
                }
            }
            return new QueueStats(waiting, oldest, abandoned, byState);
        });
    }

    /** End of the wrap-up that starts {@code now} after {@code interaction}: its queue's time limit. */
    static Instant wrapUpUntil(Connection c, UUID interaction, Instant now) throws SQLException {
        return now.plusSeconds(Sql.count(c, """
                SELECT q.wrapup_timeout_s FROM routing_interaction i JOIN routing_queue q ON q.id = i.queue_id
                WHERE i.id = ?""", interaction));
    }

    static UUID interactionOf(Connection c, UUID agentId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT interaction_id FROM routing_user WHERE id = ?")) {
            s.setObject(1, agentId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new NoSuchElementException("no user " + agentId);
                }
                return r.getObject(1, UUID.class);
            }
        }
    }

    static int setInteraction(Connection c, UUID id, String to, UUID agent, String from, boolean offered) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE routing_interaction SET state = ?, agent_id = ?,"
                + " offer_count = offer_count + ? WHERE id = ? AND state = ?")) {
            s.setString(1, to);
            s.setObject(2, agent);
            s.setInt(3, offered ? 1 : 0);
            s.setObject(4, id);
            s.setString(5, from);
            if (s.executeUpdate() != 1) {
                throw new Conflict("interaction " + id + " is no longer " + from);
            }
            return 1;
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
