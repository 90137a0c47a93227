package org.opendialer.notifications.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opendialer.messaging.FakeClock;
import org.opendialer.store.testing.TestDb;
import org.opendialer.webhooks.WebhookDispatcher;
import org.opendialer.webhooks.WebhookOutbox;
import org.opendialer.webhooks.WebhookReceiver;
import org.opendialer.webhooks.WebhooksConfig;

/** A call's events go through the outbox like a message's: stored, then delivered signed (and retried). */
class CallWebhooksTest {

    private static CallRequest request(String url) {
        return new CallRequest("+15557010001", null, null, null, AmdMode.OFF, "Hello", null, Map.of(), 1,
                Duration.ofSeconds(5), url, "call-hook-secret-16", Map.of());
    }

    @Test
    void callEventsAreQueuedThenDeliveredSignedAndRetried() throws Exception {
        FakeClock clock = new FakeClock(Instant.parse("2026-05-05T08:00:00Z"));
        WebhooksConfig config = new WebhooksConfig(false, List.of("127.0.0.1"), "", 0, 0, 1000, 0, 5000, 0, 0);
        Vertx vertx = Vertx.vertx();
        try (WebhookReceiver receiver = new WebhookReceiver().answer(204, 502);
             WebhookDispatcher dispatcher = new WebhookDispatcher(config, TestDb.dataSource(), vertx, clock,
                     new SimpleMeterRegistry(), () -> 1.0)) {
            CallWebhooks hooks = new CallWebhooks(new WebhookOutbox(config, TestDb.dataSource(), clock, () -> { }));
            UUID call = UUID.randomUUID();
            hooks.changed(call, request(receiver.url()), "answered", "by a person");
            assertThat(receiver.deliveries()).as("stored, not posted by the call's thread").isEmpty();

            while (receiver.deliveries().size() < 2) {
                assertThat(dispatcher.runOnce()).isLessThanOrEqualTo(1);
                clock.advance(Duration.ofSeconds(1));
            }
            assertThat(receiver.deliveries()).hasSize(2).allSatisfy(d -> {
                assertThat(d.verifies("call-hook-secret-16")).isTrue();
                assertThat(d.body()).contains("\"callId\":\"" + call + "\"").contains("\"event\":\"answered\"");
            }).extracting(WebhookReceiver.Delivery::id).containsOnly(receiver.deliveries().getFirst().id());
        } finally {
            vertx.close().await();
        }
    }

    @Test
    void aCallWebhookToAPrivateAddressIsRefusedByDefault() {
        CallWebhooks hooks = new CallWebhooks(new WebhookOutbox(WebhooksConfig.defaults(), TestDb.dataSource(),
                java.time.Clock.systemUTC(), () -> { }));
        assertThatThrownBy(() -> hooks.check(request("http://192.168.7.7/hook")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("webhook.url: ")
                .hasMessageContaining("a private address");
    }
}
