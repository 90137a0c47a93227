package org.opendialer.campaign.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs a message's new status to the webhook its sender gave, fire and forget (one try, 5 s timeout): the
 * status itself is always stored and readable with GET, the webhook only saves polling.
 */
public final class StatusWebhooks {

    private static final Logger log = LoggerFactory.getLogger(StatusWebhooks.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();

    public void notify(Message m) {
        if (m.webhookUrl() == null || m.webhookUrl().isBlank()) {
            return;
        }
        ObjectNode body = JSON.createObjectNode().put("id", m.id().toString()).put("status", m.status().name().toLowerCase(java.util.Locale.ROOT))
                .put("channel", m.channel().name().toLowerCase(java.util.Locale.ROOT)).put("toAddress", m.to())
                .put("updatedAt", m.updatedAt().toString());
        if (m.statusDetail() != null) {
            body.put("statusDetail", m.statusDetail());
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(m.webhookUrl())).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
            if (e != null || r.statusCode() >= 300) {
                failed.increment();
                log.info("status webhook {} for message {} failed: {}", m.webhookUrl(), m.id(), e != null ? e.toString() : r.statusCode());
            } else {
                sent.increment();
            }
        });
    }

    public long sentCount() {
        return sent.sum();
    }
}
