package org.opendialer.contacts.dnc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.opendialer.contacts.Conflict;
import org.opendialer.contacts.Slice;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.contacts.consent.ConsentLedger;
import org.opendialer.contacts.consent.ConsentSource;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.store.Jdbc;

/**
 * Entries of the DNC lists, and the check a dialer asks before each call. Entries of the internal list are read
 * from and written to the consent ledger (source {@code api}), so an opt-out by IVR, SMS or email and one added
 * here are the same entry. Batches are all or nothing. Blocks (JDBC).
 */
public final class DncEntries {

    /** E.164 as libphonenumber writes it: its possible lengths allow national numbers longer than E.164's 15 digits. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,19}");
    /** The check's query (one index lookup per list and address on {@code dnc_entry_pkey}); the bench explains it. */
    public static final String CHECK = "SELECT address, list_id FROM dnc_entry WHERE list_id = ANY (?) AND channel = ?"
            + " AND address = ANY (?) AND (expires_at IS NULL OR expires_at > ?)";

    private final Jdbc jdbc;
    private final DncLists lists;
    private final ConsentLedger ledger;

    public DncEntries(DataSource dataSource, DncLists lists, ConsentLedger ledger) {
        this.jdbc = new Jdbc(dataSource);
        this.lists = lists;
        this.ledger = ledger;
    }

    /** A batch with unreadable addresses: nothing of it was stored. */
    public static final class InvalidBatch extends IllegalArgumentException {
        private final List<String> reasons;

        public InvalidBatch(List<String> reasons) {
            super(reasons.size() + " of the addresses are not valid: " + String.join("; ", reasons));
            this.reasons = List.copyOf(reasons);
        }

        /** One per bad address: {@code "[index] reason"}. */
        public List<String> reasons() {
            return reasons;
        }
    }

