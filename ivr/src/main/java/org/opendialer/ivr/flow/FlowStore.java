package org.opendialer.ivr.flow;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.ivr.flow.FlowIssue.Severity;
import org.opendialer.ivr.flow.FlowStoreException.Kind;
import org.opendialer.store.DatabaseException;
import org.opendialer.store.Jdbc;

/**
 * Flows in PostgreSQL: a draft that is validated on every save (a document with errors is refused, warnings are
 * kept), and published versions that never change once written. Deleting a flow only marks it, so the versions
 * calls pinned stay readable; a flow a DID still routes to cannot be deleted. Blocks: call from virtual threads.
 */
public final class FlowStore {

    private static final String FLOW_COLUMNS = "f.id, f.name, f.description, f.draft, f.revision, f.created_at,"
            + " f.modified_at, v.id, v.number, v.document, v.published_at";
    private static final String FROM = " FROM ivr_flow f LEFT JOIN ivr_flow_version v ON v.id = f.published_version_id";

    private final Jdbc jdbc;
    private final Clock clock;
    private final FlowValidator.Directory directory;
    private final List<Runnable> publishListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public FlowStore(DataSource dataSource, Clock clock, FlowValidator.Directory directory) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
        this.directory = directory;
    }

    /** What saved flows are checked against (their warnings); the API's validate-only check uses it too. */
    public FlowValidator.Directory directory() {
        return directory;
    }

    /** Saves a new flow with {@code document} as its draft (named by the document's {@code name}). */
    public StoredFlow create(String document) {
        Flow flow = checked(document);
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        uniqueName(flow.name(), () -> jdbc.with("create flow", c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO ivr_flow (id, name, description, draft,"
                    + " created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                st.setObject(1, id);
                st.setString(2, flow.name());
                st.setString(3, flow.description());
                st.setString(4, document);
                st.setTimestamp(5, now);
                st.setTimestamp(6, now);
                return st.executeUpdate();
            }
        }));
        return get(id).orElseThrow();
    }

    /**
     * Replaces the draft. With {@code expectedRevision} the save is refused (conflict) when someone saved in
     * between; the published version is untouched until {@link #publish}.
     */
    public StoredFlow updateDraft(UUID id, String document, Integer expectedRevision) {
        Flow flow = checked(document);
        int updated = uniqueName(flow.name(), () -> jdbc.with("update flow", c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE ivr_flow SET name = ?, description = ?, draft = ?,"
                    + " revision = revision + 1, modified_at = ? WHERE id = ? AND deleted_at IS NULL"
                    + " AND (?::int IS NULL OR revision = ?::int)")) {
                st.setString(1, flow.name());
                st.setString(2, flow.description());
                st.setString(3, document);
                st.setTimestamp(4, Timestamp.from(clock.instant()));
                st.setObject(5, id);
                st.setObject(6, expectedRevision);
                st.setObject(7, expectedRevision);
                return st.executeUpdate();
            }
        }));
        if (updated == 0) {
            StoredFlow current = get(id).orElseThrow(() -> notFound(id));
            throw new FlowStoreException(Kind.CONFLICT, "flow " + id + " is at version " + current.revision()
                    + ", not " + expectedRevision + ": read it again and reapply the change");
        }
        return get(id).orElseThrow();
    }

    /**
     * Freezes the draft as the next version and makes it the one new calls start with; the draft is validated
     * again (a queue may have gone since it was saved). Publishing an unchanged draft returns its version.
     */
    public FlowVersion publish(UUID id) {
        StoredFlow flow = get(id).orElseThrow(() -> notFound(id));
        if (flow.draftPublished()) {
            return flow.published();
        }
        checked(flow.draft());
        UUID versionId = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.tx("publish flow", c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT draft FROM ivr_flow WHERE id = ? FOR UPDATE");
                 PreparedStatement st = c.prepareStatement("INSERT INTO ivr_flow_version (id, flow_id, number, document,"
                         + " published_at) SELECT ?, ?, coalesce(max(number), 0) + 1, ?, ? FROM ivr_flow_version WHERE flow_id = ?");
                 PreparedStatement point = c.prepareStatement("UPDATE ivr_flow SET published_version_id = ?,"
                         + " revision = revision + 1, modified_at = ? WHERE id = ?")) {
                lock.setObject(1, id);
                try (ResultSet rs = lock.executeQuery()) {
                    // the draft validated above must be the one frozen: a save in between is published next time
                    if (!rs.next() || !rs.getString(1).equals(flow.draft())) {
                        throw new FlowStoreException(Kind.CONFLICT, "flow " + id + " changed while it was being published;"
                                + " publish again");
                    }
                }
                st.setObject(1, versionId);
                st.setObject(2, id);
                st.setString(3, flow.draft());
                st.setTimestamp(4, Timestamp.from(now));
                st.setObject(5, id);
                st.executeUpdate();
                point.setObject(1, versionId);
                point.setTimestamp(2, Timestamp.from(now));
                point.setObject(3, id);
                return point.executeUpdate();
            }
        });
        publishListeners.forEach(Runnable::run);
        return version(id, versionId).orElseThrow();
    }

    /** Runs {@code listener} after each publish through this store (e.g. to drop cached DID routes). */
    public void onPublished(Runnable listener) {
        publishListeners.add(listener);
    }

    public Optional<StoredFlow> get(UUID id) {
        List<StoredFlow> found = flows(" WHERE f.id = ? AND f.deleted_at IS NULL", id, 1, 0);
        return found.stream().findFirst();
    }

    /** Live flows by name. */
    public Page<StoredFlow> list(int pageNumber, int pageSize) {
        List<StoredFlow> items = flows(" WHERE f.deleted_at IS NULL ORDER BY lower(f.name), f.id", null, pageSize,
                Page.offset(pageNumber, pageSize));
        return new Page<>(items, count("SELECT count(*) FROM ivr_flow WHERE deleted_at IS NULL", null));
    }

    /** A version by id, also of a deleted flow (a running call may still need it). */
    public Optional<FlowVersion> version(UUID flowId, UUID versionId) {
        List<FlowVersion> found = versions(" WHERE flow_id = ? AND id = ?", 1, 0, flowId, versionId);
        return found.stream().findFirst();
    }

    /** Published versions, newest first. */
    public Page<FlowVersion> versions(UUID flowId, int pageNumber, int pageSize) {
        get(flowId).orElseThrow(() -> notFound(flowId));
        return new Page<>(versions(" WHERE flow_id = ? ORDER BY number DESC", pageSize,
                Page.offset(pageNumber, pageSize), flowId), count("SELECT count(*) FROM ivr_flow_version WHERE flow_id = ?", flowId));
    }

    /** Marks the flow deleted; refused while a DID routes to it. */
    public void delete(UUID id) {
        String refusal = jdbc.tx("delete flow", c -> {
            List<String> dids = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT did FROM ivr_did_route WHERE flow_id = ? ORDER BY did")) {
                st.setObject(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        dids.add(rs.getString(1));
                    }
                }
            }
            if (!dids.isEmpty()) {
                return "DIDs " + dids + " route to flow " + id + "; route them elsewhere first";
            }
            try (PreparedStatement st = c.prepareStatement("UPDATE ivr_flow SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL")) {
                st.setTimestamp(1, Timestamp.from(clock.instant()));
                st.setObject(2, id);
                return st.executeUpdate() == 1 ? null : "";
            }
        });
        if (refusal != null) {
            throw refusal.isEmpty() ? notFound(id) : new FlowStoreException(Kind.CONFLICT, refusal);
        }
    }

    /** Parses and validates; errors refuse the save. */
    private Flow checked(String document) {
        FlowParser.Result parsed = FlowParser.parse(document);
        List<FlowIssue> issues = parsed.flow() == null ? parsed.issues() : FlowValidator.validate(parsed.flow(), directory);
        if (issues.stream().anyMatch(i -> i.severity() == Severity.ERROR)) {
            throw new FlowStoreException(Kind.INVALID, "the flow has " + issues.stream()
                    .filter(i -> i.severity() == Severity.ERROR).count() + " error(s)", issues);
        }
        return parsed.flow();
    }

    private List<FlowIssue> warnings(String document) {
        FlowParser.Result parsed = FlowParser.parse(document);
        return parsed.flow() == null ? parsed.issues() : FlowValidator.validate(parsed.flow(), directory);
    }

    static FlowStoreException notFound(UUID id) {
        return new FlowStoreException(Kind.NOT_FOUND, "no flow " + id);
    }

    private static <T> T uniqueName(String name, java.util.function.Supplier<T> save) {
        try {
            return save.get();
        } catch (DatabaseException e) {
            if (e.getCause() instanceof SQLException s && "23505".equals(s.getSQLState())) {
                throw new FlowStoreException(Kind.CONFLICT, "a flow named '" + name + "' already exists");
            }
            throw e;
        }
    }

    private List<StoredFlow> flows(String where, UUID param, int limit, long offset) {
        return jdbc.with("read flows", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT " + FLOW_COLUMNS + FROM + where + " LIMIT ? OFFSET ?")) {
                int i = bind(st, param);
                st.setInt(i, limit);
                st.setLong(i + 1, offset);
                List<StoredFlow> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        UUID id = rs.getObject(1, UUID.class);
                        FlowVersion published = rs.getObject(8) == null ? null : new FlowVersion(rs.getObject(8, UUID.class),
                                id, rs.getInt(9), rs.getString(10), rs.getTimestamp(11).toInstant());
                        String draft = rs.getString(4);
                        out.add(new StoredFlow(id, rs.getString(2), rs.getString(3), draft, rs.getInt(5),
                                rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), published, warnings(draft)));
                    }
                }
                return out;
            }
        });
    }

    private List<FlowVersion> versions(String where, int limit, long offset, UUID flowId, Object... more) {
        return jdbc.with("read flow versions", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT id, number, document, published_at FROM ivr_flow_version"
                    + where + " LIMIT ? OFFSET ?")) {
                int i = bind(st, flowId);
                for (Object m : more) {
                    st.setObject(i++, m);
                }
                st.setInt(i, limit);
                st.setLong(i + 1, offset);
                List<FlowVersion> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new FlowVersion(rs.getObject(1, UUID.class), flowId, rs.getInt(2), rs.getString(3),
                                rs.getTimestamp(4).toInstant()));
                    }
                }
                return out;
            }
        });
    }

    private long count(String sql, UUID param) {
        return jdbc.with("count", c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                bind(st, param);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static int bind(PreparedStatement st, UUID param) throws SQLException {
        if (param == null) {
            return 1;
        }
        st.setObject(1, param);
        return 2;
    }
}
