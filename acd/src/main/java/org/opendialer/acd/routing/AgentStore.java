package org.opendialer.acd.routing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.acd.agents.AgentCredentials;
import org.opendialer.store.DatabaseException;
import org.opendialer.store.Jdbc;

/**
 * Agents in PostgreSQL: who they are, their skills, their queue memberships and their routing state. Every state
 * change goes through {@link #move}, which locks the agent's row and applies {@link AgentState}'s table.
 */
public final class AgentStore {

    private final Jdbc jdbc;
    private final Clock clock;
    private final AgentCredentials credentials;

    public AgentStore(DataSource ds, Clock clock, AgentCredentials credentials) {
        this.jdbc = new Jdbc(ds);
        this.clock = clock;
        this.credentials = credentials;
    }

    /** Creates an agent, OFFLINE; with a {@code sipPassword} its phone's credentials are set too. */
    public Agent create(String name, String email, String sipUser, String sipPassword) {
        String n = name(name);
        if (sipPassword != null && sipUser == null) {
            throw new IllegalArgumentException("sipPassword: needs a sipUser");
        }
        UUID id = UUID.randomUUID();
        Instant now = now();
        try {
            jdbc.with("create agent", c -> {
                try (PreparedStatement s = c.prepareStatement("""
                        INSERT INTO routing_user (id, name, email, sip_user, state_since, date_created, date_modified)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                    s.setObject(1, id);
                    s.setString(2, n);
                    s.setString(3, email);
                    s.setString(4, sipUser);
                    s.setTimestamp(5, Sql.ts(now));
                    s.setTimestamp(6, Sql.ts(now));
                    s.setTimestamp(7, Sql.ts(now));
                    return s.executeUpdate();
                }
            });
        } catch (DatabaseException e) {
            throw Sql.translate(e, "a user with this email or sipUser", "sipUser");
        }
        if (sipPassword != null) {
            credentials.set(sipUser, sipPassword);
        }
        return find(id).orElseThrow();
    }

    /** Changes name, email and SIP user; a {@code version} other than null must match (409 otherwise). */
    public Agent update(UUID id, String name, String email, String sipUser, Integer version) {
        String n = name(name);
        int updated;
        try {
            updated = jdbc.with("update agent", c -> {
                try (PreparedStatement s = c.prepareStatement("""
                        UPDATE routing_user SET name = ?, email = ?, sip_user = ?, date_modified = ?, version = version + 1
                        WHERE id = ? AND (?::int IS NULL OR version = ?)""")) {
                    s.setString(1, n);
                    s.setString(2, email);
                    s.setString(3, sipUser);
                    s.setTimestamp(4, Sql.ts(now()));
                    s.setObject(5, id);
                    Sql.setInt(s, 6, version);
                    Sql.setInt(s, 7, version);
                    return s.executeUpdate();
                }
            });
        } catch (DatabaseException e) {
            throw Sql.translate(e, "a user with this email or sipUser", "sipUser");
        }
        if (updated == 0) {
            Agent a = get(id);
            throw new Conflict("version " + version + " is stale; the user is at version " + a.version());
        }
        return get(id);
    }

    public Optional<Agent> find(UUID id) {
        List<Agent> found = query("SELECT * FROM routing_user WHERE id = ?", id);
        return found.stream().findFirst();
    }

    public Agent get(UUID id) {
        return find(id).orElseThrow(() -> new NoSuchElementException("no user " + id));
    }

    public Page<Agent> list(int pageNumber, int pageSize) {
        return new Page<>(query("SELECT * FROM routing_user ORDER BY name, id LIMIT ? OFFSET ?", pageSize,
                Page.offset(pageNumber, pageSize)), jdbc.with("count users", c -> Sql.count(c, "SELECT count(*) FROM routing_user")));
    }

    public void delete(UUID id) {
        Agent a = get(id);
        if (a.interactionId() != null) {
            throw new Conflict("the user is handling an interaction");
        }
        jdbc.with("delete agent", c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM routing_user WHERE id = ?")) {
                s.setObject(1, id);
                return s.executeUpdate();
            }
        });
    }

    public List<Agent.Skill> skills(UUID userId) {
        get(userId);
        return jdbc.with("read agent skills", c -> {
            List<Agent.Skill> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT k.id, k.name, us.proficiency FROM routing_user_skill us JOIN routing_skill k ON k.id = us.skill_id
                    WHERE us.user_id = ? ORDER BY k.name""")) {
                s.setObject(1, userId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Agent.Skill(r.getObject(1, UUID.class), r.getString(2), r.getInt(3)));
                    }
                }
            }
            return out;
        });
    }

    /** Gives the agent a skill, or changes its proficiency (0-5). */
    public void setSkill(UUID userId, UUID skillId, int proficiency) {
        if (proficiency < 0 || proficiency > 5) {
            throw new IllegalArgumentException("proficiency: 0..5");
        }
        get(userId);
        update("set agent skill", """
                INSERT INTO routing_user_skill (user_id, skill_id, proficiency) VALUES (?, ?, ?)
                ON CONFLICT (user_id, skill_id) DO UPDATE SET proficiency = EXCLUDED.proficiency""", "id", userId, skillId, proficiency);
    }

    public void removeSkill(UUID userId, UUID skillId) {
        if (update("remove agent skill", "DELETE FROM routing_user_skill WHERE user_id = ? AND skill_id = ?", "id", userId, skillId) == 0) {
            throw new NoSuchElementException("user " + userId + " has no skill " + skillId);
        }
    }

    /** Makes the users members of the queue (already members stay). */
    public void join(UUID queueId, List<UUID> userIds) {
        for (UUID u : userIds) {
            get(u);
            update("add queue member", "INSERT INTO routing_queue_member (queue_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    "queueId", queueId, u);
        }
    }

    public void leave(UUID queueId, UUID userId) {
        if (update("remove queue member", "DELETE FROM routing_queue_member WHERE queue_id = ? AND user_id = ?", "id", queueId, userId) == 0) {
            throw new NoSuchElementException("user " + userId + " is not a member of queue " + queueId);
        }
    }

    public Page<Agent> members(UUID queueId, int pageNumber, int pageSize) {
        List<Agent> items = query("""
                SELECT u.* FROM routing_user u JOIN routing_queue_member m ON m.user_id = u.id WHERE m.queue_id = ?
                ORDER BY u.name, u.id LIMIT ? OFFSET ?""", queueId, pageSize, Page.offset(pageNumber, pageSize));
        return new Page<>(items, jdbc.with("count members", c ->
                Sql.count(c, "SELECT count(*) FROM routing_queue_member WHERE queue_id = ?", queueId)));
    }

    /** The queues the user is a member of, as (id, name). */
    public List<Named> queuesOf(UUID userId) {
        get(userId);
        return jdbc.with("read agent queues", c -> {
            List<Named> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT q.id, q.name, q.date_created, q.date_modified, q.version FROM routing_queue q
                    JOIN routing_queue_member m ON m.queue_id = q.id WHERE m.user_id = ? ORDER BY q.name""")) {
                s.setObject(1, userId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Named(r.getObject(1, UUID.class), r.getString(2), Sql.instant(r, "date_created"),
                                Sql.instant(r, "date_modified"), r.getInt(5)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The agent's own request: {@code AVAILABLE}, {@code BREAK} (with a reason) or {@code OFFLINE}. A state the
     * table does not allow it from (alerting, on a call) is refused with {@link AgentState.IllegalTransition}.
     */
    public Agent request(UUID userId, AgentState wanted, String reason) {
        AgentState.Event e = switch (wanted) {
            case AVAILABLE -> AgentState.Event.GO_AVAILABLE;
            case BREAK -> AgentState.Event.TAKE_BREAK;
            case OFFLINE -> AgentState.Event.LOG_OUT;
            default -> throw new IllegalArgumentException("status: an agent can ask for AVAILABLE, BREAK or OFFLINE, not " + wanted);
        };
        get(userId);
        jdbc.tx("change agent state", c -> move(c, userId, e, now(), wanted == AgentState.BREAK ? reason : null, null, null));
        return get(userId);
    }

    /**
     * Within the caller's transaction: moves the agent by {@code event} only if its state is {@code from} (a preview
     * campaign reserving an AVAILABLE agent, or giving a PREVIEWING one back); false when it is in another state.
     */
    public static boolean moveIf(Connection c, UUID agentId, AgentState from, AgentState.Event event, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT state FROM routing_user WHERE id = ? FOR UPDATE")) {
            s.setObject(1, agentId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next() || !r.getString(1).equals(from.name())) {
                    return false;
                }
            }
        }
        move(c, agentId, event, now.truncatedTo(ChronoUnit.MICROS), null, null, null);
        return true;
    }

    /**
     * Applies {@code event} to the agent's row (locked until the transaction ends) and stores the new state with
     * its reason, deadline and interaction; becoming AVAILABLE restarts its idle time.
     */
    static AgentState move(Connection c, UUID agentId, AgentState.Event event, Instant now, String reason, Instant until,
                           UUID interaction) throws SQLException {
        AgentState from;
        try (PreparedStatement s = c.prepareStatement("SELECT state FROM routing_user WHERE id = ? FOR UPDATE")) {
            s.setObject(1, agentId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new NoSuchElementException("no user " + agentId);
                }
                from = AgentState.valueOf(r.getString(1));
            }
        }
        AgentState to = from.next(event);
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE routing_user SET state = ?, state_reason = ?, state_since = ?, state_until = ?, interaction_id = ?,
                    idle_since = CASE WHEN ? THEN ? ELSE idle_since END
                WHERE id = ?""")) {
            s.setString(1, to.name());
            s.setString(2, reason);
            s.setTimestamp(3, Sql.ts(now));
            s.setTimestamp(4, Sql.ts(until));
            s.setObject(5, interaction);
            s.setBoolean(6, to == AgentState.AVAILABLE);
            s.setTimestamp(7, Sql.ts(now));
            s.setObject(8, agentId);
            s.executeUpdate();
        }
        return to;
    }

    private int update(String what, String sql, String field, Object... args) {
        try {
            return jdbc.with(what, c -> {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    for (int i = 0; i < args.length; i++) {
                        s.setObject(i + 1, args[i]);
                    }
                    return s.executeUpdate();
                }
            });
        } catch (DatabaseException e) {
            throw Sql.translate(e, "it", field);
        }
    }

    private List<Agent> query(String sql, Object... args) {
        return jdbc.with("read agents", c -> {
            List<Agent> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(row(r));
                    }
                }
            }
            return out;
        });
    }

    private static Agent row(ResultSet r) throws SQLException {
        return new Agent(r.getObject("id", UUID.class), r.getString("name"), r.getString("email"), r.getString("sip_user"),
                AgentState.valueOf(r.getString("state")), r.getString("state_reason"), Sql.instant(r, "state_since"),
                Sql.instant(r, "state_until"), Sql.instant(r, "idle_since"), r.getObject("interaction_id", UUID.class),
                Sql.instant(r, "date_created"), Sql.instant(r, "date_modified"), r.getInt("version"));
    }

    private static String name(String name) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new IllegalArgumentException("name: 1..200 characters");
        }
        return name.strip();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
