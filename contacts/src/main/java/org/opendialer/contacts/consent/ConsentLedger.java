package org.opendialer.contacts.consent;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.opendialer.store.Jdbc;

/**
 * The one do-not-contact ledger of voice, SMS and email. Addresses are stored canonical ({@link Addresses}); every
 * change is also written to {@code consent_event} for audit. Senders must ask {@link #isBlocked} at send time, not
 * only when a campaign starts: an opt-out can arrive between two messages. Blocks (JDBC).
 */
public final class ConsentLedger {

    private final Jdbc jdbc;
    private final Addresses addresses;

    public ConsentLedger(DataSource dataSource, Addresses addresses) {
        this.jdbc = new Jdbc(dataSource);
        this.addresses = addresses;
    }

    public Addresses addresses() {
        return addresses;
    }

    /**
     * The canonical forms of {@code addresses} that must not be contacted on {@code channel}, in one query: what
     * {@link #isBlocked} answers for each, for a caller judging a batch (a campaign's claim).
     */
    public java.util.Set<String> blockedAmong(ContactChannel channel, java.util.Collection<String> addresses) {
        String[] canonical = addresses.stream().map(a -> this.addresses.canonical(channel, a)).flatMap(Optional::stream)
                .distinct().toArray(String[]::new);
        if (canonical.length == 0) {
            return java.util.Set.of();
        }
        return jdbc.with("consent check (batch)", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT address FROM consent_block WHERE channel = ? AND address = ANY(?)")) {
                st.setString(1, channel.name());
                st.setArray(2, c.createArrayOf("text", canonical));
                java.util.Set<String> out = new java.util.HashSet<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    /** True when {@code address} must not be contacted on {@code channel}. An unreadable address is not blocked. */
    public boolean isBlocked(ContactChannel channel, String address) {
        Optional<String> a = addresses.canonical(channel, address);
        if (a.isEmpty()) {
            return false;
        }
        return jdbc.with("consent check", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM consent_block WHERE channel = ? AND address = ?")) {
                st.setString(1, channel.name());
                st.setString(2, a.get());
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * The canonical addresses of {@code canonical} that are blocked, in one query (campaign batches check every
     * address right before sending).
     */
    public java.util.Set<String> blocked(ContactChannel channel, java.util.Collection<String> canonical) {
        if (canonical.isEmpty()) {
            return java.util.Set.of();
        }
        return jdbc.with("consent batch check", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT address FROM consent_block WHERE channel = ? AND address = ANY (?)")) {
                st.setString(1, channel.name());
                st.setArray(2, c.createArrayOf("text", canonical.toArray()));
                java.util.Set<String> out = new java.util.HashSet<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Puts an address on the ledger (again: the latest source and note win).
     *
     * @throws IllegalArgumentException when the address is not a valid phone number or email address
     */
    public ConsentEntry add(ContactChannel channel, String address, ConsentSource source, String note) {
        String a = addresses.require(channel, address);
        return jdbc.tx("consent add", c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO consent_block (channel, address, source, note) VALUES (?, ?, ?, ?)
                    ON CONFLICT (channel, address) DO UPDATE SET source = EXCLUDED.source, note = EXCLUDED.note
                    RETURNING created_at, updated_at, version""")) {
                st.setString(1, channel.name());
                st.setString(2, a);
                st.setString(3, source.name());
                st.setString(4, note);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    event(c, channel, a, "BLOCK", source, note);
                    return new ConsentEntry(channel, a, source, note, rs.getTimestamp(1).toInstant(),
                            rs.getTimestamp(2).toInstant(), rs.getInt(3));
                }
            }
        });
    }

    /** Takes an address off the ledger (an opt-in); returns false when it was not on it. */
    public boolean remove(ContactChannel channel, String address, ConsentSource source, String note) {
        String a = addresses.require(channel, address);
        return jdbc.tx("consent remove", c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM consent_block WHERE channel = ? AND address = ?")) {
                st.setString(1, channel.name());
                st.setString(2, a);
                boolean removed = st.executeUpdate() > 0;
                if (removed) {
                    event(c, channel, a, "UNBLOCK", source, note);
                }
                return removed;
            }
        });
    }

    /**
     * Puts canonical addresses on the ledger, all in one transaction (a batch of the internal DNC list). Callers
     * canonicalise first ({@link Addresses#require}).
     */
    public void addAll(ContactChannel channel, java.util.Collection<String> canonical, ConsentSource source, String note) {
        jdbc.tx("consent batch add", c -> {
            try (PreparedStatement st = c.prepareStatement("CREATE TEMP TABLE consent_stage (channel TEXT, address TEXT) ON COMMIT DROP");
                 PreparedStatement fill = c.prepareStatement("INSERT INTO consent_stage SELECT ?, unnest(?::text[])")) {
                st.execute();
                fill.setString(1, channel.name());
                fill.setArray(2, c.createArrayOf("text", canonical.toArray()));
                fill.executeUpdate();
            }
            return addStaged(c, "consent_stage", source, note);
        });
    }

    /**
     * Within the caller's transaction, puts every {@code (channel, address)} row of the table {@code staging}
     * (canonical addresses; duplicates allowed) on the ledger, each with an audit event.
     *
     * @return the distinct addresses written
     */
    public static long addStaged(java.sql.Connection c, String staging, ConsentSource source, String note) throws SQLException {
        try (PreparedStatement block = c.prepareStatement("INSERT INTO consent_block (channel, address, source, note)"
                + " SELECT DISTINCT channel, address, ?, ? FROM " + staging
                + " ON CONFLICT (channel, address) DO UPDATE SET source = EXCLUDED.source, note = EXCLUDED.note");
             PreparedStatement events = c.prepareStatement("INSERT INTO consent_event (channel, address, action, source, note, at)"
                     + " SELECT DISTINCT channel, address, 'BLOCK', ?, ?, now() FROM " + staging)) {
            block.setString(1, source.name());
            block.setString(2, note);
            events.setString(1, source.name());
            events.setString(2, note);
            long n = block.executeUpdate();
            events.executeUpdate();
            return n;
        }
    }

    /** Takes canonical addresses off the ledger in one transaction; returns how many were on it. */
    public int removeAll(ContactChannel channel, java.util.Collection<String> canonical, ConsentSource source, String note) {
        return jdbc.tx("consent batch remove", c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "DELETE FROM consent_block WHERE channel = ? AND address = ANY (?) RETURNING address")) {
                st.setString(1, channel.name());
                st.setArray(2, c.createArrayOf("text", canonical.toArray()));
                int n = 0;
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        event(c, channel, rs.getString(1), "UNBLOCK", source, note);
                        n++;
                    }
                }
                return n;
            }
        });
    }

    public Optional<ConsentEntry> find(ContactChannel channel, String address) {
        Optional<String> a = addresses.canonical(channel, address);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        List<ConsentEntry> found = query("WHERE channel = ? AND address = ?", channel.name(), a.get(), 1, 0);
        return found.stream().findFirst();
    }

    /** Entries of a channel, newest first. */
    public List<ConsentEntry> list(ContactChannel channel, int limit, long offset) {
        return query("WHERE channel = ?", channel.name(), null, limit, offset);
    }

    public long count(ContactChannel channel) {
        return jdbc.count("consent count", "SELECT count(*) FROM consent_block WHERE channel = ?", channel.name());
    }

    private List<ConsentEntry> query(String where, String channel, String address, int limit, long offset) {
        return jdbc.with("consent list", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT channel, address, source, note, created_at, updated_at, version FROM consent_block "
                    + where + " ORDER BY created_at DESC, address LIMIT ? OFFSET ?")) {
                int i = 1;
                st.setString(i++, channel);
                if (address != null) {
                    st.setString(i++, address);
                }
                st.setInt(i++, limit);
                st.setLong(i, offset);
                List<ConsentEntry> out = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ConsentEntry(ContactChannel.valueOf(rs.getString(1)), rs.getString(2),
                                ConsentSource.valueOf(rs.getString(3)), rs.getString(4), rs.getTimestamp(5).toInstant(),
                                rs.getTimestamp(6).toInstant(), rs.getInt(7)));
                    }
                }
                return out;
            }
        });
    }

    private static void event(java.sql.Connection c, ContactChannel channel, String address, String action,
                              ConsentSource source, String note) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO consent_event (channel, address, action, source, note, at) VALUES (?, ?, ?, ?, ?, ?)")) {
            st.setString(1, channel.name());
            st.setString(2, address);
            st.setString(3, action);
            st.setString(4, source.name());
            st.setString(5, note);
            st.setTimestamp(6, Timestamp.from(java.time.Instant.now()));
            st.executeUpdate();
        }
    }
}
