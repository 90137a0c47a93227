package org.opendialer.campaign.runner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.opendialer.campaign.pacing.Pacer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds this node's pacer of a campaign the live answers the campaign's other nodes settle, so its abandon meter
 * measures the whole campaign: the cap is on the campaign's rate, and a campaign whose abandons are split over nodes
 * must not stay under the cap on each node while it is over it in all. Polled at most every {@link #EVERY} per
 * campaign; an answer is counted once (by id), including rows written up to {@link #LATE} after their call ended.
 */
final class OtherNodesAnswers {

    static final Duration EVERY = Duration.ofSeconds(5);
    static final Duration LATE = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(OtherNodesAnswers.class);

    private final AttemptStore attempts;
    private final Clock clock;
    private final String node;
    private final Map<UUID, Feed> feeds = new ConcurrentHashMap<>();

    /** One campaign's cursor: the answers already counted whose end is still within {@link #LATE} of it. */
    private static final class Feed {
        Instant next;
        Instant cursor;
        final Map<UUID, Instant> seen = new HashMap<>();
    }

    OtherNodesAnswers(AttemptStore attempts, Clock clock, String node) {
        this.attempts = attempts;
        this.clock = clock;
        this.node = node;
    }

    /**
     * Called just before a new pacer restores the campaign's history (which counts every node's answers settled so
     * far): the answers of the last {@link #LATE} are marked counted. An answer settled between this and the restore
     * may count twice, which only makes the meter stricter.
     */
    void beforeRestore(UUID campaignId) {
        Feed f = new Feed();
        f.cursor = clock.instant();
        f.next = f.cursor;
        for (AttemptStore.Answer a : attempts.liveAnswersElsewhere(campaignId, node, f.cursor.minus(LATE))) {
            f.seen.put(a.id(), a.endedAt());
        }
        feeds.put(campaignId, f);
    }

    /** The other nodes' answers settled since the last call, into {@code p} (under its lock); at most every EVERY. */
    void feed(UUID campaignId, Pacer p) {
        Feed f = feeds.get(campaignId);
        Instant now = clock.instant();
        if (f == null || now.isBefore(f.next)) {
            return;
        }
        f.next = now.plus(EVERY);
        try {
            for (AttemptStore.Answer a : attempts.liveAnswersElsewhere(campaignId, node, f.cursor.minus(LATE))) {
                if (f.seen.putIfAbsent(a.id(), a.endedAt()) == null) {
                    synchronized (p) {
                        p.restore(a.answeredAt(), a.abandoned());
                    }
                }
            }
            f.cursor = now;
            f.seen.values().removeIf(ended -> ended.isBefore(now.minus(LATE).minus(LATE)));
        } catch (RuntimeException e) {
            LOG.warn("campaign {}: other nodes' live answers not read ({}); asked again in {} s", campaignId,
                    e.getMessage(), EVERY.toSeconds());
        }
    }
}
