package org.opendialer.notifications.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.opendialer.contacts.consent.ConsentLedger;
import org.opendialer.contacts.consent.ConsentSource;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.messaging.email.InboundEmail;
import org.opendialer.messaging.sms.InboundSms;
import org.opendialer.messaging.sms.SmsListener;
import org.opendialer.messaging.sms.SmsReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that comes back: delivery receipts update their message; inbound SMS are stored in their
 * conversation and keywords act on the consent ledger (STOP before anything else can be sent); email replies are
 * threaded by In-Reply-To/References, delivery reports mark the original bounced. The ledger and the store are
 * written before the transport acknowledges, so a failure here makes the SMSC or MTA deliver again; confirmation
 * replies go out afterwards on a virtual thread.
 */
public final class InboundProcessor implements SmsListener, Consumer<InboundEmail> {

    private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);

    private final MessageStore store;
    private final Conversations conversations;
    private final ConsentLedger ledger;
    private final KeywordBook keywords;
    private final MessageSender sender;
    private final StatusWebhooks webhooks;
    private final Clock clock;
    private final ExecutorService replies = Executors.newVirtualThreadPerTaskExecutor();
    private final LongAdder unknownReceipts = new LongAdder();
    private final LongAdder waitingReceipts = new LongAdder();
    private final java.util.Map<SmsReceipt.State, LongAdder> receiptsByState = adders(SmsReceipt.State.class);
    private final java.util.Map<KeywordBook.Kind, LongAdder> keywordsByKind = adders(KeywordBook.Kind.class);
    private final Receipts receipts;

    public InboundProcessor(MessageStore store, Conversations conversations, ConsentLedger ledger, KeywordBook keywords,
                            MessageSender sender, StatusWebhooks webhooks, Clock clock) {
        this.store = store;
        this.conversations = conversations;
        this.ledger = ledger;
        this.keywords = keywords;
        this.sender = sender;
        this.webhooks = webhooks;
        this.clock = clock;
        this.receipts = new Receipts(store.dataSource());
    }

    /**
     * Applies the receipt to its message; one whose SMSC id is not stored yet (the SMSC answered the receipt right
     * after submit_sm_resp) waits in the database until the id is stored or {@link #expireReceipts} drops it.
     */
    @Override
    public void onReceipt(SmsReceipt r) {
        receiptsByState.get(r.state()).increment();
        MessageStatus status = switch (r.state()) {
            case DELIVERED -> MessageStatus.DELIVERED;
            case EXPIRED -> MessageStatus.EXPIRED;
            case UNDELIVERABLE, REJECTED, DELETED -> MessageStatus.FAILED;
            case ENROUTE, ACCEPTED, UNKNOWN -> null;
        };
        if (status == null) {
            return;
        }
        String detail = "receipt " + r.state() + ("000".equals(r.error()) || r.error().isEmpty() ? "" : ", error " + r.error());
        Optional<UUID> applied = receipts.onReceipt(r.messageId(), status, detail, r.at(), clock.instant());
        if (applied.isEmpty()) {
            waitingReceipts.increment();
            log.debug("receipt for SMSC message id {} ({}) before its id is stored: kept waiting", r.messageId(), r.state());
            return;
        }
        applied.flatMap(store::find).ifPresent(webhooks::notify);
    }

    /** Drops receipts that waited longer than {@code wait} for their SMSC id: those ids are truly unknown. */
    public int expireReceipts(java.time.Duration wait) {
        List<Receipts.Expired> gone = receipts.expire(clock.instant().minus(wait));
        for (Receipts.Expired e : gone) {
            unknownReceipts.increment();
            log.warn("receipt for unknown SMSC message id {} ({}) dropped: no message had this id within {}", e.smscId(),
                    e.status(), wait);
        }
        return gone.size();
    }

    @Override
    public void onInbound(InboundSms sms) {
        Instant now = clock.instant();
        String from = ledger.addresses().e164(sms.from()).orElse(sms.from());
        UUID conversation = conversations.join(Channel.SMS, sms.to(), from, now);
        store.insert(new MessageStore.NewMessage(false, Channel.SMS, from, sms.to(), null, sms.text(), null,
                MessageStatus.RECEIVED, conversation, null, null, null, null, null, null, null), now);
        keywords.match(sms.to(), sms.text()).ifPresent(match -> {
            keywordsByKind.get(match.kind()).increment();
            String note = "'" + match.keyword() + "' sent to " + sms.to();
            switch (match.kind()) {
                case OPT_OUT -> ledger.add(ContactChannel.PHONE, from, ConsentSource.SMS_STOP, note);
                case OPT_IN -> ledger.remove(ContactChannel.PHONE, from, ConsentSource.SMS_STOP, note);
                case HELP -> { }
            }
            log.info("keyword {} from {} to {}: {}", match.keyword(), from, sms.to(), match.kind());
            if (!match.reply().isBlank()) {
                replies.execute(() -> reply(sms.to(), from, match.reply()));
            }
        });
    }

    private void reply(String ours, String theirs, String text) {
        try {
            sender.send(new MessageSender.Outbound(Channel.SMS, ours, theirs, null, text, null, null, null, null, null,
                    null, null, true));
        } catch (RuntimeException e) {
            log.warn("keyword reply to {} failed: {}", theirs, e.toString());
        }
    }

    /** An email to our inbound server: a reply joins its original's conversation; a delivery report bounces it. */
    @Override
    public void accept(InboundEmail mail) {
        Instant now = clock.instant();
        Optional<Message> original = store.byEmailMessageId(mail.threadIds());
        if (mail.deliveryReport()) {
            original.flatMap(o -> store.update(o.id(), MessageStatus.BOUNCED, "delivery report " + mail.messageId(), now))
                    .ifPresent(webhooks::notify);
            if (original.isEmpty()) {
                log.info("delivery report {} matches no message we sent", mail.messageId());
            }
            return;
        }
        String from = ledger.addresses().canonical(ContactChannel.EMAIL, mail.from()).orElse(mail.from());
        UUID conversation = original.flatMap(o -> conversations.rejoin(o.conversationId(), now))
                .orElseGet(() -> conversations.join(Channel.EMAIL, original.map(Message::from).orElse(mail.to()), from, now));
        store.insert(new MessageStore.NewMessage(false, Channel.EMAIL, from, mail.to(), mail.subject(), mail.text(), null,
                MessageStatus.RECEIVED, conversation, original.map(Message::campaignId).orElse(null),
                original.map(Message::contactId).orElse(null), null, null, null, null, null), now);
    }

    /** Receipts dropped because no message had their SMSC id in time. */
    public long unknownReceipts() {
        return unknownReceipts.sum();
    }

    /** Receipts that arrived before their SMSC id was stored (most are matched when it is). */
    public long earlyReceipts() {
        return waitingReceipts.sum();
    }

    /** Delivery receipts received since start in this state (matched or not). */
    public long receipts(SmsReceipt.State state) {
        return receiptsByState.get(state).sum();
    }

    /** Inbound SMS that matched a keyword of this kind since start. */
    public long keywords(KeywordBook.Kind kind) {
        return keywordsByKind.get(kind).sum();
    }

    private static <E extends Enum<E>> java.util.Map<E, LongAdder> adders(Class<E> type) {
        java.util.Map<E, LongAdder> m = new java.util.EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            m.put(e, new LongAdder());
        }
        return m;
    }

    /** Waits for keyword replies under way, then takes no more (shutdown). */
    public void close() {
        replies.close();
    }
}
