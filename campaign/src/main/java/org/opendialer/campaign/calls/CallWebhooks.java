package org.opendialer.campaign.calls;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a call's state changes to the URL its request named, signed so the receiver can trust them:
 * {@code X-Dialer-Signature: sha256=<hex HMAC-SHA256 of the body with the request's secret>}. Best effort,
 * asynchronous, one attempt with a 5 s timeout (a stopping node waits for those in flight): the call's timeline in
 * the API stays the record of truth.
 */
final class CallWebhooks {

    private static final Logger LOG = LoggerFactory.getLogger(CallWebhooks.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();

    void changed(UUID callId, CallRequest request, String type, String detail) {
        changed(callId, request.webhookUrl(), request.webhookSecret(), type, detail);
    }

    void changed(UUID callId, String url, String secret, String type, String detail) {
        if (url == null || url.isEmpty()) {
            return;
        }
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("callId", callId.toString());
            body.put("event", type);
            body.put("detail", detail);
            body.put("at", Instant.now().toString());
            byte[] bytes = JSON.writeValueAsBytes(body);
            HttpRequest post = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                    .header("X-Dialer-Signature", "sha256=" + sign(secret, bytes))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
            CompletableFuture<HttpResponse<Void>> sending =
                    http.sendAsync(post, HttpResponse.BodyHandlers.discarding());
            inFlight.add(sending);
            sending.whenComplete((r, e) -> {
                inFlight.remove(sending);
                if (e != null || r.statusCode() >= 300) {
                    failed.incrementAndGet();
                    LOG.info("webhook for call {} ({}) not accepted: {}", callId, type,
                            e != null ? e.toString() : "HTTP " + r.statusCode());
                } else {
                    sent.incrementAndGet();
                }
            });
        } catch (Exception e) {
            failed.incrementAndGet();
            LOG.info("webhook for call {} not sent: {}", callId, e.toString());
        }
    }

    /** Waits (at most {@code limit}) for the webhooks already handed to the HTTP client: before a node stops. */
    void awaitSent(Duration limit) {
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                    .get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("{} call webhook(s) still unanswered after {} ms; stopping anyway", inFlight.size(),
                    limit.toMillis());
        } catch (ExecutionException e) {
            // counted as failed by each request's own handler
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String sign(String secret, byte[] body) throws java.security.GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    long sent() {
        return sent.get();
    }
}
