package org.opendialer.api.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.opendialer.api.auth.ClientStore;
import org.opendialer.api.auth.NewClient;
import org.opendialer.api.auth.SecretHasher;
import org.opendialer.campaign.pacing.DialingMode;
import org.opendialer.campaign.settings.AmdAction;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignSettings;
import org.opendialer.campaign.settings.CampaignStore;
import org.opendialer.contacts.Conflict;
import org.opendialer.contacts.callable.CallableTimeSet;
import org.opendialer.contacts.callable.CallableTimeSets;
import org.opendialer.contacts.callable.CallableWindow;
import org.opendialer.contacts.consent.Addresses;
import org.opendialer.contacts.lists.ContactImportException;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.contacts.lists.ContactListStore;
import org.opendialer.contacts.lists.CsvContactParser;
import org.opendialer.demo.PatternTable;
import org.opendialer.ivr.flow.DidRoutes;
import org.opendialer.ivr.flow.FlowStore;
import org.opendialer.ivr.flow.FlowValidator;
import org.opendialer.ivr.flow.StoredFlow;

/**
 * What {@code ./dialer up --demo} puts in the database through the normal stores, once (a restart finds it): a
 * contact list with one number per carrier pattern, a published flow routed from a DID, and an API client whose
 * secret is renewed on every start so the printed commands always work.
 *
 * @param campaign the demo's agentless campaign over {@code list} (off until started through the API)
 * @param client the demo API client (scopes calls, campaigns, flows, messaging: contact lists), with this start's secret
 */
record DemoData(ContactList list, StoredFlow flow, String did, Campaign campaign, NewClient client) {

    static final String LIST_NAME = "demo";
    static final String CLIENT_ID = "demo";
    /** Our number in the fictional range: the demo trunk's caller ID and the flow's DID. */
    static final String DID = "+12015550199";
    static final String CAMPAIGN_NAME = "demo";
    /** The demo campaign's callable time set: every hour of every day, stated in the banner. */
    static final String ANY_HOUR = "demo: any hour";
    /** Ring time of the demo campaign's calls: the shortest allowed, so a no-answer ends soon. */
    static final int RING_SECONDS = CampaignSettings.MIN_RING_SECONDS;
    static final String MESSAGE = "Hello {{name}}, this is the opendialer demo campaign. Thank you, goodbye.";

    static DemoData seed(DataSource ds, PatternTable table, Clock clock) {
        ContactList list = contactList(ds, table);
        FlowStore flows = new FlowStore(ds, clock, FlowValidator.Directory.UNCHECKED);
        String doc = resource("/demo/demo-flow.yaml");
        String name = "demo-welcome";
        StoredFlow flow = flows.list(1, 500).entities().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseGet(() -> flows.create(doc));
        flows.publish(flow.id());
        new DidRoutes(ds, clock).put(DID, flow.id());
        Campaign campaign = createDemoCampaign(ds, list);
        return new DemoData(list, flows.get(flow.id()).orElseThrow(), DID, campaign, client(ds));
    }

    /**
     * The demo's agentless campaign over {@code list}, created once through the campaign store (a restart finds it
     * by name and leaves it, and its status, alone). A person hears {@link #MESSAGE}, a machine hears it after its
     * beep; one attempt a contact so a run ends {@code complete}. The live-answer flow is not used: its executor
     * on campaign calls is not built yet, so the message is what a person gets.
     *
     * <p>Callable hours go through the gate like any campaign's: the campaign names the time set
     * {@value #ANY_HOUR} (every day 00:00-24:00), a demo setting the banner states, so the demo runs at any hour
     * of the newcomer's day; the numbers are fictional (555-01xx) and reach only the carrier on loopback.
     */
    static Campaign createDemoCampaign(DataSource ds, ContactList list) {
        CampaignStore campaigns = new CampaignStore(ds);
        for (Campaign c : campaigns.page(500, 1).items()) {
            if (c.settings().name().equals(CAMPAIGN_NAME)) {
                return c;
            }
        }
        CampaignSettings s = new CampaignSettings(CAMPAIGN_NAME, list.id(), List.of(), anyHour(ds).id(),
                DialingMode.AGENTLESS, "opendialer demo", DID, DemoNode.TRUNK, MESSAGE, null, null, 1, 1, null,
                RING_SECONDS, new CampaignSettings.Amd(true, AmdAction.MESSAGE, AmdAction.MESSAGE_AFTER_BEEP),
                null, 10, 5.0, null, null, null, null,
                new CampaignSettings.UnknownZoneChoice(CampaignSettings.UnknownZoneChoice.Action.USE_DEFAULT, "America/New_York"),
                "US", null, null);
        try {
            return campaigns.create(s);
        } catch (Conflict e) {
            // another start created it meanwhile
            return campaigns.page(500, 1).items().stream().filter(c -> c.settings().name().equals(CAMPAIGN_NAME))
                    .findFirst().orElseThrow(() -> e);
        }
    }

    private static CallableTimeSet anyHour(DataSource ds) {
        CallableTimeSets sets = new CallableTimeSets(ds);
        return sets.page(500, 1).items().stream().filter(t -> t.name().equals(ANY_HOUR)).findFirst()
                .orElseGet(() -> sets.create(CallableTimeSet.draft(ANY_HOUR, Arrays.stream(DayOfWeek.values())
                        .map(d -> new CallableWindow(d, LocalTime.MIN, LocalTime.MAX)).toList(), List.of())));
    }

    private static ContactList contactList(DataSource ds, PatternTable table) {
        ContactListStore lists = new ContactListStore(ds, new Addresses("US"));
        StringBuilder csv = new StringBuilder("name,phone,pattern\n");
        for (String n : PatternTable.demoNumbers()) {
            PatternTable.Rule r = table.match(n);
            String what = r.behaviour().name().toLowerCase(java.util.Locale.ROOT) + (r.key() != 0 ? " (presses " + r.key() + ")" : "");
            csv.append("Demo ").append(n.substring(n.length() - 4)).append(',').append(n).append(',').append(what).append('\n');
        }
        try {
            return lists.create(LIST_NAME, csv.toString(), new CsvContactParser.Spec(List.of("phone"), List.of(), null));
        } catch (ContactImportException e) {
            // created by an earlier start
            return lists.list().stream().filter(l -> l.name().equals(LIST_NAME)).findFirst().orElseThrow(() -> e);
        }
    }

    private static NewClient client(DataSource ds) {
        String secret = SecretHasher.newSecret();
        try {
            ClientStore clients = new ClientStore(ds);
            clients.upsertSeeded(CLIENT_ID, "demo (./dialer up --demo)", secret,
                    List.of("calls", "campaigns", "flows", "messaging"));
            return new NewClient(clients.find(CLIENT_ID).orElseThrow(), secret);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the demo API client: " + e.getMessage(), e);
        }
    }

    static String resource(String path) {
        try (InputStream in = DemoData.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
