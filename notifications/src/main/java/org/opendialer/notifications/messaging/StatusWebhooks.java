package org.opendialer.notifications.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.opendialer.store.Jdbc;
import org.opendialer.webhooks.WebhookOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message's status changes as webhook events ({@code message.status}) in the outbox, which retries and signs
 * them. The secret a request gave is kept by the request's hash (which covers URL and secret), so receipts that
 * arrive later are signed with it too; a bare {@code webhookUrl} is signed with {@code webhooks.defaultSecret}.
 */
public final class StatusWebhooks {

    private static final Logger log = LoggerFactory.getLogger(StatusWebhooks.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookOutbox outbox;
    private final Jdbc jdbc;

    public StatusWebhooks(WebhookOutbox outbox, DataSource dataSource) {
        this.outbox = outbox;
        this.jdbc = new Jdbc(dataSource);
    }

    /**
     * Checks a request's webhook before anything is stored or sent.
     *
     * @param secret the request's own secret, or null for a bare {@code webhookUrl}
     * @throws IllegalArgumentException {@code field: reason} when the URL is refused or no secret can sign it
     */
    void check(String url, String secret) {
        String field = secret == null ? "webhookUrl" : "webhook.url";
        if (secret == null && outbox.defaultSecret().isEmpty()) {
            throw new IllegalArgumentException("webhookUrl: webhooks are signed; give webhook: {url, secret} instead "
                    + "(or configure webhooks.defaultSecret)");
        }
        if (secret != null && secret.length() < 16) {
            throw new IllegalArgumentException("webhook.secret: at least 16 characters are needed to sign webhooks");
        }
        outbox.check(field, url);
    }

    /** Keeps the secret of a request (by its hash) for every later status of its message. */
    void remember(String requestHash, String secret, Instant now) {
        jdbc.with("store webhook secret", c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO message_webhook_secret (request_hash, secret, created_at) VALUES (?, ?, ?)
                    ON CONFLICT (request_hash) DO NOTHING""")) {
                st.setString(1, requestHash);
                st.setString(2, secret);
                st.setTimestamp(3, Timestamp.from(now));
                return st.executeUpdate();
            }
        });
    }

    private Optional<String> secret(String requestHash) {
        if (requestHash == null) {
            return Optional.empty();
        }
        return jdbc.with("find webhook secret", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT secret FROM message_webhook_secret WHERE request_hash = ?")) {
                st.setString(1, requestHash);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Queues the message's current status for its webhook, if it has one. */
    public void notify(Message m) {
        if (m.webhookUrl() == null || m.webhookUrl().isBlank()) {
            return;
        }
        String secret = secret(m.requestHash()).orElse(outbox.defaultSecret());
        if (secret.isEmpty()) {
            log.warn("status webhook of message {} not queued: no secret (webhooks.defaultSecret was removed?)", m.id());
            return;
        }
        ObjectNode body = JSON.createObjectNode().put("id", m.id().toString())
                .put("status", m.status().name().toLowerCase(Locale.ROOT))
                .put("channel", m.channel().name().toLowerCase(Locale.ROOT)).put("toAddress", m.to())
                .put("updatedAt", m.updatedAt().toString());
        if (m.statusDetail() != null) {
            body.put("statusDetail", m.statusDetail());
        }
        outbox.enqueue(new WebhookOutbox.Event("message.status", m.id(), m.webhookUrl(), secret, body.toString()));
    }
}
