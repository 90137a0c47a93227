package org.opendialer.api.config;

import org.opendialer.contacts.dnc.external.ExternalDncConfig;
import org.opendialer.contacts.dnc.external.SecretsConfig;
import org.opendialer.media.MediaConfig;
import org.opendialer.notifications.messaging.MessagingConfig;
import org.opendialer.notifications.voice.CallsConfig;
import org.opendialer.sip.SipConfig;
import org.opendialer.store.DatabaseConfig;
import org.opendialer.webhooks.WebhooksConfig;

/** The whole configuration of a node: one typed record per area, each defined by the module it configures. */
public record DialerConfig(ApiConfig api, DatabaseConfig database, SipConfig sip, MediaConfig media, LoggingConfig logging,
                           MessagingConfig messaging, CallsConfig calls, WebhooksConfig webhooks,
                           org.opendialer.ivr.run.FlowsConfig flows, SecretsConfig secrets, ExternalDncConfig externalDnc) {

    /** Two connections held for the node's life, and room for the work. */
    static final int MIN_POOL = 5;

    public DialerConfig {
        messaging = messaging == null ? MessagingConfig.disabled() : messaging;
        calls = calls == null ? CallsConfig.defaults() : calls;
        webhooks = webhooks == null ? WebhooksConfig.defaults() : webhooks;
        flows = flows == null ? org.opendialer.ivr.run.FlowsConfig.defaults() : flows;
        secrets = secrets == null ? SecretsConfig.none() : secrets;
        externalDnc = externalDnc == null ? ExternalDncConfig.defaults() : externalDnc;
        if (api == null || database == null || sip == null || media == null || logging == null) {
            throw new IllegalArgumentException("api, database, sip, media and logging sections are all required");
        }
        if (database.poolSize() < MIN_POOL) {
            // messaging and calls each hold one connection for the node's life (their node leases), and the
            // desktop's change listener one (LISTEN)
            throw new IllegalArgumentException("database.poolSize: must be at least " + MIN_POOL + " (a node keeps three"
                    + " connections: its node leases and its change listener), was " + database.poolSize());
        }
    }
}
