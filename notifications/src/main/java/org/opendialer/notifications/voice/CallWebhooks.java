package org.opendialer.notifications.voice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.opendialer.webhooks.WebhookOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call's state changes as webhook events ({@code call.event}) in the outbox, which retries them and signs
 * them with the request's secret (see {@code WebhookSignature}). The call's timeline in the API stays the
 * record of truth; the event is stored right after its timeline entry.
 */
final class CallWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(CallWebhooks.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookOutbox outbox;

    CallWebhooks(WebhookOutbox outbox) {
        this.outbox = outbox;
    }

    /** @throws IllegalArgumentException {@code webhook.url: reason} for a URL the guard refuses */
    void check(CallRequest request) {
        if (!request.webhookUrl().isEmpty()) {
            outbox.check("webhook.url", request.webhookUrl());
        }
    }

    void changed(UUID callId, CallRequest request, String type, String detail) {
        changed(callId, request.webhookUrl(), request.webhookSecret(), type, detail);
    }

    /** For a call known only from its stored row (ended at start after a crash). */
    void changed(UUID callId, String url, String secret, String type, String detail) {
        if (url == null || url.isEmpty()) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callId", callId.toString());
        body.put("event", type);
        body.put("detail", detail);
        body.put("at", Instant.now().toString());
        try {
            outbox.enqueue(new WebhookOutbox.Event("call.event", callId, url, secret,
                    JSON.writeValueAsString(body)));
        } catch (JsonProcessingException | RuntimeException e) {
            // the call goes on; its timeline still has the event
            LOG.warn("webhook for call {} ({}) not queued: {}", callId, type, e.toString());
        }
    }
}
