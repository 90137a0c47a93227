package org.opendialer.campaign.runner;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.contacts.Slice;
import org.opendialer.store.Jdbc;

/**
 * Who is callable now, and why not the others: the runner's own {@link Gate} asked about each contact of the
 * campaign's list, in list order, without claiming, locking or writing anything. Blocks (JDBC).
 */
public final class DryRun {

    private final Jdbc jdbc;
    private final Gates gates;
    private final Clock clock;

    public DryRun(DataSource ds, Gates gates, Clock clock) {
        this.jdbc = new Jdbc(ds);
        this.gates = gates;
        this.clock = clock;
    }

    /** One page of verdicts as decisions at the current instant (id 0: not logged). */
    public Slice<Decisions.Decision> page(Campaign c, int pageSize, int pageNumber) {
        Gate gate = gates.of(c);
        Instant now = clock.instant();
        List<Candidate> rows = jdbc.with("dry run", con -> {
            List<Candidate> out = new ArrayList<>();
            try (PreparedStatement st = con.prepareStatement("SELECT " + ContactClaims.CANDIDATE
                    + " FROM contact WHERE list_id = ? ORDER BY priority DESC, seq LIMIT ? OFFSET ?")) {
                st.setObject(1, c.settings().contactListId());
                st.setInt(2, pageSize);
                st.setLong(3, Slice.offset(pageSize, pageNumber));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.add(ContactClaims.read(rs));
                    }
                }
            }
            return out;
        });
        List<Decisions.Decision> out = new ArrayList<>();
        for (Candidate cand : rows) {
            Verdict v = gate.judge(cand, now);
            out.add(new Decisions.Decision(0, cand.contactId(), now, v.dial(), v.code(), v.number(), v.detail()));
        }
        long total = jdbc.count("dry run total", "SELECT count(*) FROM contact WHERE list_id = ?", c.settings().contactListId());
        return new Slice<>(out, total, pageSize, pageNumber);
    }
}
