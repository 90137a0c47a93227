package org.opendialer.webhooks;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.opendialer.store.Jdbc;

/**
 * Where every webhook event starts: stored in {@code webhook_outbox} (in the caller's transaction when it has
 * one), then delivered, retried and signed by a {@link WebhookDispatcher} of any node. Also the request-time
 * check of webhook URLs, so that a refused target is a 400 to the client rather than a silent failure later.
 */
public final class WebhookOutbox {

    /**
     * One event for one endpoint.
     *
     * @param type      e.g. {@code message.status}, {@code call.event}
     * @param subjectId the message or call the event is about
     * @param payload   the JSON body exactly as it will be signed and sent
     */
    public record Event(String type, UUID subjectId, String url, String secret, String payload) {
        public Event {
            if (url == null || url.isBlank() || secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("a webhook needs a URL and a secret");
            }
        }
    }

    private final WebhooksConfig config;
    private final TargetGuard guard;
    private final Jdbc jdbc;
    private final Clock clock;
    private final Runnable onEnqueue;

    /** @param onEnqueue told after each stored event (the local dispatcher's wake-up); runs on the caller's thread */
    public WebhookOutbox(WebhooksConfig config, DataSource dataSource, Clock clock, Runnable onEnqueue) {
        this.config = config;
        this.guard = TargetGuard.of(config);
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
        this.onEnqueue = onEnqueue;
    }

    /** Stores the event in its own transaction; returns its webhook id. */
    public UUID enqueue(Event e) {
        UUID id = jdbc.with("store webhook", c -> enqueue(c, e));
        onEnqueue.run();
        return id;
    }

    /**
     * Stores the event on the caller's connection, inside its transaction: the webhook exists exactly when the
     * state change it reports does. The dispatcher sees it at its next poll (or call {@link #wake()} after commit).
     */
    public UUID enqueue(Connection c, Event e) throws SQLException {
        UUID id = UUID.randomUUID();
        OutboxStore.insert(c, id, e, clock.instant());
        return id;
    }

    /** Nudges the local dispatcher (after a commit that enqueued events). */
    public void wake() {
        onEnqueue.run();
    }

    /**
     * Checks a client's webhook URL now (scheme, DNS, address ranges).
     *
     * @param field request field named in the error, e.g. {@code webhook.url}
     * @throws TargetGuard.RefusedTarget with a message {@code field: reason}
     */
    public URI check(String field, String url) {
        return guard.check(field, url);
    }

    /** Secret for webhooks whose request carried none; empty when not configured. */
    public String defaultSecret() {
        return config.defaultSecret();
    }
}
