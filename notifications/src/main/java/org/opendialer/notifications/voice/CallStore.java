package org.opendialer.notifications.voice;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.store.Jdbc;

/** JDBC store of notification calls and their timelines (tables of V6__voice_calls.sql). Blocking. */
public final class CallStore {

    /** Fields set when a call changes; null leaves a column as it is. */
    public record Update(CallState state, String outcome, Integer sipStatus, Integer q850, String disposition,
                         String hangupBy, String keyPressed, String amdJson, Instant answeredAt, Instant endedAt,
                         Long ringMs, Long decisionMs, Long talkMs, Long firstAudioMs, Long beepToMessageMs) {
        public static Update state(CallState s) {
            return new Update(s, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }

        static Update answered(Instant at, long ringMs) {
            return new Update(null, null, null, null, null, null, null, null, at, null, ringMs, null, null, null, null);
        }

        static Update amd(String outcome, String amdJson, long decisionMs) {
            return new Update(null, outcome, null, null, null, null, null, amdJson, null, null, null, decisionMs, null,
                    null, null);
        }

        static Update key(String key) {
            return new Update(null, null, null, null, null, null, key, null, null, null, null, null, null, null, null);
        }

        /** Answer (or end of the greeting: {@code afterBeep}) to the first audio we sent. */
        static Update firstAudio(long ms, boolean afterBeep) {
            return new Update(null, null, null, null, null, null, null, null, null, null, null, null, null,
                    afterBeep ? null : ms, afterBeep ? ms : null);
        }

        static Update end(CallState s, String outcome, Integer sipStatus, Integer q850, String disposition,
                          String hangupBy, Instant at, long talkMs) {
            return new Update(s, outcome, sipStatus, q850, disposition, hangupBy, null, null, null, at, null, null,
                    talkMs, null, null);
        }
    }

    private final Jdbc jdbc;

    public CallStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** A call to store, QUEUED, owned by {@code ownerNode}. */
    public record NewCall(UUID id, String clientId, String idempotencyKey, String to, String from, String requestJson,
                          String requestHash, String webhookSecret, String ownerNode, Instant createdAt) { }

    /** A call found by its idempotency key, with the hash of the request that placed it. */
    public record Keyed(UUID id, String requestHash) { }

    /**
     * Inserts a new call, or returns the one already stored for the same client and idempotency key.
     *
     * @return the id, whether this insert created it, and the stored request's hash
     */
    public Created insert(NewCall n) {
        return jdbc.with("store call", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO voice_call (id, client_id, idempotency_key, to_number, from_number, request,
                                            request_hash, webhook_secret, owner_node, state, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?)
                    ON CONFLICT (client_id, idempotency_key) DO NOTHING""")) {
                s.setObject(1, n.id());
                s.setString(2, n.clientId());
                s.setString(3, n.idempotencyKey());
                s.setString(4, n.to());
                s.setString(5, n.from());
                s.setString(6, n.requestJson());
                s.setString(7, n.requestHash());
                s.setString(8, n.webhookSecret());
                s.setString(9, n.ownerNode());
                s.setTimestamp(10, Timestamp.from(n.createdAt()));
                if (s.executeUpdate() == 1) {
                    return new Created(n.id(), true, n.requestHash());
                }
            }
            Keyed first = byKey(c, n.clientId(), n.idempotencyKey()).orElseThrow();
            return new Created(first.id(), false, first.requestHash());
        });
    }

    public record Created(UUID id, boolean isNew, String requestHash) { }

    public Optional<Keyed> findByKey(String clientId, String idempotencyKey) {
        return jdbc.with("find call by key", c -> byKey(c, clientId, idempotencyKey));
    }

    private static Optional<Keyed> byKey(Connection c, String clientId, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, request_hash FROM voice_call WHERE client_id = ? AND idempotency_key = ?")) {
            s.setString(1, clientId);
            s.setString(2, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Keyed(r.getObject(1, UUID.class), r.getString(2)))
                        : Optional.empty();
            }
        }
    }

    /**
     * Applies {@code u}; a state change only to a row in one of its {@link CallState#predecessors()}.
     *
     * @return false when the state change was refused (the call is no longer where the caller thought)
     */
    public boolean update(UUID id, Update u) {
        String guard = u.state() == null ? "" : " AND state IN (" + u.state().predecessors().stream()
                .map(p -> "'" + p.name() + "'").collect(java.util.stream.Collectors.joining(", ")) + ")";
        return jdbc.with("update call " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE voice_call SET state = COALESCE(?, state), outcome = COALESCE(?, outcome),
                      sip_status = COALESCE(?, sip_status), q850 = COALESCE(?, q850),
                      disposition = COALESCE(?, disposition), hangup_by = COALESCE(?, hangup_by),
                      key_pressed = COALESCE(?, key_pressed), amd = COALESCE(?, amd),
                      answered_at = COALESCE(?, answered_at), ended_at = COALESCE(?, ended_at),
                      ring_ms = COALESCE(?, ring_ms), decision_ms = COALESCE(?, decision_ms),
                      talk_ms = COALESCE(?, talk_ms), first_audio_ms = COALESCE(?, first_audio_ms),
                      beep_to_message_ms = COALESCE(?, beep_to_message_ms)
                    WHERE id = ?""" + guard)) {
                s.setString(1, u.state() == null ? null : u.state().name());
                s.setString(2, u.outcome());
                setInt(s, 3, u.sipStatus());
                setInt(s, 4, u.q850());
                s.setString(5, u.disposition());
                s.setString(6, u.hangupBy());
                s.setString(7, u.keyPressed());
                s.setString(8, u.amdJson());
                s.setTimestamp(9, u.answeredAt() == null ? null : Timestamp.from(u.answeredAt()));
                s.setTimestamp(10, u.endedAt() == null ? null : Timestamp.from(u.endedAt()));
                setLong(s, 11, u.ringMs());
                setLong(s, 12, u.decisionMs());
                setLong(s, 13, u.talkMs());
                setLong(s, 14, u.firstAudioMs());
                setLong(s, 15, u.beepToMessageMs());
                s.setObject(16, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** A call that {@link #endInterrupted} ended: what it was doing, and where its webhook goes. */
    public record Interrupted(UUID id, CallState was, String requestJson, String webhookSecret) { }

    /**
     * Ends FAILED (outcome INTERRUPTED) every unfinished call of {@code ownerNode} and those stored before calls had
     * an owner, with an "interrupted" timeline event: run at start, before this node runs calls of its own, so any
     * unfinished call of this node was left by a crash. One transaction; a call already final is never touched, so
     * each call is ended (and reported) once. Calls still QUEUED were never dialled: their disposition says so.
     */
    public List<Interrupted> endInterrupted(String ownerNode, Instant now) {
        return jdbc.tx("end interrupted calls", c -> {
            List<Interrupted> ended = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    WITH stale AS (SELECT id, state FROM voice_call
                                   WHERE (owner_node = ? OR owner_node IS NULL)
                                     AND state NOT IN ('COMPLETED', 'FAILED') FOR UPDATE)
                    UPDATE voice_call v SET state = 'FAILED', outcome = 'INTERRUPTED', hangup_by = 'local',
                      disposition = CASE stale.state WHEN 'QUEUED' THEN 'NOT_DIALED' ELSE 'INTERRUPTED' END,
                      ended_at = ?
                    FROM stale WHERE v.id = stale.id
                    RETURNING v.id, stale.state, v.request, v.webhook_secret""")) {
                s.setString(1, ownerNode);
                s.setTimestamp(2, Timestamp.from(now));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ended.add(new Interrupted(r.getObject(1, UUID.class), CallState.valueOf(r.getString(2)),
                                r.getString(3), r.getString(4)));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO voice_call_event (call_id, seq, at, type, detail)
                    SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, 'interrupted', ?
                    FROM voice_call_event WHERE call_id = ?""")) {
                for (Interrupted i : ended) {
                    s.setObject(1, i.id());
                    s.setTimestamp(2, Timestamp.from(now));
                    s.setString(3, interruptedDetail(i.was()));
                    s.setObject(4, i.id());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return ended;
        });
    }

    static String interruptedDetail(CallState was) {
        return was == CallState.QUEUED ? "the server stopped before the call was dialled"
                : "the server stopped during the call (it was " + was.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    public void addEvent(UUID id, int seq, Instant at, String type, String detail) {
        jdbc.with("add call event", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO voice_call_event (call_id, seq, at, type, detail) VALUES (?, ?, ?, ?, ?)")) {
                s.setObject(1, id);
                s.setInt(2, seq);
                s.setTimestamp(3, Timestamp.from(at));
                s.setString(4, type);
                s.setString(5, detail == null ? "" : detail);
                return s.executeUpdate();
            }
        });
    }

    public Optional<CallRecord> find(UUID id) {
        return jdbc.with("read call " + id, c -> {
            List<CallRecord> found = select(c, "WHERE id = ?", List.of(id), 1, 0);
            return found.isEmpty() ? Optional.empty()
                    : Optional.of(withEvents(c, found.getFirst()));
        });
    }

    /** Newest first; {@code state} and {@code to} filter when not null. */
    public List<CallRecord> list(CallState state, String to, int limit, int offset) {
        StringBuilder where = new StringBuilder("WHERE true");
        List<Object> args = new ArrayList<>();
        if (state != null) {
            where.append(" AND state = ?");
            args.add(state.name());
        }
        if (to != null) {
            where.append(" AND to_number = ?");
            args.add(to);
        }
        return jdbc.with("list calls", c -> select(c, where.toString(), args, limit, offset));
    }

    private static List<CallRecord> select(Connection c, String where, List<Object> args, int limit, int offset)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM voice_call " + where
                + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?")) {
            int i = 1;
            for (Object a : args) {
                s.setObject(i++, a);
            }
            s.setInt(i++, limit);
            s.setInt(i, offset);
            List<CallRecord> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new CallRecord(r.getObject("id", UUID.class), r.getString("client_id"),
                            r.getString("to_number"), r.getString("from_number"),
                            CallState.valueOf(r.getString("state")), r.getString("outcome"),
                            (Integer) r.getObject("sip_status"), (Integer) r.getObject("q850"),
                            r.getString("disposition"), r.getString("hangup_by"), r.getString("key_pressed"),
                            r.getString("amd"), instant(r, "created_at"), instant(r, "answered_at"),
                            instant(r, "ended_at"), (Long) r.getObject("ring_ms"), (Long) r.getObject("decision_ms"),
                            (Long) r.getObject("talk_ms"), (Long) r.getObject("first_audio_ms"),
                            (Long) r.getObject("beep_to_message_ms"), List.of()));
                }
            }
            return out;
        }
    }

    private static CallRecord withEvents(Connection c, CallRecord call) throws SQLException {
        List<CallRecord.Event> events = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT seq, at, type, detail FROM voice_call_event WHERE call_id = ? ORDER BY seq")) {
            s.setObject(1, call.id());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    events.add(new CallRecord.Event(r.getInt(1), r.getTimestamp(2).toInstant(), r.getString(3),
                            r.getString(4)));
                }
            }
        }
        return new CallRecord(call.id(), call.clientId(), call.to(), call.from(), call.state(), call.outcome(),
                call.sipStatus(), call.q850(), call.disposition(), call.hangupBy(), call.keyPressed(), call.amdJson(),
                call.createdAt(), call.answeredAt(), call.endedAt(), call.ringMs(), call.decisionMs(), call.talkMs(),
                call.firstAudioMs(), call.beepToMessageMs(), List.copyOf(events));
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static void setInt(PreparedStatement s, int i, Integer v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.INTEGER);
        } else {
            s.setInt(i, v);
        }
    }

    private static void setLong(PreparedStatement s, int i, Long v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.BIGINT);
        } else {
            s.setLong(i, v);
        }
    }
}
