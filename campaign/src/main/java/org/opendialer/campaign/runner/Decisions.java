package org.opendialer.campaign.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.contacts.Slice;
import org.opendialer.store.Jdbc;

/**
 * The decision log: why a contact was dialled, or why not (DNC hit, outside hours in zone X, attempt limit, SIT,
 * retry delay...). A row is written when a contact is dialled and when the reason it is skipped changes, not on
 * every tick. Blocks (JDBC).
 */
public final class Decisions {

    /** One logged decision. */
    public record Decision(long id, String contactId, Instant at, boolean dialed, String code, String number, String detail) {
    }

    private final Jdbc jdbc;

    public Decisions(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    static void log(Connection c, UUID campaignId, String contactId, Instant at, Verdict v) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO dial_decision (campaign_id, contact_id, at, dialed,"
                + " code, number, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            st.setObject(1, campaignId);
            st.setString(2, contactId);
            st.setTimestamp(3, Timestamp.from(at));
            st.setBoolean(4, v.dial());
            st.setString(5, v.code());
            st.setString(6, v.number());
            st.setString(7, v.detail());
            st.executeUpdate();
        }
    }

    /** Newest first; {@code contactId} null for every contact. */
    public Slice<Decision> page(UUID campaignId, String contactId, int pageSize, int pageNumber) {
        String where = " FROM dial_decision WHERE campaign_id = ? AND (?::text IS NULL OR contact_id = ?)";
        return jdbc.with("campaign decisions", c -> {
            List<Decision> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id, contact_id, at, dialed, code, number, detail" + where
                    + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?")) {
                bind(st, campaignId, contactId);
                st.setInt(4, pageSize);
                st.setLong(5, Slice.offset(pageSize, pageNumber));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Decision(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getBoolean(4),
                                rs.getString(5), rs.getString(6), rs.getString(7)));
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement("SELECT count(*)" + where)) {
                bind(st, campaignId, contactId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return new Slice<>(out, rs.getLong(1), pageSize, pageNumber);
                }
            }
        });
    }

    private static void bind(PreparedStatement st, UUID campaignId, String contactId) throws SQLException {
        st.setObject(1, campaignId);
        st.setString(2, contactId);
        st.setString(3, contactId);
    }
}
