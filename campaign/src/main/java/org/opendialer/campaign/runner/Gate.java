package org.opendialer.campaign.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.opendialer.campaign.rules.PreCall;
import org.opendialer.campaign.rules.RuleSet;
import org.opendialer.campaign.settings.CampaignSettings;
import org.opendialer.campaign.settings.ResultKind;
import org.opendialer.contacts.callable.CallableContact;
import org.opendialer.contacts.callable.CallableHours;
import org.opendialer.contacts.consent.ConsentLedger;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.contacts.dnc.DncEntries;
import org.opendialer.contacts.lists.ContactList;

/**
 * The compliance gate in front of every call, and the dry run's judge: the same code answers "dial now?" and
 * "why not?". Per contact: callable flag, final result, attempt limit, retry delay (or a rule's callback), pre-call
 * rules (which may skip or retire it, but never bypass what follows), filters, schedule, callable
 * hours in the contact's local zone; then per phone column in order: a number that returned a SIT for a
 * disconnected number, the per-number limit, the consent ledger, the campaign's DNC lists and, last, its external
 * ones ({@link ExternalScrubs}). The first number that passes is dialled; a due callback that names its own number
 * (V39) tries that one alone, its zone in the hours' overlap. Blocks (DNC and attempt lookups).
 */
public final class Gate {

    /** What the gate reads from the attempt history. */
    public interface History {
        /** Attempts this campaign made to {@code number} of the contact. */
        int attemptsTo(UUID campaignId, String contactId, String number);

        /** Whether any campaign got a SIT (or cause) for a disconnected number from {@code number}. */
        boolean disconnected(String number);

        /**
         * The same answers for {@code numbers} of {@code contactIds}, read at once (a claim judges up to
         * {@link ContactClaims#SCAN} contacts: two queries instead of two per contact); others are asked as before.
         */
        default History snapshot(UUID campaignId, java.util.Collection<String> contactIds, java.util.Collection<String> numbers) {
            return this;
        }
    }

    private final UUID campaignId;
    private final CampaignSettings settings;
    private final ContactList list;
    private final CallableHours hours;
    private final DncEntries dnc;
    private final ConsentLedger ledger;
    private final History history;
    private final List<RuleSet> rules;
    /** The ledger's and the DNC lists' answers read for a batch; null: ask each number alone. */
    private final Prefetch read;
    private final ExternalScrubs external;

    /**
     * What was read for a batch's {@code numbers} (E.164): those on the consent ledger, and those on the campaign's
     * DNC lists at {@code at} with the first list that blocks each.
     */
    private record Prefetch(java.util.Set<String> numbers, java.util.Set<String> ledgerBlocked, Map<String, UUID> dncBlocked,
                            Instant at) {
    }

    /** @param hours null when the campaign has no callable time set */
    public Gate(UUID campaignId, CampaignSettings settings, ContactList list, CallableHours hours, DncEntries dnc,
                ConsentLedger ledger, History history, List<RuleSet> rules) {
        this.campaignId = campaignId;
        this.settings = settings;
        this.list = list;
        this.hours = hours;
        this.dnc = dnc;
        this.ledger = ledger;
        this.history = history;
        this.rules = List.copyOf(rules);
        this.read = null;
        this.external = ExternalScrubs.NONE;
    }

    private Gate(Gate g, History history, Prefetch read, ExternalScrubs external) {
        this.campaignId = g.campaignId;
        this.settings = g.settings;
        this.list = g.list;
        this.hours = g.hours;
        this.dnc = g.dnc;
        this.ledger = g.ledger;
        this.rules = g.rules;
        this.history = history;
        this.read = read;
        this.external = external;
    }

    /** This gate asking the campaign's external DNC lists last. */
    Gate withExternal(ExternalScrubs scrubs) {
        return new Gate(this, history, read, scrubs);
    }

    /**
     * This gate for judging {@code batch} at {@code now}: the attempt history, the consent ledger and the campaign's
     * DNC lists are read for all of its numbers in four queries rather than four per contact (a claim of 200 made
     * 600 round trips, the runner's bottleneck at 200 calls/s; a DNC list check costs a round trip, not the lookup).
     * The same checks run; numbers outside the batch (a rule's other phone column), or judged at another instant,
     * are looked up one by one.
     */
    public Gate forBatch(List<Candidate> batch, Instant now) {
        java.util.Set<String> numbers = numbers(batch);
        if (numbers.isEmpty()) {
            return this;
        }
        History h = history.snapshot(campaignId, batch.stream().map(Candidate::contactId).toList(), numbers);
        Prefetch p = new Prefetch(numbers, ledger.blockedAmong(ContactChannel.PHONE, numbers),
                dnc.blockedAmong(settings.dncListIds(), ContactChannel.PHONE, numbers, now), now);
        return new Gate(this, h, p, external);
    }

