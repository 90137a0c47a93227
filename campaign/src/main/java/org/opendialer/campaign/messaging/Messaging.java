package org.opendialer.campaign.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.opendialer.campaign.consent.Addresses;
import org.opendialer.campaign.consent.ConsentLedger;
import org.opendialer.campaign.contacts.ContactListStore;
import org.opendialer.campaign.webhooks.WebhookOutbox;
import org.opendialer.messaging.email.EmailGateway;
import org.opendialer.messaging.email.SmtpEmailGateway;
import org.opendialer.messaging.sms.SendPacer;
import org.opendialer.messaging.sms.SmsGateway;
import org.opendialer.messaging.sms.smpp.SmppSmsGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messaging part of a node, assembled in one place: the transports from the configuration, the consent
 * ledger, contact lists, the sender, inbound processing, campaigns, and the scheduler that paces campaigns and
 * closes idle conversations.
 */
public final class Messaging implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Messaging.class);

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
    private ScheduledExecutorService scheduler;

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
        this.sender = new MessageSender(messages, conversations, ledger, sms, email, webhooks, clock, config.publicBaseUrl(),
                config.sms().sourceAddress(), config.email().defaultFrom());
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
        try {
            runner.tick();
            conversations.closeIdle(clock.instant());
        } catch (RuntimeException e) {
            log.warn("messaging tick failed: {}", e.toString());
        }
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

    /** Stops pacing, lets keyword replies finish, closes the transports. */
    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdown(); // no new ticks; an interrupted tick would log a failed database call
            try {
                // let a running tick finish before the database it writes to is closed behind it
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        inbound.close();
        sms.close();
        email.close();
    }
}
