package org.opendialer.notifications.messaging;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opendialer.contacts.lists.Contact;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.contacts.lists.ContactListStore;

/**
 * Creating, changing, starting and stopping messaging campaigns, with the checks a save needs: the list and its
 * columns exist, the template parses, and (SMS) a warning when a link would be split across SMS parts.
 */
public final class MessagingCampaigns {

    /** The settings a client sends; validated here beyond what the API contract can say. */
    public record Draft(String name, Channel channel, UUID contactListId, String addressColumn, String fromAddress,
                        String subject, String template, String htmlTemplate, String messageColumn, int messagesPerMinute,
                        LocalTime callableFrom, LocalTime callableTo, String timeZone) {
    }

    /** A saved campaign and the warnings of its save (it is saved all the same). */
    public record Saved(MessagingCampaign campaign, List<String> warnings) {
    }

    /** The campaign is running (or done) and cannot be changed that way now. */
    public static final class StateConflict extends RuntimeException {
        public StateConflict(String message) {
            super(message);
        }
    }

    private final CampaignStore store;
    private final ContactListStore lists;
    private final CampaignRunner runner;
    private final Clock clock;

    public MessagingCampaigns(CampaignStore store, ContactListStore lists, CampaignRunner runner, Clock clock) {
        this.store = store;
        this.lists = lists;
        this.runner = runner;
        this.clock = clock;
    }

    public Saved create(Draft d) {
        ContactList list = lists.find(d.contactListId()).orElseThrow(() ->
                new IllegalArgumentException("contactListId: no contact list " + d.contactListId()));
        MessagingCampaign c = validate(UUID.randomUUID(), d, list, MessagingCampaign.Status.OFF);
        return new Saved(store.create(c, clock.instant()), warnings(c, list));
    }

    public Saved update(UUID id, Draft d) {
        MessagingCampaign old = store.find(id).orElseThrow(() -> new java.util.NoSuchElementException("no campaign " + id));
        if (old.status() == MessagingCampaign.Status.ON) {
            throw new StateConflict("campaign " + old.name() + " is running; stop it before changing it");
        }
        if (d.contactListId() != null && !d.contactListId().equals(old.contactListId())) {
            throw new IllegalArgumentException("contactListId: the list of a campaign cannot change; create a new campaign");
        }
        ContactList list = lists.find(old.contactListId()).orElseThrow();
        MessagingCampaign c = validate(id, d, list, old.status());
        if (c.channel() != old.channel()) {
            throw new IllegalArgumentException("channel: the channel of a campaign cannot change");
        }
        return new Saved(store.update(c, clock.instant()).orElseThrow(), warnings(c, list));
    }

    public Optional<MessagingCampaign> find(UUID id) {
        return store.find(id);
    }

    public List<MessagingCampaign> list() {
        return store.list();
    }

    public MessagingCampaign start(UUID id) {
        MessagingCampaign c = store.find(id).orElseThrow(() -> new java.util.NoSuchElementException("no campaign " + id));
        if (c.status() == MessagingCampaign.Status.COMPLETE) {
            throw new StateConflict("campaign " + c.name() + " is complete: every contact was processed");
        }
        runner.reset(id);
        return store.setStatus(id, MessagingCampaign.Status.ON, clock.instant()).orElseThrow();
    }

    public MessagingCampaign stop(UUID id) {
        MessagingCampaign c = store.find(id).orElseThrow(() -> new java.util.NoSuchElementException("no campaign " + id));
        if (c.status() != MessagingCampaign.Status.ON) {
            return c;
        }
        return store.setStatus(id, MessagingCampaign.Status.OFF, clock.instant()).orElseThrow();
    }

    public boolean delete(UUID id) {
        MessagingCampaign c = store.find(id).orElseThrow(() -> new java.util.NoSuchElementException("no campaign " + id));
        if (c.status() == MessagingCampaign.Status.ON) {
            throw new StateConflict("campaign " + c.name() + " is running; stop it before deleting it");
        }
        return store.delete(id);
    }

    public MessagingCampaign.Progress progress(MessagingCampaign c) {
        return store.progress(c);
    }

    public String exportCsv(UUID id) {
        return CampaignExport.csv(store.results(id));
    }

    public byte[] exportPdf(MessagingCampaign c) {
        return CampaignExport.pdf(c, store.progress(c), store.results(c.id()));
    }

    public List<CampaignStore.Attempt> attempts(UUID id) {
        return store.attempts(id);
    }

    private static MessagingCampaign validate(UUID id, Draft d, ContactList list, MessagingCampaign.Status status) {
        if (!list.columns().contains(d.addressColumn())) {
            throw new IllegalArgumentException("addressColumn: the list has no column '" + d.addressColumn() + "' (it has " + list.columns() + ")");
        }
        boolean hasTemplate = d.template() != null && !d.template().isBlank();
        boolean hasColumn = d.messageColumn() != null && !d.messageColumn().isBlank();
        if (hasTemplate == hasColumn) {
            throw new IllegalArgumentException("template: give either a template or a messageColumn, not " + (hasTemplate ? "both" : "neither"));
        }
        if (hasColumn && !list.columns().contains(d.messageColumn())) {
            throw new IllegalArgumentException("messageColumn: the list has no column '" + d.messageColumn() + "'");
        }
        if (hasTemplate) {
            Templates.check(d.template());
        }
        Templates.check(d.subject());
        Templates.check(d.htmlTemplate());
        if ((d.callableFrom() == null) != (d.callableTo() == null)) {
            throw new IllegalArgumentException("callableHours: give both from and to, or neither");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(d.timeZone() == null || d.timeZone().isBlank() ? "UTC" : d.timeZone());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timeZone: '" + d.timeZone() + "' is not a time zone (use an IANA id like America/Chicago)");
        }
        if (d.messagesPerMinute() < 1 || d.messagesPerMinute() > 60_000) {
            throw new IllegalArgumentException("messagesPerMinute: must be 1..60000, was " + d.messagesPerMinute());
        }
        return new MessagingCampaign(id, d.name().strip(), d.channel(), list.id(), d.addressColumn(),
                d.fromAddress() == null ? "" : d.fromAddress().strip(), d.subject(), hasTemplate ? d.template() : null,
                d.htmlTemplate(), hasColumn ? d.messageColumn() : null, d.messagesPerMinute(), d.callableFrom(),
                d.callableTo(), zone, status, null, null);
    }

    /** SMS link checks on the texts the first contacts would get (a template's length depends on their columns). */
    private List<String> warnings(MessagingCampaign c, ContactList list) {
        if (c.channel() != Channel.SMS) {
            return List.of();
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        List<Contact> sample = lists.contacts(list.id()).stream().limit(100).toList();
        if (sample.isEmpty() && c.template() != null) {
            out.addAll(Templates.smsLinkWarnings(c.template()));
        }
        for (Contact contact : sample) {
            String text = c.template() != null ? Templates.text(c.template(), contact.data()) : contact.get(c.messageColumn());
            for (String w : Templates.smsLinkWarnings(text)) {
                out.add("line " + contact.lineNo() + ": " + w);
            }
            if (out.size() >= 10) {
                break;
            }
        }
        return new ArrayList<>(out);
    }
}
