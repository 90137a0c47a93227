package org.opendialer.campaign.runner;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.opendialer.acd.routing.Queue;
import org.opendialer.campaign.runner.Decisions.Decision;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignStatus;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.contacts.lists.ContactListStore;
import org.opendialer.contacts.lists.CsvContactParser;

/**
 * Preview on real parts, shared by its tests: PostgreSQL, the ACD's call side, registered baresip agents
 * (auto-answer), a carrier whose numbers answer as people; cards caught where the server would hand them to the
 * desktop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PreviewTestBase {

    final Fixture f = new Fixture();
    final AttemptStore attempts = new AttemptStore(f.ds);
    final Decisions decisions = new Decisions(f.ds);
    final AgentRig rig = new AgentRig();
    final List<PreviewCards.Card> cards = new CopyOnWriteArrayList<>();

    @AfterAll
    void close() {
        rig.close();
    }

    /** The next card for {@code agent} other than {@code not}, ticking the runner. */
    PreviewCards.Card card(VoiceCampaignRunner runner, AgentRig.Staffed agent, UUID not) throws Exception {
        return cardNotIn(runner, agent, not == null ? java.util.Set.of() : java.util.Set.of(not));
    }

    /** The first card sent to {@code agent} that is none of {@code seen}, ticking the runner until there is one. */
    PreviewCards.Card cardNotIn(VoiceCampaignRunner runner, AgentRig.Staffed agent, java.util.Set<UUID> seen)
            throws Exception {
        PreviewCards.Card[] got = new PreviewCards.Card[1];
        AgentlessRunnerTest.await("a preview card for " + agent.agent().name(), () -> {
            runner.tick();
            got[0] = cards.stream().filter(x -> x.agentId().equals(agent.agent().id()) && !seen.contains(x.previewId()))
                    .findFirst().orElse(null);
            return got[0] != null;
        });
        return got[0];
    }

    VoiceCampaignRunner runner() {
        return runner(Clock.systemUTC());
    }

    VoiceCampaignRunner runner(Clock clock) {
        VoiceCampaignRunner r = new VoiceCampaignRunner(f.ds, f.ledger, rig.sessions, LiveAnswerFlows.NONE, rig.queueCalls,
                clock, AgentlessRunnerTest.node());
        r.usePreviewCards(cards::add);
        return r;
    }

    Queue queue() {
        return rig.acd.queues().create(Queue.Settings.named("preview" + UUID.randomUUID()).withTimers(0, 10, 1));
    }

    /** Columns id, phone, name, owner, force. */
    ContactList list(String... rows) {
        String csv = "id,phone,name,owner,force\n" + String.join("\n", rows) + "\n";
        return new ContactListStore(f.ds, f.addresses).create("list-" + UUID.randomUUID(), csv,
                new CsvContactParser.Spec(List.of("phone"), List.of(), null));
    }

    Campaign campaign(ContactList list, Queue q, int timer, String owner, String force, String mode) {
        return campaign(list, q, timer, owner, force, mode, n -> { });
    }

    /** @param more further settings (DNC lists, a time set) over the preview defaults */
    Campaign campaign(ContactList list, Queue q, int timer, String owner, String force, String mode,
                      java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> more) {
        Campaign c = f.campaign(list, s -> Fixture.with(s, n -> {
            n.put("trunkGroup", "main").put("dialingMode", mode).put("queueId", q.id().toString()).remove("message");
            n.putObject("amd").put("enabled", false);
            var m = n.putObject("agentMode").put("previewTimer", timer).put("safeHarbourCompany", "Acme")
                    .put("safeHarbourNumber", "555 0100");
            if (owner != null) {
                m.put("agentOwnerColumn", owner);
            }
            if (force != null) {
                m.put("forcePreviewColumn", force);
            }
            var script = m.putObject("script").put("template", "<p>Hello {{name}}, about your order.</p>");
            script.putArray("actions").addObject().put("label", "Not interested").put("kind", "doNotCall");
            more.accept(n);
            return n;
        }));
        f.campaigns.moveTo(c.id(), CampaignStatus.ON);
        return c;
    }

    List<String> codes(Campaign c, String contactId) {
        return decisions.page(c.id(), contactId, 100, 1).items().stream().map(Decision::code).toList();
    }

    List<String> details(Campaign c, String contactId) {
        return decisions.page(c.id(), contactId, 100, 1).items().stream().map(Decision::detail).toList();
    }

    String lastResult(ContactList list, String key) throws Exception {
        return stored(list, key, "last_result");
    }

    /** A column of the contact table (not of the list's data) for the contact whose "id" is {@code key}. */
    String stored(ContactList list, String key, String column) throws Exception {
        try (Connection conn = f.ds.getConnection();
             PreparedStatement s = conn.prepareStatement("SELECT " + column + " FROM contact WHERE list_id = ? AND id = ?")) {
            s.setObject(1, list.id());
            s.setString(2, f.idOf(list, key));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    List<String> decidedBy(Campaign c) throws Exception {
        try (Connection conn = f.ds.getConnection();
             PreparedStatement s = conn.prepareStatement("SELECT decided_by FROM campaign_preview WHERE campaign_id = ?"
                     + " AND attempt_id IS NOT NULL")) {
            s.setObject(1, c.id());
            List<String> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        }
    }

    long settled(Campaign c) {
        return attempts.page(c.id(), 500, 1).items().stream().filter(a -> a.result() != null).count();
    }

    void stop(Campaign c) {
        if (f.campaigns.require(c.id()).status() == CampaignStatus.ON) {
            f.campaigns.moveTo(c.id(), CampaignStatus.STOPPING);
        }
    }
}
