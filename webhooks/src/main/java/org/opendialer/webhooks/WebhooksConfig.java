package org.opendialer.webhooks;

import java.time.Duration;
import java.util.List;

/**
 * Webhook delivery settings (section {@code webhooks}).
 *
 * @param allowPrivateTargets deliver to loopback, link-local, private (RFC 1918/4193) and this server's own
 *                            addresses too (default false: such URLs are refused)
 * @param allowedTargets      exceptions to that refusal: CIDR blocks ({@code 10.1.0.0/16}), addresses or host names
 * @param defaultSecret       signs message webhooks given as a bare {@code webhookUrl} (no secret of their own);
 *                            empty = such requests are refused
 * @param maxAttempts         attempts per event before it is given up (1..100, default 10)
 * @param maxAgeMinutes       an event not delivered this long after it happened is given up (default 1440)
 * @param firstRetryMillis    wait before the 2nd attempt; doubles per attempt, with jitter (default 1000)
 * @param maxRetryMillis      longest wait between attempts (default 600000)
 * @param timeoutMillis       connect and response timeout of one attempt (default 10000)
 * @param pollMillis          how often the outbox is checked for due retries and other nodes' events (default 1000)
 * @param concurrency         attempts in flight at once per node (default 32)
 */
public record WebhooksConfig(boolean allowPrivateTargets, List<String> allowedTargets, String defaultSecret,
                             int maxAttempts, int maxAgeMinutes, int firstRetryMillis, int maxRetryMillis,
                             int timeoutMillis, int pollMillis, int concurrency) {

    public WebhooksConfig {
        allowedTargets = allowedTargets == null ? List.of() : List.copyOf(allowedTargets);
        defaultSecret = defaultSecret == null ? "" : defaultSecret;
        maxAttempts = maxAttempts == 0 ? 10 : maxAttempts;
        maxAgeMinutes = maxAgeMinutes == 0 ? 1440 : maxAgeMinutes;
        firstRetryMillis = firstRetryMillis == 0 ? 1000 : firstRetryMillis;
        maxRetryMillis = maxRetryMillis == 0 ? 600_000 : maxRetryMillis;
        timeoutMillis = timeoutMillis == 0 ? 10_000 : timeoutMillis;
        pollMillis = pollMillis == 0 ? 1000 : pollMillis;
        concurrency = concurrency == 0 ? 32 : concurrency;
        if (!defaultSecret.isEmpty() && defaultSecret.length() < 16) {
            throw new IllegalArgumentException("defaultSecret: at least 16 characters, or empty");
        }
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts: 1..100, was " + maxAttempts);
        }
        if (maxAgeMinutes < 1 || firstRetryMillis < 1 || maxRetryMillis < firstRetryMillis || timeoutMillis < 1
                || pollMillis < 1 || concurrency < 1) {
            throw new IllegalArgumentException("webhook timings must be positive and maxRetryMillis >= firstRetryMillis");
        }
        TargetGuard.parseAllowed(allowedTargets); // fail at start on a bad entry, not at the first webhook
    }

    public static WebhooksConfig defaults() {
        return new WebhooksConfig(false, List.of(), "", 0, 0, 0, 0, 0, 0, 0);
    }

    Duration timeout() {
        return Duration.ofMillis(timeoutMillis);
    }

    /** How long a claimed row stays invisible to other nodes: an attempt is over (or abandoned) well before. */
    Duration lease() {
        return Duration.ofMillis(2L * timeoutMillis + 5_000);
    }
}
