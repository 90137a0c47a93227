package org.opendialer.api.messaging;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.opendialer.messaging.sms.SmsGateway;
import org.opendialer.messaging.sms.SmsReceipt;
import org.opendialer.notifications.messaging.InboundProcessor;
import org.opendialer.notifications.messaging.KeywordBook;
import org.opendialer.notifications.messaging.Messaging;

/**
 * The messaging counters on {@code /metrics}: SMS submits, rejects and throttles as the SMSC answered them, the
 * bind, receipts by state, inbound (MO) messages and keywords, emails sent and failed, and receipts that beat their
 * SMSC id or never found it. Read from the gateways and the inbound processor at each scrape.
 */
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
        for (SmsReceipt.State state : SmsReceipt.State.values()) {
            FunctionCounter.builder("dialer.sms.receipts", in, p -> p.receipts(state))
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .description("delivery receipts received, by their state").register(registry);
        }
        for (KeywordBook.Kind kind : KeywordBook.Kind.values()) {
            FunctionCounter.builder("dialer.sms.keywords", in, p -> p.keywords(kind))
                    .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                    .description("inbound SMS that matched a keyword (opt_out, opt_in, help)").register(registry);
        }
        SmsGateway sms = messaging.sms();
        sms(registry, sms, "dialer.sms.submits", "messages submitted to the SMSC (submit_sm per message)",
                g -> g.stats().submitted());
        sms(registry, sms, "dialer.sms.parts.accepted", "message parts the SMSC accepted", g -> g.stats().partsAccepted());
        sms(registry, sms, "dialer.sms.rejects", "messages the SMSC refused for good", g -> g.stats().rejected());
        sms(registry, sms, "dialer.sms.throttles", "ESME_RTHROTTLED / queue-full answers (sent again after a pause)",
                g -> g.stats().throttled());
        sms(registry, sms, "dialer.sms.inbound", "mobile-originated messages received", g -> g.stats().inbound());
        sms(registry, sms, "dialer.sms.binds", "SMPP binds made (more than one means the link was lost)",
                g -> g.stats().binds());
        Gauge.builder("dialer.sms.bound", sms, g -> g.isBound() ? 1 : 0)
                .description("1 while the SMPP link is bound").register(registry);
        FunctionCounter.builder("dialer.email.sent", messaging, m -> m.sender().emailsSent())
                .description("emails the relay accepted").register(registry);
        FunctionCounter.builder("dialer.email.failed", messaging, m -> m.sender().emailsFailed())
                .description("emails the relay refused or bounced, or that could not reach it").register(registry);
    }

    private static void sms(MeterRegistry registry, SmsGateway sms, String name, String description,
                            ToDoubleFunction<SmsGateway> f) {
        FunctionCounter.builder(name, sms, f).description(description).register(registry);
    }
}
