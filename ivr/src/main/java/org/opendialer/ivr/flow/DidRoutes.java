package org.opendialer.ivr.flow;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.opendialer.ivr.flow.FlowStoreException.Kind;
import org.opendialer.store.Jdbc;

/**
 * Dialled numbers (E.164) routed to flows, and the lookup an inbound call makes: {@link #resolve} gives the
 * published version to run, whose id the call then keeps, so publishing later never changes a call in progress.
 * Resolved routes are cached ({@link RouteCache}): a change through this instance, or a publish through the
 * {@link FlowStore} it {@link #follow follows}, applies to the next call; a change made on another node applies
 * within {@link #DEFAULT_TTL}. Blocks: call from virtual threads.
 */
public final class DidRoutes {

    public static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    /** @param revision +1 on each change (the API's {@code version}) */
    public record DidRoute(String did, UUID flowId, int revision, Instant created, Instant modified) {
    }

    /** How long a resolved route is kept: the longest a node starts calls on a version replaced elsewhere. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(1);

    private final Jdbc jdbc;
    private final Clock clock;
    private final RouteCache cache;
    private final boolean cached;

    public DidRoutes(DataSource dataSource, Clock clock) {
        this(dataSource, clock, DEFAULT_TTL);
    }

    /** @param ttl how long a resolved route is kept (zero: every call reads the database) */
    public DidRoutes(DataSource dataSource, Clock clock, Duration ttl) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
        this.cache = new RouteCache(clock, ttl);
        this.cached = ttl.isPositive();
    }

    /** Publishing through {@code flows} applies to this instance's next call, not only after the cache's ttl. */
    public DidRoutes follow(FlowStore flows) {
        flows.onPublished(cache::clear);
        return this;
    }

    /** Routes {@code did} to {@code flowId}, replacing its route if it had one. */
    public DidRoute put(String did, UUID flowId) {
        requireE164(did);
        Timestamp now = Timestamp.from(clock.instant());
        int written = jdbc.with("route did", c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO ivr_did_route (did, flow_id, created_at, modified_at)"
                    + " SELECT ?, id, ?, ? FROM ivr_flow WHERE id = ? AND deleted_at IS NULL"
                    + " ON CONFLICT (did) DO UPDATE SET flow_id = excluded.flow_id, modified_at = excluded.modified_at,"
                    + " revision = ivr_did_route.revision + CASE WHEN ivr_did_route.flow_id = excluded.flow_id THEN 0 ELSE 1 END")) {
                st.setString(1, did);
                st.setTimestamp(2, now);
                st.setTimestamp(3, now);
                st.setObject(4, flowId);
                return st.executeUpdate();
            }
        });
        cache.clear();
        if (written == 0) {
            throw new FlowStoreException(Kind.INVALID, "no flow " + flowId, List.of(FlowIssue.error(
                    FlowIssue.Code.UNKNOWN_FLOW, "/flowId", "no flow " + flowId)));
        }
        return get(did).orElseThrow();
    }

    public Optional<DidRoute> get(String did) {
        return routes(" WHERE did = ?", did, 1, 0).stream().findFirst();
    }

    public Page<DidRoute> list(int pageNumber, int pageSize) {
        long total = jdbc.with("count dids", c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM ivr_did_route")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        return new Page<>(routes(" ORDER BY did", null, pageSize, Page.offset(pageNumber, pageSize)), total);
    }

    public boolean delete(String did) {
        boolean deleted = jdbc.with("unroute did", c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM ivr_did_route WHERE did = ?")) {
                st.setString(1, did);
                return st.executeUpdate() == 1;
            }
        });
        cache.clear();
        return deleted;
    }

    /**
     * The version a new call to {@code did} runs: empty when the DID has no route or its flow was never published.
     * From the cache when resolved within its ttl (see the class comment).
     */
    public Optional<FlowVersion> resolve(String did) {
        return cached ? cache.get(did, this::read) : read(did);
    }

    private Optional<FlowVersion> read(String did) {
        return jdbc.with("resolve did", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT v.id, v.flow_id, v.number, v.document, v.published_at"
                    + " FROM ivr_did_route r JOIN ivr_flow f ON f.id = r.flow_id AND f.deleted_at IS NULL"
                    + " JOIN ivr_flow_version v ON v.id = f.published_version_id WHERE r.did = ?")) {
                st.setString(1, did);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(new FlowVersion(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getInt(3), rs.getString(4), rs.getTimestamp(5).toInstant())) : Optional.<FlowVersion>empty();
                }
            }
        });
    }

    static void requireE164(String did) {
        if (did == null || !E164.matcher(did).matches()) {
            throw new FlowStoreException(Kind.INVALID, "'" + did + "' is not an E.164 number (+ then up to 15 digits)",
                    List.of(FlowIssue.error(FlowIssue.Code.INVALID_FIELD, "/did", "not an E.164 number")));
        }
    }

    private List<DidRoute> routes(String where, String did, int limit, long offset) {
        return jdbc.with("read dids", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT did, flow_id, revision, created_at, modified_at"
                    + " FROM ivr_did_route" + where + " LIMIT ? OFFSET ?")) {
                int i = 1;
                if (did != null) {
                    st.setString(i++, did);
                }
                st.setInt(i, limit);
                st.setLong(i + 1, offset);
                List<DidRoute> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new DidRoute(rs.getString(1), rs.getObject(2, UUID.class), rs.getInt(3),
                                rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()));
                    }
                }
                return out;
            }
        });
    }
}