    /** Whether the campaign has external DNC lists, to be {@link #scrubbed} before a claim's transaction. */
    boolean asksOutside() {
        return external.any();
    }

    /**
     * This gate with the external lists' answers for {@code batch}'s numbers fetched now (a network round trip up
     * to each provider's budget: call it outside any transaction) and no provider asked afterwards: a number outside
     * the batch is not dialled by this gate.
     */
    Gate scrubbed(List<Candidate> batch) {
        return external.any() ? new Gate(this, history, read, external.scrubbed(numbers(batch))) : this;
    }

    private java.util.Set<String> numbers(List<Candidate> batch) {
        java.util.Set<String> numbers = new java.util.HashSet<>();
        for (Candidate c : batch) {
            for (String col : list.phoneColumns()) {
                ledger.addresses().e164(c.get(col)).ifPresent(numbers::add);
            }
            if (c.callbackNumber() != null) {
                numbers.add(c.callbackNumber());
            }
        }
        return numbers;
    }

    private boolean consentBlocked(String number) {
        return read != null && read.numbers().contains(number)
                ? read.ledgerBlocked().contains(ledger.addresses().canonical(ContactChannel.PHONE, number).orElse(number))
                : ledger.isBlocked(ContactChannel.PHONE, number);
    }

    /** The first of the campaign's DNC lists that blocks {@code e164} at {@code now}. */
    private Optional<UUID> dncList(String e164, Instant now) {
        if (read != null && read.numbers().contains(e164) && read.at().equals(now)) {
            return Optional.ofNullable(read.dncBlocked().get(e164));
        }
        return Optional.ofNullable(dnc.blockedAmong(settings.dncListIds(), ContactChannel.PHONE, List.of(e164), now).get(e164));
    }

    public Verdict judge(Candidate c, Instant now) {
        if (settings.ringTime().compareTo(Duration.ofSeconds(CampaignSettings.MIN_RING_SECONDS)) < 0) {
            return Verdict.skip("ringTime", "ring time " + settings.ringTime() + " is under 15 s"); // refused on save too
        }
        if (!c.callable()) {
            return Verdict.skip("uncallable", "the contact is marked uncallable" + (c.skipReason() == null ? "" : " (" + c.skipReason() + ")"));
        }
        if (Candidate.IN_FLIGHT.equals(c.lastResult())) {
            return Verdict.skip("inFlight", "an attempt is in flight");
        }
        ResultKind last = c.lastResult() == null ? null : ResultKind.ofWire(c.lastResult()).orElse(null);
        if (c.callbackAt() != null) { // a wrap-up rule's callback replaces the result's retry delay (and finality)
            if (now.isBefore(c.callbackAt())) {
                return Verdict.skip("retryDelay", "callback scheduled for " + c.callbackAt());
            }
            last = null;
        }
        if (last != null && last.isFinal()) {
            return Verdict.skip("finished", "already reached: " + c.lastResult());
        }
        if (c.attempts() >= settings.maxAttemptsPerContact()) {
            return Verdict.skip("attemptLimit", c.attempts() + " of " + settings.maxAttemptsPerContact() + " attempts made");
        }
        if (last != null && c.lastAttemptAt() != null) {
            Instant due = c.lastAttemptAt().plus(settings.retryDelays().after(last));
            if (now.isBefore(due)) {
                return Verdict.skip("retryDelay", "last result " + c.lastResult() + " at " + c.lastAttemptAt() + "; retry from " + due);
            }
        }
        PreCall pre = PreCall.of(rules, f -> holds(f, c.get(f.column())));
        if (pre.stop() != null) {
            return Verdict.skip(pre.uncallable() ? "ruleUncallable" : "rule", "pre-call rule " + pre.stop()
                    + (pre.uncallable() ? " marks the contact uncallable" : " skips the contact")).withRules(pre);
        }
        for (CampaignSettings.Filter f : settings.filters()) {
            if (!holds(f, c.get(f.column()))) {
                return Verdict.skip("filtered", "filter " + f.column() + " " + f.operator() + " '" + f.value() + "' does not hold");
            }
        }
        if (settings.schedule() != null && !settings.schedule().allows(now)) {
            return Verdict.skip("schedule", "outside the campaign's schedule " + settings.schedule());
        }
        if (hours != null) {
            // the zone column, else the postal code, else the numbers (the list knows its columns' roles)
            CallableHours.Verdict v = hours.decide(list.callable(c.data()), now);
            if (!v.callable()) {
                return Verdict.skip("outsideHours", v.reason());
            }
            if (callbackNumber(c) != null) { // and where the callback's number rings: both must allow
                v = hours.decide(CallableContact.ofPhones(callbackNumber(c)), now);
                if (!v.callable()) {
                    return Verdict.skip("outsideHours", "callback to " + callbackNumber(c) + ": " + v.reason());
                }
            }
        }
        return pickNumber(c, now, pre).withRules(pre);
    }

