package org.opendialer.campaign.messaging;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.opendialer.campaign.consent.ConsentLedger;
import org.opendialer.messaging.email.EmailGateway;
import org.opendialer.messaging.email.EmailSendResult;
import org.opendialer.messaging.email.OutboundEmail;
import org.opendialer.messaging.sms.OutboundSms;
import org.opendialer.messaging.sms.SmsGateway;
import org.opendialer.messaging.sms.SmsSubmitResult;

/**
 * The one way out for every SMS and email (agentless, campaign, keyword reply): store the message, check the
 * consent ledger <em>at send time</em>, thread it, hand it to the transport, store what the transport said, tell
 * the webhook. Blocks: call from virtual threads.
 */
public final class MessageSender {

    /** What to send. {@code systemReply} marks keyword confirmations, which go out even to a number that just opted out. */
    public record Outbound(Channel channel, String from, String to, String subject, String text, String html,
                           UUID campaignId, String contactId, String clientId, String idempotencyKey, String requestHash,
                           String webhookUrl, boolean systemReply) {
        public static Outbound sms(String from, String to, String text) {
            return new Outbound(Channel.SMS, from, to, null, text, null, null, null, null, null, null, null, false);
        }
    }

    /** The message as stored after the attempt, and whether this call created it (false: an idempotent replay). */
    public record Result(Message message, boolean created, boolean retryable) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MessageSender.class);
    /** Concurrent transport calls of one batch; above the SMPP window so that the window stays full. */
    static final int SEND_WORKERS = 64;

    private final MessageStore store;
    private final MessageBatchStore batches;
    private final Conversations conversations;
    private final ConsentLedger ledger;
    private final SmsGateway sms;
    private final EmailGateway email;
    private final StatusWebhooks webhooks;
    private final Clock clock;
    private final String publicBaseUrl;
    private final String defaultSmsFrom;
    private final String defaultEmailFrom;

    public MessageSender(MessageStore store, Conversations conversations, ConsentLedger ledger, SmsGateway sms,
                         EmailGateway email, StatusWebhooks webhooks, Clock clock, String publicBaseUrl,
                         String defaultSmsFrom, String defaultEmailFrom) {
        this.store = store;
        this.batches = new MessageBatchStore(store.dataSource());
        this.conversations = conversations;
        this.ledger = ledger;
        this.sms = sms;
        this.email = email;
        this.webhooks = webhooks;
        this.clock = clock;
        this.publicBaseUrl = publicBaseUrl;
        this.defaultSmsFrom = defaultSmsFrom;
        this.defaultEmailFrom = defaultEmailFrom;
    }

    /** @throws IllegalArgumentException when the address is not a phone number or email address */
    public Result send(Outbound o) {
        String to = ledger.addresses().require(o.channel().consent(), o.to());
        String from = o.from() == null || o.from().isBlank()
                ? (o.channel() == Channel.SMS ? defaultSmsFrom : defaultEmailFrom) : o.from().strip();
        Instant now = clock.instant();
        UUID conversation = conversations.join(o.channel(), from, to, now);
        String token = o.channel() == Channel.EMAIL && !o.systemReply() ? newToken() : null;
        MessageStore.Inserted ins = store.insert(new MessageStore.NewMessage(true, o.channel(), from, to, o.subject(),
                o.text() == null ? "" : o.text(), o.html(), MessageStatus.QUEUED, conversation, o.campaignId(), o.contactId(),
                o.clientId(), o.idempotencyKey(), o.requestHash(), o.webhookUrl(), token), now);
        if (!ins.created()) {
            return new Result(ins.message(), false, false);
        }
        Message m = ins.message();
        if (!o.systemReply() && ledger.isBlocked(o.channel().consent(), to)) {
            String why = ledger.find(o.channel().consent(), to).map(e -> "on the do-not-contact list (" + e.source() + ")")
                    .orElse("on the do-not-contact list");
            return finish(store.update(m.id(), MessageStatus.SUPPRESSED, why, clock.instant()).orElse(m), false);
        }
        Transmitted t = transmit(o.channel(), from, to, o.subject(), m.body(), o.html(), token);
        Message after = t.status() == MessageStatus.SENT
                ? store.sent(m.id(), t.smscIds(), t.emailMessageId(), clock.instant()).orElse(m)
                : store.update(m.id(), t.status(), t.detail(), clock.instant()).orElse(m);
        return finish(after, t.retryable());
    }

    /**
     * Sends a batch (one campaign tick). Addresses must be canonical. The consent ledger is asked for the whole
     * batch in one query right before submitting; conversations and messages are stored in one transaction each;
     * the transports get every message at once (the SMPP window and the SMTP pool bound the concurrency); the
     * outcomes are stored in one transaction. Results are in input order.
     */
    public List<Result> sendAll(List<Outbound> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        long t0 = System.nanoTime();
        Instant now = clock.instant();
        List<Outbound> in = batch.stream().map(o -> new Outbound(o.channel(), o.from() == null || o.from().isBlank()
                ? (o.channel() == Channel.SMS ? defaultSmsFrom : defaultEmailFrom) : o.from().strip(), o.to(), o.subject(),
                o.text(), o.html(), o.campaignId(), o.contactId(), null, null, null, null, false)).toList();
        Map<String, Map<String, UUID>> conversationsBySender = new HashMap<>();
        in.stream().collect(Collectors.groupingBy(o -> o.channel() + "\u0000" + o.from(), Collectors.mapping(Outbound::to, Collectors.toSet())))
                .forEach((key, tos) -> {
                    String[] k = key.split("\u0000", 2);
                    conversationsBySender.put(key, conversations.joinAll(Channel.valueOf(k[0]), k[1], tos, now));
                });
        Map<Channel, Set<String>> blocked = new EnumMap<>(Channel.class);
        for (Channel ch : Channel.values()) {
            blocked.put(ch, ledger.blocked(ch.consent(), in.stream().filter(o -> o.channel() == ch).map(Outbound::to).toList()));
        }
        List<MessageStore.NewMessage> rows = new ArrayList<>(in.size());
        for (Outbound o : in) {
            boolean suppressed = blocked.get(o.channel()).contains(o.to());
            rows.add(new MessageStore.NewMessage(true, o.channel(), o.from(), o.to(), o.subject(), o.text() == null ? "" : o.text(),
                    o.html(), suppressed ? MessageStatus.SUPPRESSED : MessageStatus.QUEUED,
                    conversationsBySender.get(o.channel() + "\u0000" + o.from()).get(o.to()), o.campaignId(), o.contactId(),
                    null, null, null, null, o.channel() == Channel.EMAIL ? newToken() : null));
        }
        List<Message> stored = batches.insertAll(rows, now);
        long t1 = System.nanoTime();
        Transmitted[] sends = new Transmitted[stored.size()];
        AtomicInteger next = new AtomicInteger();
        // A few workers pulling the next message, not a thread per message: the transport's window is the limit.
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < Math.min(SEND_WORKERS, stored.size()); w++) {
                ex.execute(() -> {
                    for (int i = next.getAndIncrement(); i < stored.size(); i = next.getAndIncrement()) {
                        Message m = stored.get(i);
                        if (m.status() != MessageStatus.SUPPRESSED) {
                            sends[i] = transmit(m.channel(), m.from(), m.to(), m.subject(), m.body(), in.get(i).html(),
                                    rows.get(i).unsubscribeToken());
                        }
                    }
                });
            }
        }
        long t2 = System.nanoTime();
        List<MessageBatchStore.Outcome> outcomes = new ArrayList<>();
        List<Result> results = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            Message m = stored.get(i);
            if (sends[i] == null) {
                results.add(new Result(m, true, false));
                continue;
            }
            Transmitted t = sends[i];
            outcomes.add(new MessageBatchStore.Outcome(m.id(), t.status(), t.detail(), t.smscIds(), t.emailMessageId()));
            results.add(new Result(new Message(m.id(), m.conversationId(), true, m.channel(), m.from(), m.to(), m.subject(),
                    m.body(), t.status(), t.detail(), t.smscIds().isEmpty() ? null : t.smscIds().size(), t.emailMessageId(),
                    m.campaignId(), m.contactId(), null, null, m.createdAt(), clock.instant()), true, t.retryable()));
        }
        batches.finishAll(outcomes, clock.instant());
        if (log.isDebugEnabled()) {
            log.debug("batch of {}: store {} ms, send {} ms, finish {} ms", stored.size(), (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        }
        return results;
    }

    /** What one transport call came to. */
    private record Transmitted(MessageStatus status, String detail, List<String> smscIds, String emailMessageId,
                               boolean retryable) {
    }

    private Transmitted transmit(Channel channel, String from, String to, String subject, String text, String html, String token) {
        if (channel == Channel.SMS) {
            return switch (sms.submit(new OutboundSms(from, to, text))) {
                case SmsSubmitResult.Accepted a -> new Transmitted(MessageStatus.SENT, null, a.messageIds(), null, false);
                case SmsSubmitResult.Rejected x -> new Transmitted(MessageStatus.REJECTED, x.reason(), List.of(), null, x.retryable());
            };
        }
        URI unsubscribe = token == null ? null : URI.create(publicBaseUrl + "/unsubscribe/" + token);
        return switch (email.send(new OutboundEmail(from, to, subject, text, html, unsubscribe, List.of()))) {
            case EmailSendResult.Sent s -> new Transmitted(MessageStatus.SENT, null, List.of(), s.messageId(), false);
            case EmailSendResult.Failed f -> new Transmitted(f.bounced() ? MessageStatus.BOUNCED : MessageStatus.REJECTED,
                    f.reason(), List.of(), null, !f.bounced());
        };
    }

    private Result finish(Message m, boolean retryable) {
        webhooks.notify(m);
        return new Result(m, true, retryable);
    }

    private static String newToken() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
