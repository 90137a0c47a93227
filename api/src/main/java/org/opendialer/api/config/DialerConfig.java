package org.opendialer.api.config;

import org.opendialer.media.MediaConfig;
import org.opendialer.notifications.messaging.MessagingConfig;
import org.opendialer.notifications.voice.CallsConfig;
import org.opendialer.sip.SipConfig;
import org.opendialer.store.DatabaseConfig;
import org.opendialer.webhooks.WebhooksConfig;

/** The whole configuration of a node: one typed record per area, each defined by the module it configures. */
public record DialerConfig(ApiConfig api, DatabaseConfig database, SipConfig sip, MediaConfig media, LoggingConfig logging,
                           MessagingConfig messaging, CallsConfig calls, WebhooksConfig webhooks) {

    public DialerConfig {
        messaging = messaging == null ? MessagingConfig.disabled() : messaging;
        calls = calls == null ? CallsConfig.defaults() : calls;
        webhooks = webhooks == null ? WebhooksConfig.defaults() : webhooks;
        if (api == null || database == null || sip == null || media == null || logging == null) {
            throw new IllegalArgumentException("api, database, sip, media and logging sections are all required");
        }
    }
}
