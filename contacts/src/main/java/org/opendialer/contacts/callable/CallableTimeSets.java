package org.opendialer.contacts.callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.contacts.Conflict;
import org.opendialer.contacts.NamedRows;
import org.opendialer.contacts.Slice;
import org.opendialer.store.Jdbc;

/** Stored callable time sets; windows are kept as JSON, blocked dates as a date array. Blocks (JDBC). */
public final class CallableTimeSets {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, name, callable_times, blocked_dates, created_at, modified_at, version";

    private final Jdbc jdbc;

    public CallableTimeSets(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** @throws Conflict when the name is taken */
    public CallableTimeSet create(CallableTimeSet draft) {
        return NamedRows.uniqueName(draft.name(), () -> jdbc.with("callable time set create", c -> one(c, "INSERT INTO callable_time_set"
                + " (id, name, callable_times, blocked_dates) VALUES (?, ?, ?::jsonb, ?) RETURNING " + COLUMNS,
                UUID.randomUUID(), draft.name().strip(), windows(draft), dates(c, draft)).orElseThrow()));
    }

    public Optional<CallableTimeSet> find(UUID id) {
        return jdbc.with("callable time set find", c -> one(c, "SELECT " + COLUMNS + " FROM callable_time_set WHERE id = ?", id));
    }

    public Slice<CallableTimeSet> page(int pageSize, int pageNumber) {
        return NamedRows.page(jdbc, CallableTimeSets::read, COLUMNS, "callable_time_set", "name", pageSize, pageNumber);
    }

    /**
     * Replaces a set whose stored version is {@code version}.
     *
     * @throws NoSuchElementException when there is none
     * @throws Conflict on a stale version or a taken name
     */
    public CallableTimeSet update(UUID id, CallableTimeSet draft, int version) {
        return NamedRows.uniqueName(draft.name(), () -> jdbc.with("callable time set update", c -> one(c, "UPDATE callable_time_set SET name = ?,"
                + " callable_times = ?::jsonb, blocked_dates = ?, version = version + 1, modified_at = now()"
                + " WHERE id = ? AND version = ? RETURNING " + COLUMNS, draft.name().strip(), windows(draft), dates(c, draft), id, version)))
                .orElseThrow(() -> find(id).<RuntimeException>map(s -> new Conflict("callable time set " + id + " is at version "
                        + s.version() + ", not " + version + ": read it again")).orElseGet(() -> new NoSuchElementException("no callable time set " + id)));
    }

    public boolean delete(UUID id) {
        return jdbc.with("callable time set delete", c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM callable_time_set WHERE id = ?")) {
                st.setObject(1, id);
                return st.executeUpdate() > 0;
            }
        });
    }

    private static String windows(CallableTimeSet s) {
        ArrayNode a = JSON.createArrayNode();
        s.windows().forEach(w -> a.addObject().put("day", w.day().getValue()).put("startTime", w.start().toString())
                .put("stopTime", w.stop().toString()));
        return a.toString();
    }

    private static java.sql.Array dates(Connection c, CallableTimeSet s) throws SQLException {
        return c.createArrayOf("date", s.blockedDates().stream().map(Date::valueOf).toArray());
    }

    private static Optional<CallableTimeSet> one(Connection c, String sql, Object... args) throws SQLException {
        return NamedRows.one(c, CallableTimeSets::read, sql, args);
    }

    private static CallableTimeSet read(ResultSet rs) throws SQLException {
        List<CallableWindow> windows = new ArrayList<>();
        try {
            for (JsonNode w : JSON.readTree(rs.getString(3))) {
                windows.add(new CallableWindow(DayOfWeek.of(w.get("day").asInt()), LocalTime.parse(w.get("startTime").asText()),
                        LocalTime.parse(w.get("stopTime").asText())));
            }
        } catch (JsonProcessingException e) {
            throw new SQLException("callable_times of " + rs.getString(1) + " is not JSON", e);
        }
        TreeSet<LocalDate> blocked = new TreeSet<>();
        for (Object d : (Object[]) rs.getArray(4).getArray()) {
            blocked.add(((Date) d).toLocalDate());
        }
        return new CallableTimeSet(rs.getObject(1, UUID.class), rs.getString(2), windows, blocked, rs.getTimestamp(5).toInstant(),
                rs.getTimestamp(6).toInstant(), rs.getInt(7));
    }
}