    /**
     * Adds addresses (any common spelling) to a list, or renews their expiry.
     *
     * @param expiresAt null for never; refused on the internal list (an opt-out does not lapse by itself)
     * @return the distinct canonical addresses written
     * @throws java.util.NoSuchElementException when there is no such list
     * @throws InvalidBatch when any address is unreadable
     * @throws Conflict for a list whose entries live at a provider ({@link DncList#requireOwnEntries})
     */
    public int add(UUID listId, ContactChannel channel, List<String> addresses, Instant expiresAt) {
        DncList list = lists.require(listId);
        list.requireOwnEntries();
        Collection<String> canonical = canonical(channel, addresses);
        if (list.internal()) {
            if (expiresAt != null) {
                throw new Conflict("entries of the internal DNC list are opt-outs and do not expire; leave out the expiry");
            }
            ledger.addAll(channel, canonical, ConsentSource.API, "added to the internal DNC list through the API");
            return canonical.size();
        }
        return jdbc.tx("dnc add", c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO dnc_entry (list_id, channel, address, expires_at) SELECT ?, ?, unnest(?::text[]), ?
                    ON CONFLICT (list_id, channel, address) DO UPDATE SET expires_at = EXCLUDED.expires_at""")) {
                st.setObject(1, listId);
                st.setString(2, channel.name());
                st.setArray(3, c.createArrayOf("text", canonical.toArray()));
                st.setTimestamp(4, expiresAt == null ? null : Timestamp.from(expiresAt));
                st.executeUpdate();
                return canonical.size();
            }
        });
    }

    /** Removes addresses from a list; returns how many were on it. Same errors as {@link #add}. */
    public int remove(UUID listId, ContactChannel channel, List<String> addresses) {
        DncList list = lists.require(listId);
        list.requireOwnEntries();
        Collection<String> canonical = canonical(channel, addresses);
        if (list.internal()) {
            return ledger.removeAll(channel, canonical, ConsentSource.API, "removed from the internal DNC list through the API");
        }
        return jdbc.with("dnc remove", c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM dnc_entry WHERE list_id = ? AND channel = ? AND address = ANY (?)")) {
                st.setObject(1, listId);
                st.setString(2, channel.name());
                st.setArray(3, c.createArrayOf("text", canonical.toArray()));
                return st.executeUpdate();
            }
        });
    }

    /**
     * Entries of a list, newest first, expired ones included.
     *
     * @param channel null for both channels
     */
    public Slice<DncEntry> page(UUID listId, ContactChannel channel, int pageSize, int pageNumber) {
        boolean internal = lists.require(listId).internal();
        // the ledger has no list id: its query takes the parameter all the same, so both bind the same way
        String from = internal
                ? "SELECT channel, address, NULL::timestamptz AS expires_at, created_at, source FROM consent_block WHERE (?::uuid IS NOT NULL)"
                : "SELECT channel, address, expires_at, created_at, NULL AS source FROM dnc_entry WHERE list_id = ?";
        String where = channel == null ? "" : " AND channel = '" + channel.name() + "'";
        return jdbc.with("dnc entries", c -> {
            List<DncEntry> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement(from + where + " ORDER BY created_at DESC, address LIMIT ? OFFSET ?")) {
                st.setObject(1, listId);
                st.setInt(2, pageSize);
                st.setLong(3, Slice.offset(pageSize, pageNumber));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Timestamp exp = rs.getTimestamp(3);
                        String source = rs.getString(5);
                        out.add(new DncEntry(ContactChannel.valueOf(rs.getString(1)), rs.getString(2), exp == null ? null : exp.toInstant(),
                                rs.getTimestamp(4).toInstant(), source == null ? null : source.toLowerCase(java.util.Locale.ROOT)));
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM (" + from + where + ") e")) {
                st.setObject(1, listId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return new Slice<>(out, rs.getLong(1), pageSize, pageNumber);
                }
            }
        });
    }

    /**
     * The check before a call or a message: the first of {@code listIds} that blocks {@code address} at {@code at}
     * (entries expiring at or before {@code at} do not), or empty. One primary-key lookup per list, so its cost
     * does not grow with the lists' sizes. An unreadable address is blocked by no list. A caller that already holds
     * the canonical form (a campaign's E.164 numbers) asks {@link #blockedAmong} instead and skips the parse.
     */
    public Optional<UUID> blockedBy(Collection<UUID> listIds, ContactChannel channel, String address, Instant at) {
        Optional<String> a = ledger.addresses().canonical(channel, address);
        if (a.isEmpty() || listIds.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(blockedAmong(listIds, channel, List.of(a.get()), at).get(a.get()));
    }

    /**
     * {@link #blockedBy} for many addresses in at most two round trips (the consent ledger when {@code listIds} holds
     * the internal list, then one {@code address = ANY (?)} lookup on {@code dnc_entry_pkey}): a campaign's claim
     * checks its whole batch this way, so the round trip is shared by every number of it.
     *
     * @param canonical addresses already canonical ({@link org.opendialer.contacts.consent.Addresses#canonical}:
     *                  E.164 numbers, lower-cased email); they are not parsed again
     * @return each blocked address to the first of {@code listIds} (in their order, the internal list first) that
     *         blocks it; addresses blocked by none are absent
     * @throws IllegalArgumentException for an address that is plainly not canonical, which would otherwise match
     *                                  nothing and pass silently
     */
    public Map<String, UUID> blockedAmong(Collection<UUID> listIds, ContactChannel channel, Collection<String> canonical, Instant at) {
        if (listIds.isEmpty() || canonical.isEmpty()) {
            return Map.of();
        }
        canonical.forEach(a -> requireCanonical(channel, a));
        Map<String, UUID> out = new HashMap<>();
        List<String> rest = new ArrayList<>(new LinkedHashSet<>(canonical));
        if (listIds.contains(DncLists.INTERNAL)) {
            for (String a : ledger.blocked(channel, rest)) {
                out.put(a, DncLists.INTERNAL);
            }
            rest.removeAll(out.keySet());
            if (rest.isEmpty()) {
                return out;
            }
        }
        List<UUID> order = List.copyOf(new LinkedHashSet<>(listIds));
        return jdbc.with("dnc check", c -> {
            try (PreparedStatement st = c.prepareStatement(CHECK)) {
                st.setArray(1, c.createArrayOf("uuid", order.toArray()));
                st.setString(2, channel.name());
                st.setArray(3, c.createArrayOf("text", rest.toArray()));
                st.setTimestamp(4, Timestamp.from(at));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) { // on several lists: the first of them in the caller's order
                        UUID list = rs.getObject(2, UUID.class);
                        out.merge(rs.getString(1), list, (was, other) -> order.indexOf(other) < order.indexOf(was) ? other : was);
                    }
                }
            }
            return out;
        });
    }

    private static void requireCanonical(ContactChannel channel, String a) {
        boolean ok = channel == ContactChannel.PHONE ? E164.matcher(a).matches() : a.equals(a.strip().toLowerCase(Locale.ROOT));
        if (!ok) {
            throw new IllegalArgumentException("'" + a + "' is not a canonical " + (channel == ContactChannel.PHONE ? "E.164 number" : "email address"));
        }
    }

    private Collection<String> canonical(ContactChannel channel, List<String> addresses) {
        Addresses norm = ledger.addresses();
        LinkedHashSet<String> out = new LinkedHashSet<>();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            Optional<String> a = norm.canonical(channel, addresses.get(i));
            if (a.isPresent()) {
                out.add(a.get());
            } else {
                bad.add("[" + i + "] '" + addresses.get(i) + "' is not a valid " + (channel == ContactChannel.PHONE ? "phone number" : "email address"));
            }
        }
        if (!bad.isEmpty()) {
            throw new InvalidBatch(bad);
        }
        return out;
    }
}
