package org.opendialer.campaign.runner;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignSettings;
import org.opendialer.campaign.settings.CampaignStore;
import org.opendialer.contacts.callable.CallableTimeSet;
import org.opendialer.contacts.callable.CallableTimeSets;
import org.opendialer.contacts.callable.CallableWindow;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.contacts.consent.ConsentLedger;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.contacts.lists.ContactListStore;
import org.opendialer.contacts.lists.CsvContactParser;
import org.opendialer.store.testing.TestDb;

/** Lists, time sets and campaigns for the runner's tests, each with fresh unique names. */
final class Fixture {

    final DataSource ds = TestDb.dataSource();
    final Addresses addresses = new Addresses("US");
    final ConsentLedger ledger = new ConsentLedger(ds, addresses);
    final CampaignStore campaigns = new CampaignStore(ds);

    /** A list with columns id, phone, phone2, tz from {@code rows} ("id,phone,phone2,tz"). */
    ContactList list(String... rows) {
        String csv = "id,phone,phone2,tz\n" + String.join("\n", rows) + "\n";
        return new ContactListStore(ds, addresses).create("list-" + UUID.randomUUID(), csv,
                new CsvContactParser.Spec(List.of("phone", "phone2"), List.of(), "tz"));
    }

    /** A list with columns id, phone, zip, the last its postal-code column (no time-zone column). */
    ContactList listWithPostalCodes(String... rows) {
        String csv = "id,phone,zip\n" + String.join("\n", rows) + "\n";
        return new ContactListStore(ds, addresses).create("list-" + UUID.randomUUID(), csv,
                new CsvContactParser.Spec(List.of("phone"), null, List.of(), null, "zip", null, null));
    }

    /** The stored id of the contact whose "id" column is {@code key} (stored ids are generated). */
    String idOf(ContactList list, String key) {
        return new ContactListStore(ds, addresses).contacts(list.id()).stream().filter(c -> c.get("id").equals(key))
                .findFirst().orElseThrow().id();
    }

    /** Every day 09:00-20:00 local. */
    CallableTimeSet daytime() {
        List<CallableWindow> w = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            w.add(new CallableWindow(d, LocalTime.of(9, 0), LocalTime.of(20, 0)));
        }
        return new CallableTimeSets(ds).create(CallableTimeSet.draft("day-" + UUID.randomUUID(), w, List.of()));
    }

    Campaign campaign(ContactList list, UnaryOperator<CampaignSettings> tweak) {
        CampaignSettings s = new CampaignSettings("c-" + UUID.randomUUID(), list.id(), null, null, null, "Acme",
                "+15550001111", "", "Hello {{id}}, this is Acme.", null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
        return campaigns.create(tweak.apply(s));
    }

    /**
     * A progressive campaign on {@code queueId} at {@code priority}, AMD off, one attempt per contact, dialling
     * through {@code trunkGroup} (one without trunks ends each call at once: then what counts is who claims).
     */
    Campaign progressiveOnQueue(ContactList list, UUID queueId, int priority, String trunkGroup) {
        return campaign(list, s -> with(s, n -> {
            n.put("trunkGroup", trunkGroup).put("dialingMode", "progressive").put("queueId", queueId.toString())
                    .put("priority", priority).put("maxAttemptsPerContact", 1).put("callsPerSecond", 100).remove("message");
            n.putObject("amd").put("enabled", false);
            n.putObject("agentMode").put("safeHarbourCompany", "Acme Energy").put("safeHarbourNumber", "555 0100");
            return n;
        }));
    }

    static CampaignSettings with(CampaignSettings s, java.util.function.Function<com.fasterxml.jackson.databind.node.ObjectNode, ?> edit) {
        var node = CampaignStore.JSON.valueToTree(s);
        edit.apply((com.fasterxml.jackson.databind.node.ObjectNode) node);
        try {
            return CampaignStore.JSON.treeToValue((com.fasterxml.jackson.databind.JsonNode) node, CampaignSettings.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
