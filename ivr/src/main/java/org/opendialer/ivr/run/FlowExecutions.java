package org.opendialer.ivr.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.opendialer.store.Jdbc;

/**
 * The traces of flow executions (V20 tables {@code ivr_execution}, {@code ivr_execution_step}): written as the
 * flow goes, one row per node, through the node's {@link TraceWriter} (a few milliseconds behind the flow, so a
 * crash loses at most the rows not yet committed, and a row is never dropped for want of a pooled connection);
 * read by the API and the interactions view ({@link #byCallId}, {@link #get}). Reads block: call from virtual
 * threads or worker threads.
 */
public final class FlowExecutions {

    /**
     * One run of a flow version on a call.
     *
     * @param previousId the execution that overflowed into this one, or null
     * @param ended      null while running
     */
    public record Execution(UUID id, String callId, UUID flowId, UUID flowVersionId, String did, String caller,
                            Instant started, Instant ended, ExecutionOutcome outcome, String detail,
                            Map<String, Object> variables, Map<String, String> participantData, UUID previousId,
                            List<Step> steps) {
    }

    /**
     * One node run.
     *
     * @param outcome the branch taken ({@code next}, {@code success}, {@code choice:1}, ...), or an ending
     */
    public record Step(int seq, String nodeId, String nodeType, Instant at, long tookMillis, String outcome,
                       String detail) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, call_id, flow_id, flow_version_id, did, caller, started_at, ended_at,"
            + " outcome, detail, variables::text, participant_data::text, previous_id";

    private final Jdbc jdbc;
    private final DataSource dataSource;
    private TraceWriter writer;

    public FlowExecutions(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
        this.dataSource = dataSource;
    }

    /** The node's one writer of trace rows, started with the first row (the API only reads). */
    private synchronized TraceWriter writer() {
        if (writer == null) {
            writer = new TraceWriter(dataSource);
        }
        return writer;
    }

    /** The rows below are queued on the {@link TraceWriter}: each completes once committed. */
    CompletableFuture<Void> started(UUID id, String callId, UUID flowId, UUID versionId, String did, String caller,
                                    Instant at, UUID previousId) {
        return writer().write("trace start", c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO ivr_execution (id, call_id, flow_id,"
                    + " flow_version_id, did, caller, started_at, previous_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                st.setObject(1, id);
                st.setString(2, callId);
                st.setObject(3, flowId);
                st.setObject(4, versionId);
                st.setString(5, did);
                st.setString(6, caller);
                st.setTimestamp(7, Timestamp.from(at));
                st.setObject(8, previousId);
                st.executeUpdate();
            }
        });
    }

    CompletableFuture<Void> step(UUID executionId, Step s) {
        return writer().write("trace step", c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO ivr_execution_step (execution_id, seq, node_id,"
                    + " node_type, at, took_ms, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                st.setObject(1, executionId);
                st.setInt(2, s.seq());
                st.setString(3, s.nodeId());
                st.setString(4, s.nodeType());
                st.setTimestamp(5, Timestamp.from(s.at()));
                st.setLong(6, s.tookMillis());
                st.setString(7, s.outcome());
                st.setString(8, s.detail());
                st.executeUpdate();
            }
        });
    }

    CompletableFuture<Void> ended(UUID id, Instant at, ExecutionOutcome outcome, String detail, Map<String, ?> variables,
                                  Map<String, String> participantData) {
        return writer().write("trace end", c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE ivr_execution SET ended_at = ?, outcome = ?,"
                    + " detail = ?, variables = ?::jsonb, participant_data = ?::jsonb WHERE id = ? AND outcome = 'running'")) {
                st.setTimestamp(1, Timestamp.from(at));
                st.setString(2, outcome.slug());
                st.setString(3, detail);
                st.setString(4, json(variables));
                st.setString(5, json(participantData));
                st.setObject(6, id);
                st.executeUpdate();
            }
        });
    }

    public Optional<Execution> get(UUID id) {
        return executions(" WHERE id = ?", id).stream().findFirst();
    }

    /** Every execution on the call, oldest first (an overflow adds one after the other). */
    public List<Execution> byCallId(String callId) {
        return executions(" WHERE call_id = ? ORDER BY started_at, id", callId);
    }

    private List<Execution> executions(String where, Object key) {
        return jdbc.with("read executions", c -> {
            List<Execution> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS + " FROM ivr_execution" + where)) {
                st.setObject(1, key);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(execution(rs, List.of()));
                    }
                }
            }
            List<Execution> withSteps = new ArrayList<>();
            for (Execution e : out) {
                withSteps.add(new Execution(e.id(), e.callId(), e.flowId(), e.flowVersionId(), e.did(), e.caller(),
                        e.started(), e.ended(), e.outcome(), e.detail(), e.variables(), e.participantData(),
                        e.previousId(), steps(c, e.id())));
            }
            return withSteps;
        });
    }

    private static List<Step> steps(java.sql.Connection c, UUID id) throws SQLException {
        List<Step> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT seq, node_id, node_type, at, took_ms, outcome, detail"
                + " FROM ivr_execution_step WHERE execution_id = ? ORDER BY seq")) {
            st.setObject(1, id);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Step(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                            rs.getLong(5), rs.getString(6), rs.getString(7)));
                }
            }
        }
        return out;
    }

    private static Execution execution(ResultSet rs, List<Step> steps) throws SQLException {
        Timestamp ended = rs.getTimestamp(8);
        return new Execution(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                ended == null ? null : ended.toInstant(), ExecutionOutcome.ofSlug(rs.getString(9)), rs.getString(10),
                read(rs.getString(11), new TypeReference<>() { }), read(rs.getString(12), new TypeReference<>() { }),
                rs.getObject(13, UUID.class), steps);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-writable: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored trace JSON unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
