package org.opendialer.contacts.lists;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.BitSet;
import org.opendialer.contacts.CopyCsv;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Where an upload's good rows go, inside the import's transaction. Into a list that has no partition yet (its first
 * contacts), into a new table made in this transaction ({@link ContactPartitions}) by {@code COPY … FREEZE}, with no
 * index to maintain per row, attached as the list's partition at the end (which builds its indexes by sorting once).
 * Into a list that is empty when the upload begins, straight into {@code contact} by COPY; a row whose key the file may already have had goes to a staging
 * table instead and replaces the earlier row at the end (at its own place in the list). Into a list that has contacts, every row
 * goes to the staging table and one {@code INSERT … ON CONFLICT} merges them by key at the end. Either way ids and
 * list order come from blocks of {@code contact_seq} taken as the rows arrive, so nothing sorts the file again.
 *
 * <p>The direct way saves writing, sorting and reading every row a second time (the staging table was half of
 * the 1M-row import). "May have had": seen keys are kept as bits of their hash, a constant 8 MiB however many
 * rows; a false alarm only sends that row the staged way, which is as correct, only slower.
 */
final class ContactCopy {

    /** Bits of the seen-keys filter: at 1,000,000 distinct keys about 1.5 % are false alarms. */
    private static final int SEEN_BITS = 1 << 26;
    private static final int FIRST_BLOCK = 256;
    /**
     * Each block ends the COPY and waits until PostgreSQL has taken every row sent (several MB can sit in the
     * loopback socket's buffers) before the next COPY starts: blocks grow fourfold to this, so 1M rows take 9, not 23.
     */
    private static final int MAX_BLOCK = 1 << 18;

    private final Connection c;
    private final ContactList list;
    private final boolean direct;
    /** The list's new partition, not attached until {@link #finish}; null when the list had one. */
    private final String fresh;
    private final String target;
    private final String listId;
    private final StringBuilder out = new StringBuilder(CopyCsv.FLUSH_CHARS + 4096);
    private final StringBuilder staged = new StringBuilder();
    private final BitSet seen;
    private CopyIn copy;
    private long[] seqs = new long[0];
    private int nextSeq;
    private long directRows;
    private long stagedRows;
    /** Time in {@link #nextSeq}'s blocks (each ends the COPY, so it waits for PostgreSQL to take all sent). */
    private long seqNanos;

    private ContactCopy(Connection c, ContactList list, boolean direct, String fresh) {
        this.c = c;
        this.list = list;
        this.direct = direct;
        this.fresh = fresh;
        this.target = fresh != null ? fresh : "contact";
        this.listId = list.id().toString();
        this.seen = direct && list.keyColumn() != null ? new BitSet(SEEN_BITS) : null;
    }

