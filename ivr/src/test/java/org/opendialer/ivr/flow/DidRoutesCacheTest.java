package org.opendialer.ivr.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opendialer.store.testing.ManualClock;
import org.opendialer.store.testing.TestDb;

/**
 * The cache of resolved DID routes on a real PostgreSQL: a change through this node applies to the next call, one
 * made on another node (another instance, same database) within {@link DidRoutes#DEFAULT_TTL}, and a burst of
 * calls to one DID reads the database once.
 */
class DidRoutesCacheTest {

    final ManualClock clock = new ManualClock(Instant.parse("2026-12-02T16:00:00Z"));
    final CountingDataSource db = new CountingDataSource(TestDb.dataSource());
    final FlowStore flows = new FlowStore(db, clock, FlowValidator.Directory.UNCHECKED);
    final DidRoutes here = new DidRoutes(db, clock).follow(flows);
    /** Another node: its own store and routes over the same database. */
    final DidRoutes elsewhere = new DidRoutes(db, clock).follow(new FlowStore(db, clock, FlowValidator.Directory.UNCHECKED));

    FlowVersion published(String text) {
        String doc = """
                name: cache-%s
                start: hello
                nodes:
                  hello: { type: say, text: "%s", next: bye }
                  bye: { type: hangup }
                """.formatted(UUID.randomUUID().toString().substring(0, 8), text);
        return flows.publish(flows.create(doc).id());
    }

    static String did() {
        return "+1555" + (1_000_000 + (int) (Math.random() * 8_999_999));
    }

    @Test
    void aRouteChangedOnThisNodeAppliesToTheNextCall() {
        FlowVersion a = published("a");
        FlowVersion b = published("b");
        String did = did();
        assertThat(here.resolve(did)).as("not routed yet (and that answer is cached)").isEmpty();
        here.put(did, a.flowId());
        assertThat(here.resolve(did)).map(FlowVersion::id).contains(a.id());
        here.put(did, b.flowId());
        assertThat(here.resolve(did)).map(FlowVersion::id).contains(b.id());
        FlowVersion b2 = flows.publish(flows.updateDraft(b.flowId(), flows.get(b.flowId()).orElseThrow().draft()
                .replace("\"b\"", "\"b2\""), null).id());
        assertThat(here.resolve(did)).as("published through the store it follows").map(FlowVersion::id).contains(b2.id());
        here.delete(did);
        assertThat(here.resolve(did)).isEmpty();
    }

    @Test
    void anotherNodeSeesAChangeWithinTheTtl() {
        FlowVersion a = published("a");
        FlowVersion b = published("b");
        String did = did();
        here.put(did, a.flowId());
        assertThat(elsewhere.resolve(did)).map(FlowVersion::id).contains(a.id());

        here.put(did, b.flowId());
        clock.advance(DidRoutes.DEFAULT_TTL.minusMillis(1));
        assertThat(elsewhere.resolve(did)).as("still cached there, the ttl not over").map(FlowVersion::id).contains(a.id());
        clock.advance(java.time.Duration.ofMillis(1));
        assertThat(elsewhere.resolve(did)).as("after the ttl").map(FlowVersion::id).contains(b.id());

        here.delete(did);
        clock.advance(DidRoutes.DEFAULT_TTL);
        assertThat(elsewhere.resolve(did)).as("unrouted elsewhere").isEmpty();
    }

    @Test
    void aBurstOfCallsToOneDidReadsTheDatabaseOnce() throws Exception {
        FlowVersion a = published("a");
        String did = did();
        here.put(did, a.flowId());
        int before = db.connections.get();
        int callers = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<FlowVersion>>> resolved = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < callers; i++) {
                resolved.add(threads.submit(() -> {
                    start.await();
                    return here.resolve(did);
                }));
            }
            start.countDown();
            for (Future<Optional<FlowVersion>> f : resolved) {
                assertThat(f.get()).map(FlowVersion::id).contains(a.id());
            }
        }
        assertThat(db.connections.get() - before).isEqualTo(1);
    }

    /** The real pool, counting the connections borrowed from it. */
    static final class CountingDataSource implements DataSource {
        final DataSource real;
        final AtomicInteger connections = new AtomicInteger();

        CountingDataSource(DataSource real) {
            this.real = real;
        }

        @Override
        public Connection getConnection() throws SQLException {
            connections.incrementAndGet();
            return real.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            connections.incrementAndGet();
            return real.getConnection(user, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return real.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            real.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            real.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return real.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getLogger("counting");
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return real.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return real.isWrapperFor(iface);
        }
    }
}