    /** The number a due callback is to dial instead of the contact's own (it passed the callback time), or null. */
    private static String callbackNumber(Candidate c) {
        return c.callbackAt() == null ? null : c.callbackNumber();
    }

    /**
     * The first of the contact's numbers that passes every per-number check; a due callback with its own number
     * tries only that one (column {@code callback}): refused, the contact's numbers are not dialled in its place.
     */
    private Verdict pickNumber(Candidate c, Instant now, PreCall pre) {
        List<Verdict> refused = new ArrayList<>();
        Map<String, String> numbers = new java.util.LinkedHashMap<>();
        if (callbackNumber(c) != null) {
            numbers.put(Candidate.CALLBACK_COLUMN, callbackNumber(c));
        } else {
            for (String col : pre.phoneColumn() == null ? list.phoneColumns() : List.of(pre.phoneColumn())) {
                numbers.put(col, c.get(col));
            }
        }
        for (Map.Entry<String, String> e : numbers.entrySet()) {
            String col = e.getKey();
            String raw = e.getValue();
            if (raw.isBlank()) {
                continue;
            }
            Optional<String> e164 = ledger.addresses().e164(raw);
            if (e164.isEmpty()) {
                refused.add(new Verdict(false, "invalidNumber", raw, col, col + " '" + raw + "' is not a phone number"));
                continue;
            }
            String n = e164.get();
            if (history.disconnected(n)) {
                refused.add(new Verdict(false, "sitDisconnected", n, col, n + " answered with a SIT for a disconnected number; never redialled"));
            } else if (history.attemptsTo(campaignId, c.contactId(), n) >= settings.maxAttemptsPerNumber()) {
                refused.add(new Verdict(false, "numberAttemptLimit", n, col, settings.maxAttemptsPerNumber() + " attempts made to " + n));
            } else if (consentBlocked(n)) {
                refused.add(new Verdict(false, "dnc", n, col, n + " is on the internal DNC list (consent ledger)"));
            } else {
                Optional<UUID> hit = dncList(n, now);
                Verdict outside = hit.isPresent() ? null : external.refusal(n, col);
                if (hit.isPresent()) {
                    refused.add(new Verdict(false, "dnc", n, col, n + " is on DNC list " + hit.get()));
                } else if (outside != null) {
                    refused.add(outside);
                } else {
                    return new Verdict(true, Verdict.DIALED, n, col, "dialling " + col + " " + n);
                }
            }
        }
        if (refused.isEmpty()) {
            return Verdict.skip("noNumber", "no phone number in " + list.phoneColumns());
        }
        boolean allDisconnected = refused.stream().allMatch(v -> v.code().equals("sitDisconnected"));
        Verdict first = refused.stream().filter(v -> allDisconnected || !v.code().equals("sitDisconnected")).findFirst().orElseThrow();
        String detail = (callbackNumber(c) == null ? "" : "the callback's own number, not the contact's: ")
                + String.join("; ", refused.stream().map(Verdict::detail).toList());
        return new Verdict(false, first.code(), first.number(), first.column(), detail);
    }

    static boolean holds(CampaignSettings.Filter f, String value) {
        String v = value.strip();
        return switch (f.operator()) {
            case EQUALS -> v.equals(f.value());
            case NOT_EQUALS -> !v.equals(f.value());
            case CONTAINS -> v.toLowerCase(Locale.ROOT).contains(f.value().toLowerCase(Locale.ROOT));
            case EMPTY -> v.isEmpty();
            case NOT_EMPTY -> !v.isEmpty();
        };
    }

    /** The variables a message or flow sees: the contact's columns. */
    public static Map<String, String> variables(Candidate c) {
        return c.data();
    }
}
