package org.opendialer.notifications.messaging;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.opendialer.contacts.consent.ConsentLedger;
import org.opendialer.messaging.email.EmailGateway;
import org.opendialer.messaging.email.EmailSendResult;
import org.opendialer.messaging.email.OutboundEmail;
import org.opendialer.messaging.sms.OutboundSms;
import org.opendialer.messaging.sms.SmsGateway;
import org.opendialer.messaging.sms.SmsSubmitResult;

/**
 * The one way out for every SMS and email (agentless, campaign, keyword reply): store the message, check the
 * consent ledger <em>at send time</em>, thread it, claim it durably in the {@link SendJournal} right before the
 * transport writes it, hand it over, journal what the transport said, tell the webhook. Nothing goes out
 * without a committed claim and nothing claimed is sent again, so a crash can leave a message in doubt
 * (UNKNOWN) but never sends it twice. Blocks: call from virtual threads.
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

    /**
     * The message as stored after the attempt, whether this call created it (false: an idempotent replay), and
     * whether a refusal may succeed later. A null message: not sent because the claim was refused (the node is
     * stopping, or another node took the contact); nothing was stored.
     */
    public record Result(Message message, boolean created, boolean retryable) {
        public boolean claimed() {
            return message != null;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MessageSender.class);
    /** Concurrent transport calls of one batch; above the SMPP window so that the window stays full. */
    static final int SEND_WORKERS = 64;

    private final MessageStore store;
    private final MessageBatchStore batches;
    private final SendJournal journal;
    private final Conversations conversations;
    private final ConsentLedger ledger;
    private final SmsGateway sms;
    private final EmailGateway email;
    private final StatusWebhooks webhooks;
    private final Clock clock;
    private final String publicBaseUrl;
    private final String defaultSmsFrom;
    private final String defaultEmailFrom;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final java.util.concurrent.atomic.LongAdder emailsSent = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder emailsFailed = new java.util.concurrent.atomic.LongAdder();

    MessageSender(MessageStore store, SendJournal journal, Conversations conversations, ConsentLedger ledger, SmsGateway sms,
                  EmailGateway email, StatusWebhooks webhooks, Clock clock, String publicBaseUrl,
                  String defaultSmsFrom, String defaultEmailFrom) {
        this.store = store;
        this.batches = new MessageBatchStore(store.dataSource());
        this.journal = journal;
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
        inFlight.incrementAndGet();
        try {
            return sendOne(o);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private Result sendOne(Outbound o) {
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
        Transmitted t = transmit(o.channel(), from, to, o.subject(), m.body(), o.html(), token, () -> journal.claimQueued(m.id()));
        if (t.status() == null) {
            // never claimed: the node is stopping (or the row was ended by a recovery); nothing went out
            Message refused = store.update(m.id(), MessageStatus.REJECTED, NodeLease.NEVER_SENT, clock.instant()).orElse(m);
            return finish(refused, true);
        }
        journal.record(new ClaimStore.Outcome(m.id(), t.status(), t.detail(), t.smscIds(), t.emailMessageId(), t.retryable(),
                null, null)).join();
        return finish(store.find(m.id()).orElse(m), t.retryable());
    }

    /**
     * Sends a batch (one campaign tick). Addresses must be canonical. The consent ledger is asked for the whole
     * batch in one query right before submitting; conversations are stored in one transaction, suppressed
     * messages in another; each other message is claimed (inserted SUBMITTING, its contact marked, if the contact
     * is still PENDING) by group commit as the transport is ready to write it, and its outcome journalled. Returns
     * when every outcome is committed. Results are in input order; an unclaimed one has no message.
     */
    public List<Result> sendAll(List<Outbound> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        inFlight.incrementAndGet();
        try {
            return sendBatch(batch);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * Waits until no send is under way (their answers journalled), at most {@code limit}; for the stop, after
     * {@link SendJournal#stopClaiming} made sure no new message goes out. False when sends were still running.
     */
    boolean awaitIdle(java.time.Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    private List<Result> sendBatch(List<Outbound> batch) {
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
        List<MessageStore.NewMessage> suppressed = new ArrayList<>();
        for (Outbound o : in) {
            boolean blockedNow = blocked.get(o.channel()).contains(o.to());
            MessageStore.NewMessage row = new MessageStore.NewMessage(true, o.channel(), o.from(), o.to(), o.subject(),
                    o.text() == null ? "" : o.text(), o.html(), blockedNow ? MessageStatus.SUPPRESSED : MessageStatus.QUEUED,
                    conversationsBySender.get(o.channel() + "\u0000" + o.from()).get(o.to()), o.campaignId(), o.contactId(),
                    null, null, null, null, o.channel() == Channel.EMAIL ? newToken() : null);
            rows.add(row);
            if (blockedNow) {
                suppressed.add(row);
            }
        }
        List<Message> suppressedStored = batches.insertAll(suppressed, now);
        long t1 = System.nanoTime();
        Result[] results = new Result[rows.size()];
        List<CompletableFuture<Void>> recorded = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        // A few workers pulling the next message, not a thread per message: the transport's window is the limit.
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < Math.min(SEND_WORKERS, rows.size()); w++) {
                ex.execute(() -> {
                    for (int i = next.getAndIncrement(); i < rows.size(); i = next.getAndIncrement()) {
                        MessageStore.NewMessage row = rows.get(i);
                        if (row.status() != MessageStatus.SUPPRESSED) {
                            results[i] = sendClaimed(row, recorded);
                        }
                    }
                });
            }
        }
        long t2 = System.nanoTime();
        for (int i = 0, k = 0; i < rows.size(); i++) {
            if (rows.get(i).status() == MessageStatus.SUPPRESSED) {
                results[i] = new Result(suppressedStored.get(k++), true, false);
            }
        }
        awaitRecorded(recorded);
        if (log.isDebugEnabled()) {
            log.debug("batch of {}: store {} ms, send {} ms, journal {} ms", rows.size(), (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        }
        return List.of(results);
    }

    /** Claims and sends one campaign message, journals the answer; an unclaimed result when the claim said no. */
    private Result sendClaimed(MessageStore.NewMessage row, List<CompletableFuture<Void>> recorded) {
        UUID id = UUID.randomUUID();
        Transmitted t = transmit(row.channel(), row.from(), row.to(), row.subject(), row.body(), row.html(),
                row.unsubscribeToken(), () -> journal.claim(new ClaimStore.NewClaim(id, row)));
        if (t.status() == null) {
            return new Result(null, false, false);
        }
        recorded.add(journal.record(new ClaimStore.Outcome(id, t.status(), t.detail(), t.smscIds(), t.emailMessageId(),
                t.retryable(), row.campaignId(), row.contactId())));
        Instant at = clock.instant();
        return new Result(new Message(id, row.conversationId(), true, row.channel(), row.from(), row.to(), row.subject(),
                row.body(), t.status(), t.detail(), t.smscIds().isEmpty() ? null : t.smscIds().size(), t.emailMessageId(),
                row.campaignId(), row.contactId(), null, null, at, at), true, t.retryable());
    }

    private static void awaitRecorded(List<CompletableFuture<Void>> recorded) {
        for (CompletableFuture<Void> f : recorded) {
            try {
                f.join();
            } catch (java.util.concurrent.CompletionException e) {
                // logged by the journal; the message stays SUBMITTING and a recovery ends it UNKNOWN
            }
        }
    }

    /** What one transport call came to; a null status: not claimed, nothing sent. */
    private record Transmitted(MessageStatus status, String detail, List<String> smscIds, String emailMessageId,
                               boolean retryable) {
        static final Transmitted UNCLAIMED = new Transmitted(null, null, List.of(), null, false);
    }

    /**
     * A refusal before the transport asked for the claim (not bound, SMS off) wrote nothing; it is claimed
     * afterwards so that the attempt is journalled like any other (a contact is retried or failed, not left
     * PENDING forever).
     */
    private Transmitted transmit(Channel channel, String from, String to, String subject, String text, String html, String token,
                                 BooleanSupplier claim) {
        boolean[] asked = new boolean[1];
        Transmitted t = transmitOnce(channel, from, to, subject, text, html, token, () -> {
            asked[0] = true;
            return claim.getAsBoolean();
        });
        if (t.status() != null && !asked[0] && !claim.getAsBoolean()) {
            return Transmitted.UNCLAIMED;
        }
        return t;
    }

    private Transmitted transmitOnce(Channel channel, String from, String to, String subject, String text, String html,
                                     String token, BooleanSupplier claim) {
        if (channel == Channel.SMS) {
            return switch (sms.submit(new OutboundSms(from, to, text), claim)) {
                case SmsSubmitResult.Accepted a -> new Transmitted(MessageStatus.SENT, null, a.messageIds(), null, false);
                case SmsSubmitResult.Rejected x -> new Transmitted(MessageStatus.REJECTED, x.reason(), List.of(), null, x.retryable());
                case SmsSubmitResult.Unanswered u -> new Transmitted(MessageStatus.UNKNOWN,
                        u.reason() + "; not resent to avoid a duplicate", List.of(), null, false);
                case SmsSubmitResult.Unclaimed u -> Transmitted.UNCLAIMED;
            };
        }
        if (!claim.getAsBoolean()) {
            return Transmitted.UNCLAIMED;
        }
        URI unsubscribe = token == null ? null : URI.create(publicBaseUrl + "/unsubscribe/" + token);
        return switch (email.send(new OutboundEmail(from, to, subject, text, html, unsubscribe, List.of()))) {
            case EmailSendResult.Sent s -> {
                emailsSent.increment();
                yield new Transmitted(MessageStatus.SENT, null, List.of(), s.messageId(), false);
            }
            case EmailSendResult.Failed f -> failedEmail(f);
        };
    }

    private Transmitted failedEmail(EmailSendResult.Failed f) {
        emailsFailed.increment();
        return new Transmitted(f.bounced() ? MessageStatus.BOUNCED : MessageStatus.REJECTED, f.reason(), List.of(), null,
                !f.bounced());
    }

    /** Emails the relay accepted since start. */
    public long emailsSent() {
        return emailsSent.sum();
    }

    /** Emails refused by the relay, bounced or not sent for a relay failure since start. */
    public long emailsFailed() {
        return emailsFailed.sum();
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
