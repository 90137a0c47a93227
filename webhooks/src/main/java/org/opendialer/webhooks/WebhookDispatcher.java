package org.opendialer.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import javax.sql.DataSource;
import org.opendialer.webhooks.OutboxState.Outcome;
import org.opendialer.webhooks.OutboxStore.Claimed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: claims due rows (any node may run one; rows are never claimed twice at once), POSTs each
 * signed ({@link WebhookSignature}) to the address the {@link TargetGuard} checked, and records the answer: 2xx
 * delivered, 410 stop, anything else (or a timeout) again after {@code firstRetryMillis × 2^(n-1)} (capped, with
 * jitter between half and all of it) until attempts or age run out. Redirects are not followed (they would
 * bypass the guard). Rows of a node that died mid-attempt come back when their lease ends and are sent again
 * under the same webhook id. {@link #close()} stops within about two timeouts of a few seconds and leaves
 * what is unsent for the next start.
 */
public final class WebhookDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** Settled rows are kept this long for inspection, then purged. */
    private static final Duration RETAIN_SETTLED = Duration.ofDays(7);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);
    private static final Duration CLOSE_GRACE = Duration.ofMillis(500); // a node stops within 10 s; rows left are re-sent

    private final WebhooksConfig config;
    private final OutboxStore store;
    private final TargetGuard guard;
    private final HttpClient http;
    private final Clock clock;
    private final DoubleSupplier jitter;
    private final Semaphore slots;
    private final Semaphore wakeups = new Semaphore(0);
    private final Map<UUID, Thread> inFlight = new ConcurrentHashMap<>();
    private final Counter sent;
    private final Counter retried;
    private final MeterRegistry metrics;
    private volatile boolean running;
    private volatile boolean closing;
    private Thread loop;
    private Instant lastPurge = Instant.MIN;

    /**
     * Not yet delivering: call {@link #start()}, or {@link #runOnce()} from a test.
     *
     * @param jitter values in [0, 1) that spread retries (pass {@code Math::random}; tests pin it)
     */
    public WebhookDispatcher(WebhooksConfig config, DataSource dataSource, Vertx vertx, Clock clock,
                             MeterRegistry metrics, DoubleSupplier jitter) {
        this.config = config;
        this.store = new OutboxStore(dataSource);
        this.guard = TargetGuard.of(config);
        this.clock = clock;
        this.jitter = jitter;
        this.slots = new Semaphore(config.concurrency());
        this.metrics = metrics;
        // a fresh connection per attempt: each one goes to the address just checked
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)
                .setConnectTimeout(config.timeoutMillis()), new PoolOptions().setHttp1MaxSize(config.concurrency()));
        this.sent = Counter.builder("dialer.webhooks.sent").description("webhook attempts the receiver accepted (2xx)")
                .register(metrics);
        this.retried = Counter.builder("dialer.webhooks.retried").description("failed attempts that will be retried")
                .register(metrics);
    }

    /** Starts the delivery loop on a virtual thread. */
    public WebhookDispatcher start() {
        running = true;
        loop = Thread.ofVirtual().name("webhook-dispatcher").start(this::loop);
        return this;
    }

    /** Looks at the outbox now rather than at the next poll (new events). */
    public void wake() {
        wakeups.release();
    }

    private void loop() {
        while (running) {
            int asked = slots.availablePermits();
            int claimed = 0;
            try {
                claimed = asked == 0 ? 0 : dispatch(store.claim(clock.instant(), clock.instant().plus(config.lease()), asked)).size();
                purgeNowAndThen();
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("webhook outbox: {}", e.toString());
                }
            }
            if (claimed < asked || asked == 0) {
                try {
                    wakeups.tryAcquire(config.pollMillis(), TimeUnit.MILLISECONDS);
                    wakeups.drainPermits();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /**
     * Claims what is due (up to the free concurrency) and delivers it, waiting for every attempt: one pass of
     * the loop, for tests that move a fake clock.
     *
     * @return the rows attempted
     */
    public int runOnce() throws InterruptedException {
        List<Thread> threads = dispatch(store.claim(clock.instant(), clock.instant().plus(config.lease()),
                slots.availablePermits()));
        for (Thread t : threads) {
            t.join();
        }
        return threads.size();
    }

    private List<Thread> dispatch(List<Claimed> rows) {
        List<Thread> threads = new ArrayList<>(rows.size());
        for (Claimed row : rows) {
            slots.acquireUninterruptibly();
            Thread t = Thread.ofVirtual().name("webhook-" + row.id()).unstarted(() -> {
                try {
                    attempt(row);
                } catch (RuntimeException e) {
                    LOG.warn("webhook {}: result not recorded, retried when its lease ends: {}", row.id(), e.toString());
                } finally {
                    inFlight.remove(row.id());
                    slots.release();
                    wake();
                }
            });
            inFlight.put(row.id(), t);
            threads.add(t);
            t.start();
        }
        return threads;
    }

    private void attempt(Claimed row) {
        Instant at = clock.instant();
        Outcome outcome;
        Integer status = null;
        String error = null;
        try {
            URI uri = TargetGuard.parse("url", row.url());
            InetAddress address = guard.resolve(uri);
            status = post(uri, address, row, at.getEpochSecond());
            outcome = status / 100 == 2 ? Outcome.ACCEPTED : status == 410 ? Outcome.GONE : Outcome.RETRYABLE;
            error = outcome == Outcome.ACCEPTED ? null : "HTTP " + status;
        } catch (TargetGuard.RefusedTarget e) {
            outcome = Outcome.REFUSED;
            error = "refused: " + e.getMessage();
        } catch (Exception e) {
            outcome = Outcome.RETRYABLE;
            error = e.toString();
        }
        Instant now = clock.instant();
        if (closing && outcome == Outcome.RETRYABLE && status == null) {
            // cut off by shutdown, not the receiver's fault: due again at once on the next start (same id)
            store.settle(row, OutboxState.PENDING, now, null, "interrupted by shutdown", now);
            return;
        }
        Instant next = now.plus(backoff(row.attempts()));
        boolean exhausted = row.attempts() >= config.maxAttempts()
                || next.isAfter(row.createdAt().plus(Duration.ofMinutes(config.maxAgeMinutes())));
        OutboxState state = OutboxState.after(outcome, exhausted);
        store.settle(row, state, state == OutboxState.PENDING ? next : now, status, error, now);
        switch (state) {
            case DELIVERED -> sent.increment();
            case PENDING -> retried.increment();
            default -> {
                failed(state == OutboxState.GONE ? "gone" : outcome == Outcome.REFUSED ? "refused" : "exhausted").increment();
                LOG.info("webhook {} to {} given up after {} attempt(s): {}", row.id(), row.url(), row.attempts(), error);
            }
        }
    }

    private Counter failed(String reason) {
        return Counter.builder("dialer.webhooks.failed").description("webhooks given up").tag("reason", reason)
                .register(metrics);
    }

    /** Delay before the attempt after attempt {@code n}: exponential, capped, between half and all of it. */
    Duration backoff(int n) {
        long base = config.firstRetryMillis() * (1L << Math.min(n - 1, 30));
        long capped = Math.min(base, config.maxRetryMillis());
        return Duration.ofMillis(capped / 2 + (long) (jitter.getAsDouble() * (capped - capped / 2)));
    }

    private int post(URI uri, InetAddress address, Claimed row, long timestamp) throws Exception {
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(uri.toString())
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, port)))
                .setFollowRedirects(false).setConnectTimeout(config.timeoutMillis())
                .setIdleTimeout(config.timeoutMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "opendialer-webhooks")
                .putHeader(WebhookSignature.ID, row.id().toString())
                .putHeader(WebhookSignature.TIMESTAMP, Long.toString(timestamp))
                .putHeader(WebhookSignature.SIGNATURE, WebhookSignature.sign(row.secret(), row.id().toString(), timestamp, row.payload()));
        return http.request(o)
                .compose(req -> req.send(Buffer.buffer(row.payload())))
                .compose(resp -> resp.handler(b -> { }).end().map(v -> resp.statusCode()))
                .await(2L * config.timeoutMillis(), TimeUnit.MILLISECONDS);
    }

    private void purgeNowAndThen() {
        Instant now = clock.instant();
        if (lastPurge.plus(PURGE_EVERY).isBefore(now)) {
            lastPurge = now;
            store.purge(now.minus(RETAIN_SETTLED));
        }
    }

    /**
     * Stops claiming, gives attempts in flight a short grace, then cuts them off (their rows become due again at
     * once, for the next start) and closes the HTTP client. Bounded: returns within a few seconds.
     */
    @Override
    public void close() {
        running = false;
        wake();
        try {
            if (loop != null) {
                loop.join(CLOSE_GRACE);
            }
            awaitInFlight(CLOSE_GRACE);
            closing = true;
            http.close().await(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.info("webhook dispatcher stopped while closing: {}", e.toString());
        }
        try {
            awaitInFlight(CLOSE_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!inFlight.isEmpty()) {
            LOG.info("webhook dispatcher stopped with {} attempt(s) unrecorded; they are sent again after their lease", inFlight.size());
        }
    }

    private void awaitInFlight(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread t : List.copyOf(inFlight.values())) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                return;
            }
        }
    }
}
