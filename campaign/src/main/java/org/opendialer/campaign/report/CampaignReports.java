package org.opendialer.campaign.report;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.opendialer.campaign.runner.Attempt;
import org.opendialer.campaign.runner.AttemptStore;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.contacts.Slice;
import org.opendialer.store.DatabaseException;
import org.opendialer.store.Jdbc;

/**
 * The dashboard's and the reports' reads over the attempt history ({@code dial_attempt}), the decision log and the
 * contact list; nothing here writes. Blocks (JDBC).
 */
public final class CampaignReports {

    /** Rows a streamed read fetches at a time: an export of any size holds one batch. */
    private static final int FETCH = 1000;

    private final DataSource dataSource;
    private final Jdbc jdbc;

    public CampaignReports(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource);
    }

    public CampaignProgress progress(Campaign c) {
        return jdbc.with("campaign progress", conn -> {
            try (PreparedStatement st = conn.prepareStatement("""
                    SELECT (SELECT count(*) FROM contact WHERE list_id = ?),
                           count(DISTINCT contact_id), count(*), count(*) FILTER (WHERE live_answer),
                           count(*) FILTER (WHERE abandoned), count(*) FILTER (WHERE result IS NULL),
                           (SELECT count(DISTINCT contact_id) FROM dial_decision WHERE campaign_id = ? AND code = 'dnc'),
                           (SELECT count(*) FROM routing_queue_member m JOIN routing_user u ON u.id = m.user_id
                             WHERE m.queue_id = ? AND u.state = 'AVAILABLE')
                    FROM dial_attempt WHERE campaign_id = ?""")) {
                UUID queue = c.settings().queueId();
                st.setObject(1, c.settings().contactListId());
                st.setObject(2, c.id());
                st.setObject(3, queue);
                st.setObject(4, c.id());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return new CampaignProgress(c.id(), rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), rs.getLong(7), c.settings().abandonRate(),
                            queue == null ? null : rs.getLong(8));
                }
            }
        });
    }

    /**
     * Dials, contacts and abandons per interval over [from, to) for the campaigns together, every interval listed
     * (empty ones with zeros), an attempt counted in the interval of its claim ({@code created_at}).
     */
    public List<IntervalRow> intervals(List<UUID> campaigns, Granularity g, Instant from, Instant to, ZoneId zone) {
        List<Instant> bounds = g.bounds(from, to, zone);
        long[][] sums = new long[bounds.size() - 1][3];
        jdbc.with("campaign intervals", c -> {
            // width_bucket over the sorted bounds: 1 for the first interval .. n for the last
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT width_bucket(created_at, ?::text[]::timestamptz[]) AS b, count(*),
                           count(*) FILTER (WHERE live_answer), count(*) FILTER (WHERE abandoned)
                    FROM dial_attempt WHERE campaign_id = ANY (?) AND created_at >= ? AND created_at < ? GROUP BY b""")) {
                st.setArray(1, c.createArrayOf("text", bounds.stream().map(Instant::toString).toArray()));
                st.setArray(2, uuids(c, campaigns));
                st.setTimestamp(3, Timestamp.from(from));
                st.setTimestamp(4, Timestamp.from(to));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        int b = rs.getInt(1);
                        if (b >= 1 && b <= sums.length) {
                            sums[b - 1] = new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)};
                        }
                    }
                }
            }
            return null;
        });
        List<IntervalRow> out = new ArrayList<>(sums.length);
        for (int i = 0; i < sums.length; i++) {
            out.add(new IntervalRow(bounds.get(i), bounds.get(i + 1), sums[i][0], sums[i][1], sums[i][2]));
        }
        return out;
    }

    /** The sum of {@code rows} over their whole range; null for no rows. */
    public static IntervalRow total(List<IntervalRow> rows) {
        return rows.stream().reduce(IntervalRow::plus).orElse(null);
    }

    /** Attempts of the campaigns claimed in [from, to), oldest first, one page. */
    public Slice<Attempt> attempts(List<UUID> campaigns, Instant from, Instant to, int pageSize, int pageNumber) {
        List<Attempt> items = new ArrayList<>();
        jdbc.with("report attempts", c -> {
            try (PreparedStatement st = attemptQuery(c, campaigns, from, to, " LIMIT ? OFFSET ?")) {
                st.setInt(4, pageSize);
                st.setLong(5, Slice.offset(pageSize, pageNumber));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        items.add(AttemptStore.read(rs));
                    }
                }
            }
            return null;
        });
        long total = jdbc.with("report attempt count", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM dial_attempt WHERE campaign_id = ANY (?)"
                    + " AND created_at >= ? AND created_at < ?")) {
                st.setArray(1, uuids(c, campaigns));
                st.setTimestamp(2, Timestamp.from(from));
                st.setTimestamp(3, Timestamp.from(to));
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return new Slice<>(items, total, pageSize, pageNumber);
    }

    /** Every attempt of the range to {@code sink}, oldest first, read with a cursor ({@value #FETCH} rows a batch). */
    public void eachAttempt(List<UUID> campaigns, Instant from, Instant to, Consumer<Attempt> sink) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // pgjdbc uses a cursor only inside a transaction
            c.setReadOnly(true);
            try (PreparedStatement st = attemptQuery(c, campaigns, from, to, "")) {
                st.setFetchSize(FETCH);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(AttemptStore.read(rs));
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new DatabaseException("report attempts: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement attemptQuery(Connection c, List<UUID> campaigns, Instant from, Instant to, String tail)
            throws SQLException {
        PreparedStatement st = c.prepareStatement("SELECT " + AttemptStore.COLUMNS + " FROM dial_attempt"
                + " WHERE campaign_id = ANY (?) AND created_at >= ? AND created_at < ? ORDER BY created_at, id" + tail);
        st.setArray(1, uuids(c, campaigns));
        st.setTimestamp(2, Timestamp.from(from));
        st.setTimestamp(3, Timestamp.from(to));
        return st;
    }

    private static Array uuids(Connection c, List<UUID> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.toArray());
    }
}
