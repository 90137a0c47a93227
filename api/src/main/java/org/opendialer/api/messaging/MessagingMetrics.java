package org.opendialer.api.messaging;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.opendialer.campaign.messaging.InboundProcessor;
import org.opendialer.campaign.messaging.Messaging;

/** The messaging counters on {@code /metrics}: receipts that beat their SMSC id, and those that never found it. */
public final class MessagingMetrics {

    private MessagingMetrics() {
    }

    public static void bind(MeterRegistry registry, Messaging messaging) {
        InboundProcessor in = messaging.inbound();
        FunctionCounter.builder("dialer.sms.receipts.early", in, InboundProcessor::earlyReceipts)
                .description("delivery receipts that arrived before their SMSC message id was stored (kept and matched)")
                .register(registry);
        FunctionCounter.builder("dialer.sms.receipts.unknown", in, InboundProcessor::unknownReceipts)
                .description("delivery receipts dropped after messaging.receiptWaitMinutes: no message had their id")
                .register(registry);
    }
}
