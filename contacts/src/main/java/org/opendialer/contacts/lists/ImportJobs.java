package org.opendialer.contacts.lists;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.contacts.NamedRows;
import org.opendialer.store.Jdbc;

/**
 * The job rows of CSV uploads. Written in their own short transactions, beside the import's long one, so that
 * progress is visible (on any node) while the rows themselves stay invisible until the import commits.
 */
final class ImportJobs {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<ImportStatus.RowError>> ERRORS = new TypeReference<>() { };
    private static final String COLUMNS = "id, list_id, state, mode, total_bytes, read_bytes, total_records, completed_records,"
            + " bad_records, duplicate_records, bad_rows::text, failure_reason, started_at, finished_at";

    private final Jdbc jdbc;

    ImportJobs(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    UUID start(UUID listId, ContactCsvImport.Mode mode, Long totalBytes) {
        UUID id = UUID.randomUUID();
        jdbc.with("import start", c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO contact_import (id, list_id, state, mode, total_bytes) VALUES (?, ?, 'IN_PROGRESS', ?, ?)")) {
                st.setObject(1, id);
                st.setObject(2, listId);
                st.setString(3, mode.name());
                st.setObject(4, totalBytes);
                return st.executeUpdate();
            }
        });
        return id;
    }

    void progress(UUID id, long readBytes, long total, long completed, long bad) {
        jdbc.with("import progress", c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    UPDATE contact_import SET read_bytes = ?, total_records = ?, completed_records = ?, bad_records = ?
                    WHERE id = ? AND state = 'IN_PROGRESS'""")) {
                st.setLong(1, readBytes);
                st.setLong(2, total);
                st.setLong(3, completed);
                st.setLong(4, bad);
                st.setObject(5, id);
                return st.executeUpdate();
            }
        });
    }

    /** Ends a running job; a job already finished stays as it is. */
    void finish(UUID id, ImportStatus.State state, long readBytes, long total, long completed, long bad, long duplicates,
                List<ImportStatus.RowError> errors, String failure) {
        if (!ImportStatus.State.IN_PROGRESS.canBecome(state)) {
            throw new IllegalArgumentException("a job cannot end as " + state);
        }
        jdbc.with("import finish", c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    UPDATE contact_import SET state = ?, read_bytes = ?, total_records = ?, completed_records = ?, bad_records = ?,
                           duplicate_records = ?, bad_rows = ?::jsonb, failure_reason = ?, finished_at = now()
                    WHERE id = ? AND state = 'IN_PROGRESS'""")) {
                st.setString(1, state.name());
                st.setLong(2, readBytes);
                st.setLong(3, total);
                st.setLong(4, completed);
                st.setLong(5, bad);
                st.setLong(6, duplicates);
                st.setString(7, json(errors));
                st.setString(8, failure);
                st.setObject(9, id);
                return st.executeUpdate();
            }
        });
    }

    Optional<ImportStatus> find(UUID id) {
        return jdbc.with("import status", c -> NamedRows.one(c, ImportJobs::map, "SELECT " + COLUMNS + " FROM contact_import WHERE id = ?", id));
    }

    /** The list's latest upload. */
    Optional<ImportStatus> latest(UUID listId) {
        return jdbc.with("import status", c -> NamedRows.one(c, ImportJobs::map,
                "SELECT " + COLUMNS + " FROM contact_import WHERE list_id = ? ORDER BY started_at DESC, id LIMIT 1", listId));
    }

    private static ImportStatus map(ResultSet rs) throws SQLException {
        long totalBytes = rs.getLong(5);
        Long announced = rs.wasNull() ? null : totalBytes;
        return new ImportStatus(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), ImportStatus.State.valueOf(rs.getString(3)),
                ContactCsvImport.Mode.valueOf(rs.getString(4)), announced, rs.getLong(6), rs.getLong(7), rs.getLong(8),
                rs.getLong(9), rs.getLong(10), errors(rs.getString(11)), rs.getString(12), rs.getTimestamp(13).toInstant(),
                rs.getTimestamp(14) == null ? null : rs.getTimestamp(14).toInstant());
    }

    private static String json(List<ImportStatus.RowError> errors) {
        try {
            return JSON.writeValueAsString(errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ImportStatus.RowError> errors(String json) {
        try {
            return JSON.readValue(json, ERRORS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("contact_import.bad_rows is not JSON: " + e.getMessage(), e);
        }
    }
}
