package org.opendialer.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendialer.store.testing.Await;
import org.opendialer.store.testing.ManualClock;
import org.opendialer.store.testing.TestDb;

/** The outbox against a real receiver on 127.0.0.1 and the module's embedded PostgreSQL, in virtual time. */
class WebhookDispatcherTest {

    private static final String SECRET = "receiver-shared-secret";
    /** Receivers run on loopback, which the default configuration refuses. */
    static final WebhooksConfig LOOPBACK = new WebhooksConfig(false, List.of("127.0.0.1/32"), "", 5, 60, 1000, 60_000,
            5000, 50, 8);

    private static Vertx vertx;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-05-04T10:00:00Z"));
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final List<WebhookDispatcher> dispatchers = new ArrayList<>();
    private WebhookReceiver receiver;

    @BeforeAll
    static void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() {
        vertx.close().await();
    }

    @BeforeEach
    void clean() throws SQLException {
        receiver = new WebhookReceiver();
        try (Connection c = TestDb.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM webhook_outbox"); // the database is shared by the module's tests
        }
    }

    @AfterEach
    void stop() {
        dispatchers.forEach(WebhookDispatcher::close);
        receiver.close();
    }

    private WebhookDispatcher dispatcher(WebhooksConfig config) {
        WebhookDispatcher d = new WebhookDispatcher(config, TestDb.dataSource(), vertx, clock, metrics, () -> 1.0);
        dispatchers.add(d);
        return d;
    }

    private UUID enqueue(String payload) {
        WebhookOutbox outbox = new WebhookOutbox(LOOPBACK, TestDb.dataSource(), clock, () -> { });
        return outbox.enqueue(new WebhookOutbox.Event("test.event", UUID.randomUUID(), receiver.url(), SECRET, payload));
    }

