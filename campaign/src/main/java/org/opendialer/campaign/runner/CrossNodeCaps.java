package org.opendialer.campaign.runner;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.campaign.pacing.PacerState;
import org.opendialer.campaign.pacing.SharedQueue;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.store.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The abandon cap across nodes: which campaigns are {@link PacerState#CAPPED} on which node, in
 * {@code campaign_cap}. Each node paces only its own calls of a campaign, so a cap reached on node A held neither
 * the campaign's peers on the queue nor the campaign itself on node B ({@link SharedQueue} is per node). A node
 * writes a row when a pacer enters CAPPED, refreshes it every {@link #REFRESH} while it stays there and deletes it
 * when it leaves; once per queue and tick it asks whether another node has a fresh row for the queue, and if so
 * the queue's campaigns on this node are held (1:1). A killed node's rows stop counting after {@link #FRESH_FOR}.
 *
 * <p>Not thread-safe: the runner's tick.
 */
final class CrossNodeCaps {

    private static final Logger LOG = LoggerFactory.getLogger(CrossNodeCaps.class);

    /** How often a row is rewritten while its campaign stays capped: well under {@link #FRESH_FOR}. */
    static final Duration REFRESH = Duration.ofSeconds(2);
    /**
     * A row older than this holds nobody (its node died or stalls): a few refreshes, so a slow database or a long
     * tick does not release a hold that is still meant.
     */
    static final Duration FRESH_FOR = Duration.ofSeconds(10);

    private final Jdbc jdbc;
    private final Clock clock;
    private final String node;
    private final Map<UUID, Instant> written = new HashMap<>(); // this node's capped campaigns: last write
    private final Set<UUID> seen = new HashSet<>();

    CrossNodeCaps(DataSource ds, Clock clock, String node) {
        this.jdbc = new Jdbc(ds);
        this.clock = clock;
        this.node = node;
        clear(); // a restart after a crash: its pacers are new, none is capped yet
    }

    /** The state {@code c}'s pacer reached this tick on this node: writes the row on changes (and refreshes). */
    void observe(Campaign c, PacerState state) {
        seen.add(c.id());
        Instant last = written.get(c.id());
        Instant now = clock.instant();
        if (state == PacerState.CAPPED) {
            if (last == null || !now.isBefore(last.plus(REFRESH))) {
                upsert(c, now);
                written.put(c.id(), now);
            }
        } else if (last != null) {
            delete(c.id());
            written.remove(c.id());
        }
    }

    /**
     * After a tick: the rows of campaigns whose pacer was not asked (paused, stopped, gone) are deleted. A failed
     * delete is logged and tried again next tick; meanwhile the row goes stale after {@link #FRESH_FOR}.
     */
    void endTick() {
        try {
            for (UUID id : Set.copyOf(written.keySet())) {
                if (!seen.contains(id)) {
                    delete(id);
                    written.remove(id);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("campaign caps of node {} not updated this tick", node, e);
        }
        seen.clear();
    }

    /**
     * Whether a campaign of {@code queueId} is capped on another node now (a fresh row). When that cannot be read
     * the answer is yes: the queue's campaigns dial 1:1 for the tick (the safe side of the cap).
     */
    boolean cappedElsewhere(UUID queueId) {
        try {
            return read(queueId);
        } catch (RuntimeException e) {
            LOG.error("queue {}: campaign caps of other nodes not read; its campaigns dial 1:1 this tick", queueId, e);
            return true;
        }
    }

    private boolean read(UUID queueId) {
        return jdbc.with("campaign caps elsewhere", c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    SELECT EXISTS (SELECT 1 FROM campaign_cap WHERE queue_id = ? AND node <> ? AND capped_at > ?)""")) {
                st.setObject(1, queueId);
                st.setString(2, node);
                st.setTimestamp(3, Timestamp.from(clock.instant().minus(FRESH_FOR)));
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
    }

    /** At the runner's close: this node's rows deleted (or, if that fails, left to go stale). */
    void close() {
        try {
            clear();
        } catch (RuntimeException e) {
            LOG.warn("campaign runner {}: its cap rows not deleted; they go stale in {}", node, FRESH_FOR, e);
        }
    }

    /** Deletes this node's rows (at start, where a failure stops the runner, and at close). */
    void clear() {
        written.clear();
        jdbc.tx("clear campaign caps", c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM campaign_cap WHERE node = ?")) {
                st.setString(1, node);
                return st.executeUpdate();
            }
        });
    }

    private void upsert(Campaign campaign, Instant now) {
        jdbc.tx("campaign capped", c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO campaign_cap (campaign_id, node, queue_id, capped_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (campaign_id, node) DO UPDATE SET queue_id = EXCLUDED.queue_id,
                                                                  capped_at = EXCLUDED.capped_at""")) {
                st.setObject(1, campaign.id());
                st.setString(2, node);
                st.setObject(3, campaign.settings().queueId());
                st.setTimestamp(4, Timestamp.from(now));
                return st.executeUpdate();
            }
        });
    }

    private void delete(UUID campaignId) {
        jdbc.tx("campaign no longer capped", c -> {
            try (PreparedStatement st = c.prepareStatement("DELETE FROM campaign_cap WHERE campaign_id = ? AND node = ?")) {
                st.setObject(1, campaignId);
                st.setString(2, node);
                return st.executeUpdate();
            }
        });
    }
}
