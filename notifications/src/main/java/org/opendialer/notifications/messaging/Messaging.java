package org.opendialer.notifications.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.contacts.consent.ConsentLedger;
import org.opendialer.contacts.lists.ContactListStore;
import org.opendialer.messaging.email.EmailGateway;
import org.opendialer.messaging.email.SmtpEmailGateway;
import org.opendialer.messaging.sms.SendPacer;
import org.opendialer.messaging.sms.SmsGateway;
import org.opendialer.messaging.sms.smpp.SmppSmsGateway;
import org.opendialer.webhooks.WebhookOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messaging part of a node, assembled in one place: the transports from the configuration, the consent
 * ledger, contact lists, the sender, inbound processing, campaigns, and the scheduler that paces campaigns and
 * closes idle conversations.
 */
public final class Messaging implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Messaging.class);
    private static final Duration HOUSEKEEPING = Duration.ofSeconds(30);
    /**
     * How long a stop waits for the sends under way to be answered and journalled; inside the 10 s a service
     * manager gives between SIGTERM and SIGKILL, with room for the other parts' stop.
     */
    /** Fits the node's stop budget (10 s in all); submits still unanswered then end UNKNOWN, never resent. */
    private static final long STOP_WAIT_MS = 3_000;

    private final MessagingConfig config;
    private final SmsGateway sms;
    private final EmailGateway email;
    private final ConsentLedger ledger;
    private final ContactListStore lists;
    private final MessageStore messages;
    private final Conversations conversations;
    private final TemplateStore templates;
    private final MessageSender sender;
    private final InboundProcessor inbound;
    private final AgentlessMessages agentless;
    private final CampaignRunner runner;
    private final MessagingCampaigns campaigns;
    private final Unsubscribes unsubscribes;
    private final Clock clock;
    private final NodeLease lease;
    private final SendJournal journal;
    private ScheduledExecutorService scheduler;
    private Instant lastHousekeeping = Instant.EPOCH;

    private Messaging(MessagingConfig config, DataSource ds, Clock clock, SmsGateway sms, EmailGateway email,
                      WebhookOutbox outbox) {
        this.config = config;
        this.clock = clock;
        this.sms = sms;
        this.email = email;
        this.ledger = new ConsentLedger(ds, new Addresses(config.defaultRegion()));
        this.lists = new ContactListStore(ds, ledger.addresses());
        this.messages = new MessageStore(ds);
        this.conversations = new Conversations(ds, Duration.ofMinutes(config.replyWindowMinutes()));
        this.templates = new TemplateStore(ds);
        StatusWebhooks webhooks = new StatusWebhooks(outbox, ds);
        // Before anything is sent: take a node number and end what stopped nodes (this one's last run) left in doubt.
        this.lease = NodeLease.acquire(ds);
        try {
            lease.recoverDeadNodes(clock.instant());
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
        messages.ownedBy(lease.node());
        this.journal = new SendJournal(ds, clock, lease.node(), CampaignRunner.MAX_ATTEMPTS,
                id -> Thread.ofVirtual().start(() -> messages.find(id).ifPresent(webhooks::notify)));
        this.sender = new MessageSender(messages, journal, conversations, ledger, sms, email, webhooks, clock,
                config.publicBaseUrl(), config.sms().sourceAddress(), config.email().defaultFrom());
        this.inbound = new InboundProcessor(messages, conversations, ledger, config.keywordBook(), sender, webhooks, clock);
        this.agentless = new AgentlessMessages(sender, templates, webhooks);
        CampaignStore campaignStore = new CampaignStore(ds);
        this.runner = new CampaignRunner(campaignStore, ledger, sender, clock);
        this.campaigns = new MessagingCampaigns(campaignStore, lists, runner, clock);
        this.unsubscribes = new Unsubscribes(messages, ledger);
        sms.setListener(inbound);
        email.setListener(inbound);
    }

    /** With the given transports and no scheduler: the caller ticks the runner (tests, benchmarks). */
    public static Messaging create(MessagingConfig config, DataSource ds, Clock clock, SmsGateway sms, EmailGateway email,
                                   WebhookOutbox outbox) {
        return new Messaging(config, ds, clock, sms, email, outbox);
    }

    /**
     * The node's messaging: transports as configured (or off), campaigns paced every {@code campaignTickMillis},
     * status webhooks into {@code outbox}.
     */
    public static Messaging start(MessagingConfig config, DataSource ds, Clock clock, WebhookOutbox outbox) {
        SmsGateway sms = config.sms().enabled()
                ? SmppSmsGateway.start(config.sms(), clock, SendPacer.Sleeper.REAL) : SmsGateway.disabled();
        EmailGateway email;
        try {
            email = config.email().enabled() || config.email().inbound().enabled()
                    ? SmtpEmailGateway.start(config.email(), clock) : EmailGateway.disabled();
        } catch (RuntimeException e) {
            sms.close();
            throw new IllegalStateException("cannot start email: " + e.getMessage(), e);
        }
        Messaging m = new Messaging(config, ds, clock, sms, email, outbox);
        m.startScheduler();
        log.info("messaging: SMS {}, email {}, inbound email {}", config.sms().enabled() ? "to " + config.sms().host() + ":" + config.sms().port() : "off",
                config.email().enabled() ? "via " + config.email().host() + ":" + config.email().port() : "off",
                email.inboundPort() > 0 ? "on port " + email.inboundPort() : "off");
        return m;
    }

    private void startScheduler() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("messaging-pacer").factory());
        scheduler.scheduleWithFixedDelay(this::tickQuietly, config.campaignTickMillis(), config.campaignTickMillis(), TimeUnit.MILLISECONDS);
    }

    private void tickQuietly() {
        if (!journal.isClaiming()) {
            return; // stopping
        }
        try {
            runner.tick();
            conversations.closeIdle(clock.instant());
            housekeeping();
        } catch (RuntimeException e) {
            log.warn("messaging tick failed: {}", e.toString());
        }
    }

    /** Every {@link #HOUSEKEEPING}: drop receipts that never found their message, recover other nodes' crashes. */
    void housekeeping() {
        Instant now = clock.instant();
        if (now.isBefore(lastHousekeeping.plus(HOUSEKEEPING))) {
            return;
        }
        lastHousekeeping = now;
        inbound.expireReceipts(Duration.ofMinutes(config.receiptWaitMinutes()));
        lease.recoverDeadNodes(now);
    }

    public MessagingConfig config() {
        return config;
    }

    public SmsGateway sms() {
        return sms;
    }

    public EmailGateway email() {
        return email;
    }

    public ConsentLedger ledger() {
        return ledger;
    }

    public ContactListStore lists() {
        return lists;
    }

    public MessageStore messages() {
        return messages;
    }

    public Conversations conversations() {
        return conversations;
    }

    public TemplateStore templates() {
        return templates;
    }

    public MessageSender sender() {
        return sender;
    }

    public InboundProcessor inbound() {
        return inbound;
    }

    public AgentlessMessages agentless() {
        return agentless;
    }

    public CampaignRunner runner() {
        return runner;
    }

    public MessagingCampaigns campaigns() {
        return campaigns;
    }

    public Unsubscribes unsubscribes() {
        return unsubscribes;
    }

    /**
     * Stops in the order that leaves nothing in doubt: no new claims (nothing more goes out), no new ticks, the
     * submits under way are answered and journalled, keyword replies finish, then the transports close and the
     * node number is given back. The database must still be up (the caller closes it after this).
     */
    @Override
    public void close() {
        journal.stopClaiming();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MS);
        try {
            if (scheduler != null) {
                scheduler.shutdown(); // no new ticks; the tick under way finishes its submits (claims now refused)
                scheduler.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            if (!sender.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                log.warn("sends still under way {} ms after the stop; their unanswered submits end UNKNOWN", STOP_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        inbound.close();
        journal.close();
        sms.close();
        email.close();
        lease.close();
    }

    /** Receipts waiting for their SMSC id now (tests, metrics). */
    public int waitingReceipts() {
        return new Receipts(messages.dataSource()).waiting();
    }
}