    private Map<String, Object> row(UUID id) throws SQLException {
        try (Connection c = TestDb.dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("SELECT state, attempts, secret, last_error FROM webhook_outbox WHERE id = ?")) {
            st.setObject(1, id);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as("outbox row " + id).isTrue();
                return Map.of("state", rs.getString(1), "attempts", rs.getInt(2), "secret", rs.getString(3),
                        "error", String.valueOf(rs.getString(4)));
            }
        }
    }

    @Test
    void aDeliveryIsSignedOverItsIdTimestampAndBody() throws Exception {
        UUID id = enqueue("{\"hello\":\"world\"}");
        assertThat(dispatcher(LOOPBACK).runOnce()).isEqualTo(1);

        assertThat(receiver.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(id.toString());
            assertThat(d.timestamp()).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
            assertThat(d.body()).isEqualTo("{\"hello\":\"world\"}");
            assertThat(d.signature()).startsWith("v1,");
            assertThat(d.verifies(SECRET)).isTrue();
            assertThat(d.verifies("another-secret-of-16")).isFalse();
            // a replay with a fresh timestamp (or another body) does not verify
            assertThat(WebhookSignature.verify(SECRET, d.id(), Long.parseLong(d.timestamp()) + 600, d.body(), d.signature())).isFalse();
            assertThat(WebhookSignature.verify(SECRET, d.id(), Long.parseLong(d.timestamp()), "{}", d.signature())).isFalse();
        });
        assertThat(row(id)).containsEntry("state", "DELIVERED").containsEntry("attempts", 1).containsEntry("secret", "");
        assertThat(metrics.counter("dialer.webhooks.sent").count()).isEqualTo(1.0);
    }

    @Test
    void aReceiverFailingTwiceGetsThreeDeliveriesUnderOneId() throws Exception {
        receiver.answer(200, 500, 503);
        UUID id = enqueue("{\"n\":1}");
        WebhookDispatcher d = dispatcher(LOOPBACK);

        assertThat(d.runOnce()).isEqualTo(1);
        clock.advance(Duration.ofMillis(999));
        assertThat(d.runOnce()).as("back-off: 1 s after the first failure").isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(d.runOnce()).isEqualTo(1);
        clock.advance(Duration.ofMillis(1999));
        assertThat(d.runOnce()).as("back-off doubles: 2 s after the second").isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(d.runOnce()).isEqualTo(1);
        assertThat(d.runOnce()).isZero();

        List<WebhookReceiver.Delivery> got = receiver.deliveries();
        assertThat(got).hasSize(3).allSatisfy(x -> {
            assertThat(x.id()).isEqualTo(id.toString());
            assertThat(x.verifies(SECRET)).isTrue();
        });
        assertThat(got).extracting(WebhookReceiver.Delivery::timestamp).doesNotHaveDuplicates();
        assertThat(row(id)).containsEntry("state", "DELIVERED").containsEntry("attempts", 3);
        assertThat(metrics.counter("dialer.webhooks.retried").count()).isEqualTo(2.0);
        assertThat(metrics.counter("dialer.webhooks.sent").count()).isEqualTo(1.0);
    }

    @Test
    void goneStopsAtOnceAndOtherFailuresStopWhenAttemptsRunOut() throws Exception {
        receiver.answer(500, 410);
        UUID gone = enqueue("{\"gone\":true}");
        WebhookDispatcher d = dispatcher(LOOPBACK);
        d.runOnce();
        assertThat(row(gone)).containsEntry("state", "GONE");

        UUID failing = enqueue("{\"failing\":true}");
        for (int i = 0; i < 10; i++) {
            d.runOnce();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(row(failing)).containsEntry("state", "FAILED").containsEntry("attempts", LOOPBACK.maxAttempts())
                .containsEntry("error", "HTTP 500");
        assertThat(receiver.deliveries()).hasSize(1 + LOOPBACK.maxAttempts());
        assertThat(metrics.counter("dialer.webhooks.failed", "reason", "exhausted").count()).isEqualTo(1.0);
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsRetried() throws Exception {
        WebhooksConfig quick = new WebhooksConfig(false, List.of("127.0.0.1"), "", 3, 60, 1000, 60_000, 300, 50, 8);
        receiver.delay(5_000);
        UUID id = enqueue("{\"slow\":true}");
        assertThat(dispatcher(quick).runOnce()).isEqualTo(1);
        assertThat(row(id)).containsEntry("state", "PENDING").containsEntry("attempts", 1)
                .extractingByKey("error").asString().containsIgnoringCase("timeout");
        assertThat(metrics.counter("dialer.webhooks.retried").count()).isEqualTo(1.0);
    }

    @Test
    void aRestartMidRetryStillDelivers() throws Exception {
        receiver.answer(200, 500);
        UUID id = enqueue("{\"restart\":true}");
        WebhookDispatcher before = dispatcher(LOOPBACK);
        before.runOnce();
        before.close(); // the node stops between the failed attempt and its retry

        clock.advance(Duration.ofSeconds(5));
        WebhookDispatcher after = dispatcher(LOOPBACK); // the next start: a new dispatcher over the same table
        assertThat(after.runOnce()).isEqualTo(1);
        assertThat(receiver.deliveries()).extracting(WebhookReceiver.Delivery::id).containsExactly(id.toString(), id.toString());
        assertThat(row(id)).containsEntry("state", "DELIVERED");
    }

    @Test
    void aRowClaimedByANodeThatDiedIsSentAgainUnderTheSameIdWhenItsLeaseEnds() throws Exception {
        UUID id = enqueue("{\"crash\":true}");
        // node A claims the row (and may have posted it) and dies before recording anything
        new OutboxStore(TestDb.dataSource()).claim(clock.instant(), clock.instant().plus(LOOPBACK.lease()), 10);

        WebhookDispatcher b = dispatcher(LOOPBACK);
        assertThat(b.runOnce()).as("leased to node A").isZero();
        clock.advance(LOOPBACK.lease());
        assertThat(b.runOnce()).isEqualTo(1);
        assertThat(receiver.deliveries()).singleElement().satisfies(d -> assertThat(d.id()).isEqualTo(id.toString()));
        assertThat(row(id)).containsEntry("state", "DELIVERED").containsEntry("attempts", 2);
    }

    @Test
    void twoNodesNeverDeliverOneRowTwice() throws Exception {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 120; i++) {
            ids.add(enqueue("{\"i\":" + i + "}").toString());
        }
        WebhookDispatcher a = dispatcher(LOOPBACK);
        WebhookDispatcher b = dispatcher(LOOPBACK);
        List<Thread> nodes = new ArrayList<>();
        for (WebhookDispatcher d : List.of(a, b)) {
            nodes.add(Thread.ofVirtual().start(() -> {
                try {
                    while (d.runOnce() > 0) {
                        Thread.onSpinWait();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : nodes) {
            t.join(Duration.ofSeconds(60));
        }
        Map<String, Long> perId = receiver.deliveries().stream()
                .collect(Collectors.groupingBy(WebhookReceiver.Delivery::id, Collectors.counting()));
        assertThat(perId.keySet()).isEqualTo(ids);
        assertThat(perId.values()).allMatch(n -> n == 1);
    }

    @Test
    void theDefaultConfigurationRefusesLoopbackAtDeliveryBeforeConnecting() throws Exception {
        UUID id = enqueue("{\"ssrf\":true}"); // stored past the request-time check, or DNS changed since
        dispatcher(WebhooksConfig.defaults()).runOnce();
        assertThat(receiver.deliveries()).isEmpty();
        assertThat(row(id)).containsEntry("state", "FAILED").extractingByKey("error").asString()
                .contains("loopback").contains("allowedTargets");
        assertThat(metrics.counter("dialer.webhooks.failed", "reason", "refused").count()).isEqualTo(1.0);
    }

    @Test
    void closeIsPromptWithAnAttemptInFlightAndTheNextStartSendsItAgain() throws Exception {
        receiver.delay(60_000);
        WebhookDispatcher d = dispatcher(LOOPBACK).start();
        UUID id = enqueue("{\"slow\":true}");
        d.wake();
        Await.until("attempt in flight", () -> receiver.deliveries().size() == 1);

        assertTimeoutPreemptively(Duration.ofSeconds(20), d::close);
        assertThat(row(id)).containsEntry("state", "PENDING").containsEntry("error", "interrupted by shutdown");

        receiver.delay(0);
        assertThat(dispatcher(LOOPBACK).runOnce()).as("due at once, no lease to wait for").isEqualTo(1);
        assertThat(receiver.deliveries()).extracting(WebhookReceiver.Delivery::id).containsExactly(id.toString(), id.toString());
        assertThat(row(id)).containsEntry("state", "DELIVERED");
    }

    @Test
    void backOffIsExponentialCappedAndJittered() {
        WebhooksConfig c = new WebhooksConfig(false, List.of(), "", 10, 60, 1000, 8000, 5000, 50, 1);
        Function<Double, WebhookDispatcher> withJitter = j -> {
            WebhookDispatcher d = new WebhookDispatcher(c, TestDb.dataSource(), vertx, clock, metrics, () -> j);
            dispatchers.add(d);
            return d;
        };
        WebhookDispatcher full = withJitter.apply(1.0);
        WebhookDispatcher half = withJitter.apply(0.0);
        assertThat(List.of(1, 2, 3, 4, 5, 9).stream().map(full::backoff).map(Duration::toMillis))
                .containsExactly(1000L, 2000L, 4000L, 8000L, 8000L, 8000L);
        assertThat(half.backoff(3).toMillis()).isEqualTo(2000L);
    }
}
