package org.opendialer.api.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.opendialer.api.auth.ClientStore;
import org.opendialer.api.auth.NewClient;
import org.opendialer.api.auth.SecretHasher;
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
 * @param client the demo API client (scopes calls, campaigns, flows, messaging: contact lists), with this start's secret
 */
record DemoData(ContactList list, StoredFlow flow, String did, NewClient client) {

    static final String LIST_NAME = "demo";
    static final String CLIENT_ID = "demo";
    /** Our number in the fictional range: the demo trunk's caller ID and the flow's DID. */
    static final String DID = "+12015550199";

    static DemoData seed(DataSource ds, PatternTable table, Clock clock) {
        ContactList list = contactList(ds, table);
        FlowStore flows = new FlowStore(ds, clock, FlowValidator.Directory.UNCHECKED);
        String doc = resource("/demo/demo-flow.yaml");
        String name = "demo-welcome";
        StoredFlow flow = flows.list(1, 500).entities().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseGet(() -> flows.create(doc));
        flows.publish(flow.id());
        new DidRoutes(ds, clock).put(DID, flow.id());
        createDemoCampaign(list, flow);
        return new DemoData(list, flows.get(flow.id()).orElseThrow(), DID, client(ds));
    }

    /**
     * THE place where the demo campaign is to be created (an agentless campaign over {@code list} whose live
     * answers go to {@code flow}), once the voice campaign API of issue 15 is merged. Nothing is created yet:
     * the campaign store is being built on another branch, and a stand-in would only mislead.
     */
    static void createDemoCampaign(ContactList list, StoredFlow flow) {
        // intentionally empty until the campaign store exists
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
