package org.opendialer.acd.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opendialer.acd.routing.QueueRouter;
import org.opendialer.sip.time.ForwardingScheduler;
import org.opendialer.sip.time.Scheduler;
import org.opendialer.sip.time.VirtualScheduler;
import org.opendialer.store.Jdbc;
import org.opendialer.store.testing.TestDb;

/** The call side's poll runs on the injected scheduler: in virtual time it runs only as the test moves time. */
class QueueCallsTimersTest {

    private final DataSource db = TestDb.dataSource();
    private final VirtualScheduler time = new VirtualScheduler(Instant.parse("2026-03-01T09:00:00Z"));
    private final String node = "node-" + UUID.randomUUID();

    @Test
    void pollsAndHeartbeatsFollowTheSchedulersTime() throws Exception {
        try (QueueCalls calls = QueueCalls.start(db, time.clock(), time, null, new QueueRouter(db, time.clock()), node,
                Duration.ofMillis(200), Duration.ofSeconds(30))) {
            drain(calls);
            assertThat(seenAt()).as("no poll before time moves").isNull();

            time.runDue(); // the first poll is due at once: it beats
            drain(calls);
            assertThat(seenAt()).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));

            time.advance(Duration.ofMillis(4_800)); // 24 more polls, none due to beat (every 5 s)
            drain(calls);
            assertThat(seenAt()).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));

            time.advance(Duration.ofMillis(200));
            drain(calls);
            assertThat(seenAt()).isEqualTo(Instant.parse("2026-03-01T09:00:05Z"));
        }
    }

    @Test
    void aPollTickAlreadyUnderWayWhenClosedIsDropped() {
        // The Scheduler contract: cancel does not stop a run already under way. Emulate that run by keeping the
        // task and running it after close, as the timer thread can when close() races a tick.
        AtomicReference<Runnable> tick = new AtomicReference<>();
        Scheduler keeping = new ForwardingScheduler(time) {
            @Override
            public Cancellable scheduleWithFixedDelay(Runnable task, Duration initialDelay, Duration delay) {
                tick.set(task);
                return super.scheduleWithFixedDelay(task, initialDelay, delay);
            }
        };
        QueueCalls calls = QueueCalls.start(db, keeping.clock(), keeping, null, new QueueRouter(db, keeping.clock()),
                node, Duration.ofMillis(200), Duration.ofSeconds(30));
        calls.close();

        assertThatCode(() -> tick.get().run()).as("a tick after close").doesNotThrowAnyException();
    }

    /** Returns once the worker has run everything handed to it so far (it runs its tasks in order). */
    private static void drain(QueueCalls calls) throws Exception {
        assertThat(calls.withdraw(null).get(30, TimeUnit.SECONDS)).isFalse();
    }

    private Instant seenAt() {
        return new Jdbc(db).with("heartbeat", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT seen_at FROM acd_node WHERE id = ?")) {
                st.setString(1, node);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? rs.getTimestamp(1).toInstant() : null;
                }
            }
        });
    }
}
