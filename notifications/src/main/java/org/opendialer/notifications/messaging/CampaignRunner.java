package org.opendialer.notifications.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.opendialer.contacts.consent.ConsentLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces running campaigns. Each {@link #tick} gives every ON campaign the sends its messages-per-minute earned
 * since its last tick (a token bucket holding at most 5 s worth, at least one message), then takes pending
 * contacts in list order: address valid? inside callable hours in the contact's time zone (SMS)? message not
 * empty? on the DNC ledger (one query for the batch)? and hands the batch to {@link MessageSender#sendAll}, which
 * asks the ledger once more right before submitting and claims each contact (PENDING to SUBMITTING, atomically,
 * so two nodes on one database never both send to it) as the transport is ready to write its message; the
 * outcome (SENT, PENDING again after a retryable refusal, FAILED, UNKNOWN when in doubt) is journalled with it.
 * Contacts outside their callable hours stay pending. The clock is injected; a scheduler calls {@link #tick}
 * every {@code campaignTickMillis} in production, tests call it after moving a fake clock.
 */
public final class CampaignRunner {

    private static final Logger log = LoggerFactory.getLogger(CampaignRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> ROW = new TypeReference<>() { };
    /** Retryable refusals (throttling exhausted, link down) before a contact is marked failed. */
    static final int MAX_ATTEMPTS = 3;
    private static final Duration MAX_BURST = Duration.ofSeconds(5);

    private final CampaignStore campaigns;
    private final ConsentLedger ledger;
    private final MessageSender sender;
    private final Clock clock;
    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        Instant last;
    }

    public CampaignRunner(CampaignStore campaigns, ConsentLedger ledger, MessageSender sender, Clock clock) {
        this.campaigns = campaigns;
        this.ledger = ledger;
        this.sender = sender;
        this.clock = clock;
    }

    /** Forget a campaign's pace (on start, so a restarted campaign does not send a stored-up burst). */
    public void reset(UUID campaignId) {
        buckets.remove(campaignId);
    }

    /** One pacing round over every running campaign; returns the messages handed to the transports. */
    public synchronized int tick() {
        int sent = 0;
        for (MessagingCampaign c : campaigns.running()) {
            try {
                sent += tick(c);
            } catch (RuntimeException e) {
                log.warn("campaign {} ({}): tick failed: {}", c.name(), c.id(), e.toString());
            }
        }
        return sent;
    }

    private int tick(MessagingCampaign c) {
        Instant now = clock.instant();
        Bucket b = buckets.computeIfAbsent(c.id(), id -> {
            Bucket nb = new Bucket();
            nb.tokens = 1;
            nb.last = now;
            return nb;
        });
        double perSecond = c.messagesPerMinute() / 60.0;
        double cap = Math.max(1, perSecond * MAX_BURST.toSeconds());
        b.tokens = Math.min(cap, b.tokens + perSecond * Duration.between(b.last, now).toNanos() / 1e9);
        b.last = now;
        int budget = (int) b.tokens;
        if (budget == 0) {
            return 0;
        }
        var pending = campaigns.pending(c.id(), budget * 4 + 50);
        if (pending.isEmpty()) {
            campaigns.setStatus(c.id(), MessagingCampaign.Status.COMPLETE, now);
            buckets.remove(c.id());
            log.info("campaign {} ({}) complete", c.name(), c.id());
            return 0;
        }
        List<CampaignStore.Outcome> outcomes = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (CampaignStore.PendingContact p : pending) {
            prepare(c, p, now, outcomes).ifPresent(candidates::add);
        }
        // The ledger for the whole page, right before sending; the sender asks once more at its own moment.
        // Skips cost nothing: the budget counts messages sent.
        Set<String> blocked = ledger.blocked(c.channel().consent(), candidates.stream().map(Candidate::address).toList());
        List<Candidate> sending = new ArrayList<>();
        for (Candidate k : candidates) {
            if (blocked.contains(k.address())) {
                String source = ledger.find(c.channel().consent(), k.address()).map(e -> " (" + e.source() + ")").orElse("");
                outcomes.add(skip(k.p(), "on the do-not-contact list" + source, k.address()));
            } else if (sending.size() < budget) {
                sending.add(k);
            }
        }
        campaigns.recordAll(c.id(), outcomes, now); // skips first: durable whatever happens to the sends
        outcomes.clear();
        List<MessageSender.Result> results = sender.sendAll(sending.stream().map(k -> new MessageSender.Outbound(c.channel(),
                c.fromAddress(), k.address(), k.subject(), k.text(), k.html(), c.id(), k.p().contactId(), null, null, null,
                null, false)).toList());
        // Sent, refused and in-doubt contacts were recorded with their claim and outcome (SendJournal); left here
        // are those the ledger blocked at the sender's own check.
        for (int i = 0; i < results.size(); i++) {
            Message m = results.get(i).message();
            if (m != null && m.status() == MessageStatus.SUPPRESSED) {
                outcomes.add(new CampaignStore.Outcome(sending.get(i).p().contactId(), "SKIPPED", m.statusDetail(),
                        sending.get(i).address(), m.id(), "SKIPPED", false));
            }
        }
        campaigns.recordAll(c.id(), outcomes, now);
        b.tokens -= sending.size();
        return (int) results.stream().filter(MessageSender.Result::claimed).count(); // not those another node took
    }

    /** A contact that passed the checks, with its rendered message. */
    private record Candidate(CampaignStore.PendingContact p, String address, String subject, String text, String html) {
    }

    /** Address, callable hours, message: a candidate, or empty (skipped into {@code outcomes}, or waiting for its hours). */
    private Optional<Candidate> prepare(MessagingCampaign c, CampaignStore.PendingContact p, Instant now,
                                        List<CampaignStore.Outcome> outcomes) {
        Map<String, String> row = row(p.dataJson());
        String raw = row.getOrDefault(c.addressColumn(), "");
        Optional<String> address = ledger.addresses().canonical(c.channel().consent(), raw);
        if (address.isEmpty()) {
            outcomes.add(skip(p, raw.isBlank() ? "no " + kind(c) + " in column " + c.addressColumn()
                    : "'" + raw + "' in column " + c.addressColumn() + " is not a valid " + kind(c), null));
            return Optional.empty();
        }
        if (c.channel() == Channel.SMS && !c.callableAt(now.atZone(zoneOf(c, p.timeZone())).toLocalTime())) {
            return Optional.empty(); // stays pending until its callable hours
        }
        try {
            String text = c.messageColumn() != null ? row.getOrDefault(c.messageColumn(), "") : Templates.text(c.template(), row);
            String html = c.channel() == Channel.EMAIL && c.htmlTemplate() != null ? Templates.html(c.htmlTemplate(), row) : null;
            String subject = c.channel() == Channel.EMAIL ? (c.subject() == null ? "" : Templates.text(c.subject(), row)) : null;
            if (text.isBlank() && (html == null || html.isBlank())) {
                outcomes.add(skip(p, "the message is empty", address.get()));
                return Optional.empty();
            }
            return Optional.of(new Candidate(p, address.get(), subject, text, html));
        } catch (IllegalArgumentException e) {
            outcomes.add(skip(p, "template failed: " + e.getMessage(), address.get()));
            return Optional.empty();
        }
    }

    private static CampaignStore.Outcome skip(CampaignStore.PendingContact p, String reason, String address) {
        return new CampaignStore.Outcome(p.contactId(), "SKIPPED", reason, address, null, "SKIPPED", false);
    }

    private static String kind(MessagingCampaign c) {
        return c.channel() == Channel.SMS ? "phone number" : "email address";
    }

    private static ZoneId zoneOf(MessagingCampaign c, String tz) {
        try {
            return tz == null || tz.isBlank() ? c.defaultTimeZone() : ZoneId.of(tz);
        } catch (java.time.DateTimeException e) {
            return c.defaultTimeZone();
        }
    }

    private static Map<String, String> row(String json) {
        try {
            return JSON.readValue(json, ROW);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("contact row is not JSON", e);
        }
    }
}