    /**
     * Opens the way for an upload into {@code list} on {@code c} (in its transaction). A list's first upload holds
     * the list's row until it ends (another first write waits for it, then finds the partition made); later uploads
     * take no lock here, so API inserts into the list go on meanwhile.
     */
    static ContactCopy open(Connection c, ContactList list) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "CREATE TEMP TABLE contact_stage (line BIGINT, key TEXT COLLATE \"C\", data JSONB, seq BIGINT) ON COMMIT DROP")) {
            st.execute();
        }
        if (!ContactPartitions.exists(c, list.id()) && !ContactPartitions.lockList(c, list.id())) {
            ContactPartitions.create(c, list.id());
            return new ContactCopy(c, list, true, ContactPartitions.name(list.id()));
        }
        boolean empty;
        try (PreparedStatement st = c.prepareStatement("SELECT NOT EXISTS (SELECT 1 FROM contact WHERE list_id = ?)")) {
            st.setObject(1, list.id());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                empty = rs.getBoolean(1);
            }
        }
        return new ContactCopy(c, list, empty, null);
    }

    /** A good row: its file line, its key (null without a key column) and its data as COPY-escaped JSON. */
    void row(long line, String key, CharSequence json) throws SQLException {
        long seq = nextSeq();
        if (!direct) {
            appendStaged(out, line, key, json, seq);
            if (out.length() >= CopyCsv.FLUSH_CHARS) {
                CopyCsv.flush(copy(), out);
            }
            return;
        }
        if (key != null) {
            int bit = bitOf(key);
            if (seen.get(bit)) {
                appendStaged(staged, line, key, json, seq);
                stagedRows++;
                if (staged.length() >= CopyCsv.FLUSH_CHARS) {
                    flushStaged();
                }
                return;
            }
            seen.set(bit);
        }
        out.append(listId).append("\tc").append(seq).append('\t').append(seq).append('\t').append(line).append('\t').append(json).append('\t');
        appendKey(out, key);
        out.append('\n');
        directRows++;
        if (out.length() >= CopyCsv.FLUSH_CHARS) {
            CopyCsv.flush(copy(), out);
        }
    }

    /** Nanoseconds spent taking blocks of {@code contact_seq}, with the end of the COPY each takes. */
    long seqNanos() {
        return seqNanos;
    }

    /** Ends the COPY under way without writing the rows still waiting; the transaction is then rolled back. */
    void cancel() {
        try {
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException alreadyBroken) {
            // the COPY failed on the server already; the rollback that follows cleans up either way
        }
        copy = null;
    }

    /**
     * Sends what waits and merges the staged rows into the list in file order: a later row wins over an earlier
     * one with the same key, and a key already in the list updates that contact (same id, version + 1).
     *
     * @return contacts written, and rows of the file that repeated a key
     */
    long[] finish() throws SQLException {
        endCopy();
        if (fresh != null) {
            // the table holds each key once (a repeat was staged), so the unique key index builds; the repeats then
            // replace their rows through the indexes instead of a scan of the new table
            ContactPartitions.attach(c, list.id());
            // a new table has no statistics until autovacuum comes by: without them a campaign's claim on the list
            // guessed ~200 rows and sorted the whole list for every batch instead of reading contact_next in order,
            // and the replacement of repeated keys below hash-joined a scan of the whole new table (1.8 s at 1M rows)
            // instead of looking each key up (0.07 s). The repeats change too few rows to matter to the statistics.
            ContactPartitions.analyze(c, list.id());
        }
        long[] result = direct ? replaceRepeatedKeys() : merge();
        try (PreparedStatement st = c.prepareStatement("UPDATE contact_list SET modified_at = now() WHERE id = ?")) {
            st.setObject(1, list.id());
            st.executeUpdate();
        }
        return result;
    }

    /** Direct way: each staged row replaces the row that holds its key (if any); the file's last row per key wins. */
    private long[] replaceRepeatedKeys() throws SQLException {
        flushStaged();
        if (stagedRows == 0) {
            return new long[] {directRows, 0};
        }
        try (PreparedStatement st = c.prepareStatement("ANALYZE contact_stage")) {
            st.execute(); // its row count, so the DELETE below looks each key up rather than scan the list
        }
        long deleted = update("DELETE FROM contact c USING (SELECT DISTINCT key FROM contact_stage) s"
                + " WHERE c.list_id = ? AND c.key = s.key");
        long inserted = update("INSERT INTO contact (list_id, id, seq, line_no, data, key) SELECT ?, 'c' || seq, seq, line, data, key"
                + " FROM (SELECT DISTINCT ON (key) line, key, data, seq FROM contact_stage ORDER BY key, line DESC) w");
        // every staged row but the one kept per key repeated a key, and so did each earlier row it replaced
        return new long[] {directRows - deleted + inserted, stagedRows - inserted + deleted};
    }

    /** Staged way: each row has its place in the list already (its seq), so no sort is needed unless a key repeats. */
    private long[] merge() throws SQLException {
        long duplicates = 0;
        String source = "contact_stage";
        if (list.keyColumn() != null) {
            try (PreparedStatement st = c.prepareStatement("SELECT count(*) - count(DISTINCT key) FROM contact_stage");
                 ResultSet rs = st.executeQuery()) {
                rs.next();
                duplicates = rs.getLong(1);
            }
            if (duplicates > 0) {
                source = "(SELECT DISTINCT ON (key) line, key, data, seq FROM contact_stage ORDER BY key, line DESC)";
            }
        }
        long written = update("INSERT INTO contact (list_id, id, seq, line_no, data, key) SELECT ?, 'c' || seq, seq, line, data, key"
                + " FROM " + source + " s ON CONFLICT (list_id, key) WHERE key IS NOT NULL DO UPDATE SET data = EXCLUDED.data,"
                + " modified_at = now(), version = contact.version + 1");
        return new long[] {written, duplicates};
    }

    private long update(String sql) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, list.id());
            return st.executeLargeUpdate();
        }
    }

    /** The next value of contact_seq, from a block taken between two COPYs (a COPY holds the connection). */
    private long nextSeq() throws SQLException {
        if (nextSeq == seqs.length) {
            long t0 = System.nanoTime();
            endCopy();
            int n = Math.min(MAX_BLOCK, Math.max(FIRST_BLOCK, seqs.length * 4));
            long[] block = new long[n];
            try (PreparedStatement st = c.prepareStatement("SELECT nextval('contact_seq') FROM generate_series(1, ?)")) {
                st.setInt(1, n);
                try (ResultSet rs = st.executeQuery()) {
                    for (int i = 0; i < n && rs.next(); i++) {
                        block[i] = rs.getLong(1);
                    }
                }
            }
            seqs = block;
            nextSeq = 0;
            seqNanos += System.nanoTime() - t0;
        }
        return seqs[nextSeq++];
    }

    private CopyIn copy() throws SQLException {
        if (copy == null) {
            // FREEZE: the table is this transaction's own, so its rows are written frozen and no later reader
            // (vacuum, the first scans) rewrites each page to set hint bits
            copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(!direct ? "COPY contact_stage (line, key, data, seq) FROM STDIN"
                    : "COPY " + target + " (list_id, id, seq, line_no, data, key) FROM STDIN" + (fresh != null ? " (FREEZE)" : ""));
        }
        return copy;
    }

    private void endCopy() throws SQLException {
        if (!out.isEmpty()) {
            CopyCsv.flush(copy(), out);
        }
        if (copy != null) {
            copy.endCopy();
            copy = null;
        }
    }

    private void flushStaged() throws SQLException {
        if (staged.isEmpty()) {
            return;
        }
        endCopy();
        CopyIn stage = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY contact_stage (line, key, data, seq) FROM STDIN");
        CopyCsv.flush(stage, staged);
        stage.endCopy();
    }

    private static void appendStaged(StringBuilder to, long line, String key, CharSequence json, long seq) {
        to.append(line).append('\t');
        appendKey(to, key);
        to.append('\t').append(json).append('\t').append(seq).append('\n');
    }

    private static void appendKey(StringBuilder to, String key) {
        if (key == null) {
            to.append("\\N");
        } else {
            CsvHeader.copyText(to, key);
        }
    }

    /** The key's bit: the top bits of its hash times the golden ratio, which depend on every bit of the hash. */
    private static int bitOf(String key) {
        return (int) ((key.hashCode() * 0x9E3779B97F4A7C15L) >>> (64 - Integer.numberOfTrailingZeros(SEEN_BITS)));
    }
}
