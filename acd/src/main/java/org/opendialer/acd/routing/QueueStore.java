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
import org.opendialer.store.DatabaseException;
import org.opendialer.store.Jdbc;

/** Queues in PostgreSQL ({@code routing_queue}); their members are kept by {@link AgentStore}. */
public final class QueueStore {

    private static final String COLUMNS = "name, description, priority, alerting_timeout_s, wrapup_timeout_s, relax_after_s,"
            + " relax_skill_ids, timeout_s, overflow_queue_id, overflow_flow_id, music_on_hold, announce_position,"
            + " announce_wait_time, announce_interval_s";
    private static final String SELECT = "SELECT q.*, (SELECT count(*) FROM routing_queue_member m WHERE m.queue_id = q.id)"
            + " AS member_count FROM routing_queue q";

    private final Jdbc jdbc;
    private final Clock clock;

    public QueueStore(DataSource ds, Clock clock) {
        this.jdbc = new Jdbc(ds);
        this.clock = clock;
    }

    public Queue create(Queue.Settings s) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        write("INSERT INTO routing_queue (" + COLUMNS + ", date_created, date_modified, id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", s, now, id, null);
        return find(id).orElseThrow();
    }

    /** Replaces the settings; a {@code version} other than null must match the stored one (409 otherwise). */
    public Queue update(UUID id, Queue.Settings s, Integer version) {
        if (id.equals(s.overflowQueueId())) {
            throw new IllegalArgumentException("queueTimeout.overflowQueue: a queue cannot overflow into itself");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String set = String.join(" = ?, ", COLUMNS.split(", *")) + " = ?";
        int n = write("UPDATE routing_queue SET " + set + ", date_modified = ?, version = version + 1"
                + " WHERE id = ? AND (?::int IS NULL OR version = ?)", s, now, id, version);
        if (n == 0) {
            Queue q = find(id).orElseThrow(() -> new NoSuchElementException("no queue " + id));
            throw new Conflict("version " + version + " is stale; the queue is at version " + q.version());
        }
        return find(id).orElseThrow();
    }

    private int write(String sql, Queue.Settings q, Instant now, UUID id, Integer version) {
        try {
            return jdbc.with("store queue", c -> {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    int i = bind(c, s, q);
                    if (sql.startsWith("INSERT")) {
                        s.setTimestamp(i++, Sql.ts(now));
                    }
                    s.setTimestamp(i++, Sql.ts(now));
                    s.setObject(i++, id);
                    if (sql.startsWith("UPDATE")) {
                        Sql.setInt(s, i++, version);
                        Sql.setInt(s, i, version);
                    }
                    return s.executeUpdate();
                }
            });
        } catch (DatabaseException e) {
            throw Sql.translate(e, "a queue named '" + q.name() + "'", "queueTimeout/overflowQueue");
        }
    }

    private static int bind(Connection c, PreparedStatement s, Queue.Settings q) throws SQLException {
        s.setString(1, q.name());
        s.setString(2, q.description());
        s.setInt(3, q.priority());
        s.setInt(4, q.alertingTimeoutSeconds());
        s.setInt(5, q.wrapupTimeoutSeconds());
        Sql.setInt(s, 6, q.relaxAfterSeconds());
        s.setArray(7, Sql.uuids(c, q.relaxSkillIds()));
        Sql.setInt(s, 8, q.timeoutSeconds());
        s.setObject(9, q.overflowQueueId());
        s.setString(10, q.overflowFlowId());
        s.setString(11, q.musicOnHold());
        s.setBoolean(12, q.announcePosition());
        s.setBoolean(13, q.announceWaitTime());
        s.setInt(14, q.announceIntervalSeconds());
        return 15;
    }

    public Optional<Queue> find(UUID id) {
        return jdbc.with("read queue", c -> {
            try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE q.id = ?")) {
                s.setObject(1, id);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(row(r)) : Optional.empty();
                }
            }
        });
    }

    public Page<Queue> list(int pageNumber, int pageSize) {
        return jdbc.with("list queues", c -> {
            List<Queue> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(SELECT + " ORDER BY q.name LIMIT ? OFFSET ?")) {
                s.setInt(1, pageSize);
                s.setLong(2, Page.offset(pageNumber, pageSize));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(row(r));
                    }
                }
            }
            return new Page<>(out, Sql.count(c, "SELECT count(*) FROM routing_queue"));
        });
    }

    /**
     * Deletes a queue that holds no live interaction (409 otherwise: they would be lost); its ended interactions
     * go with it.
     */
    public void delete(UUID id) {
        int n = jdbc.tx("delete queue", c -> {
            if (Sql.count(c, "SELECT count(*) FROM routing_interaction WHERE queue_id = ? AND state IN ('WAITING', 'OFFERED')", id) > 0) {
                throw new Conflict("the queue still holds interactions");
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM routing_queue WHERE id = ?")) {
                s.setObject(1, id);
                return s.executeUpdate();
            }
        });
        if (n == 0) {
            throw new NoSuchElementException("no queue " + id);
        }
    }

    private static Queue row(ResultSet r) throws SQLException {
        Queue.Settings s = new Queue.Settings(r.getString("name"), r.getString("description"), r.getInt("priority"),
                r.getInt("alerting_timeout_s"), r.getInt("wrapup_timeout_s"), Sql.intOrNull(r, "relax_after_s"),
                Sql.uuids(r, "relax_skill_ids"), Sql.intOrNull(r, "timeout_s"), r.getObject("overflow_queue_id", UUID.class),
                r.getString("overflow_flow_id"), r.getString("music_on_hold"), r.getBoolean("announce_position"),
                r.getBoolean("announce_wait_time"), r.getInt("announce_interval_s"));
        return new Queue(r.getObject("id", UUID.class), s, Sql.instant(r, "date_created"), Sql.instant(r, "date_modified"),
                r.getInt("version"), r.getInt("member_count"));
    }
}
