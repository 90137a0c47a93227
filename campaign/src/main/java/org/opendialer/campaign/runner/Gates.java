package org.opendialer.campaign.runner;

import java.time.Clock;
import javax.sql.DataSource;
import java.util.List;
import java.util.UUID;
import org.opendialer.campaign.rules.RuleSet;
import org.opendialer.campaign.rules.RuleSets;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignSettings;
import org.opendialer.contacts.callable.CallableHours;
import org.opendialer.contacts.callable.CallableTimeSets;
import org.opendialer.contacts.callable.ContactZones;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.contacts.consent.ConsentLedger;
import org.opendialer.contacts.dnc.DncEntries;
import org.opendialer.contacts.dnc.DncLists;
import org.opendialer.contacts.dnc.external.ExternalDncConfig;
import org.opendialer.contacts.dnc.external.ExternalDncLists;
import org.opendialer.contacts.dnc.external.SecretsConfig;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.contacts.lists.ContactListStore;

/** Builds a campaign's {@link Gate} from its current settings, list and time set (read again every tick). */
public final class Gates {

    private final ConsentLedger ledger;
    private final AttemptStore history;
    private final Clock clock;
    private final ContactListStore lists;
    private final CallableTimeSets timeSets;
    private final DncEntries dnc;
    private final ContactZones zones;
    private final RuleSets ruleSets;
    private final ExternalDncLists external;

    /** Without a secrets key: a campaign's external DNC lists answer for no number (so none of them is dialled). */
    public Gates(DataSource ds, ConsentLedger ledger, AttemptStore history, Clock clock) {
        this(ds, ledger, history, clock, ExternalDncLists.of(ds, ExternalDncConfig.defaults(), SecretsConfig.none(), clock));
    }

    public Gates(DataSource ds, ConsentLedger ledger, AttemptStore history, Clock clock, ExternalDncLists external) {
        this.external = external;
        this.ledger = ledger;
        this.history = history;
        this.clock = clock;
        this.lists = new ContactListStore(ds, ledger.addresses());
        this.timeSets = new CallableTimeSets(ds);
        this.dnc = new DncEntries(ds, new DncLists(ds), ledger);
        this.zones = new ContactZones(ledger.addresses().defaultRegion());
        this.ruleSets = new RuleSets(ds);
    }

    /** The campaign's rule sets, in its order. */
    public List<RuleSet> ruleSets(Campaign c) {
        return ruleSets.all(c.settings().ruleSetIds());
    }

    /** How the list reads phone numbers: its default region, else the node's (as its import read them). */
    Addresses addresses(UUID listId) {
        String region = lists.find(listId).map(ContactList::defaultRegion).orElse(null);
        return region == null ? ledger.addresses() : new Addresses(region);
    }

    public Gate of(Campaign c) {
        CampaignSettings s = c.settings();
        ContactList list = lists.find(s.contactListId())
                .orElseThrow(() -> new IllegalStateException("campaign " + c.id() + ": contact list " + s.contactListId() + " is gone"));
        CallableHours hours = s.callableTimeSetId() == null ? null : timeSets.find(s.callableTimeSetId())
                .map(set -> new CallableHours(set, s.unknownZoneRule(), zones, clock))
                .orElseThrow(() -> new IllegalStateException("campaign " + c.id() + ": callable time set " + s.callableTimeSetId() + " is gone"));
        Gate gate = new Gate(c.id(), s, list, hours, dnc, ledger, history, ruleSets.all(s.ruleSetIds()));
        List<ExternalDncLists.Source> outside = external.of(s.dncListIds());
        return outside.isEmpty() ? gate : gate.withExternal(new ExternalScrubs(outside));
    }
}
