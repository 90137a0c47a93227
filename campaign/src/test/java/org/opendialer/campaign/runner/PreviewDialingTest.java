package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opendialer.acd.routing.AgentState;
import org.opendialer.acd.routing.Queue;
import org.opendialer.campaign.runner.Decisions.Decision;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignStatus;
import org.opendialer.contacts.consent.ConsentSource;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.contacts.lists.ContactListStore;
import org.opendialer.contacts.lists.CsvContactParser;

/**
 * Preview dialing on real parts: PostgreSQL, the ACD's call side, registered baresip agents (auto-answer) and a
 * carrier whose numbers answer as people. Cards are caught where the server would hand them to the desktop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PreviewDialingTest {

    final Fixture f = new Fixture();
    final AttemptStore attempts = new AttemptStore(f.ds);
    final Decisions decisions = new Decisions(f.ds);
    final AgentRig rig = new AgentRig();
    final List<PreviewCards.Card> cards = new CopyOnWriteArrayList<>();

    @AfterAll
    void close() {
        rig.close();
    }

    @Test
    void aDncRecordIsNeverShownSkipOffersTheNextAndCallBridgesTheAgentToTheCustomer() throws Exception {
        Queue q = queue();
        f.ledger.add(ContactChannel.PHONE, "+12015550401", ConsentSource.API, "test: on the DNC");
        ContactList list = list("d1,+12015550401,Dee,,", "s1,+12015550402,Sam,,", "c1,+12015550403,<b>Cy</b>,,");
        Campaign c = campaign(list, q, 0, null, null, "preview");
        try (AgentRig.Staffed ana = rig.agent(q, "ana"); VoiceCampaignRunner runner = runner()) {
            PreviewCards.Card first = card(runner, ana, null);
            assertThat(first.contact().get("id")).as("d1 is on the DNC list: never shown").isEqualTo("s1");
            assertThat(codes(c, f.idOf(list, "d1"))).contains("dnc").doesNotContain("previewed");
            assertThat(rig.state(ana)).isEqualTo(AgentState.PREVIEWING);
            assertThat(attempts.page(c.id(), 10, 1).total()).as("nothing dialled while previewing").isZero();

            runner.previewDecision(ana.agent().id(), first.previewId(), false);
            PreviewCards.Card next = card(runner, ana, first.previewId());
            assertThat(next.contact().get("id")).isEqualTo("c1");
            assertThat(next.scriptHtml()).as("columns escaped in the script")
                    .contains("Hello &lt;b&gt;Cy&lt;/b&gt;").doesNotContain("<b>Cy");
            assertThat(codes(c, f.idOf(list, "s1"))).contains("previewed", "skippedByAgent");
            assertThat(lastResult(list, "s1")).as("a skipped record goes back untouched").isNull();

            runner.previewDecision(ana.agent().id(), next.previewId(), true);
            assertThatThrownBy(() -> runner.previewDecision(ana.agent().id(), next.previewId(), true))
                    .as("a second click dials nothing").isInstanceOf(NoSuchElementException.class);
            AgentlessRunnerTest.await("the call settled", () -> settled(c) == 1);
            Attempt a = attempts.page(c.id(), 10, 1).items().get(0);
            assertThat(a.result()).isEqualTo("agent");
            assertThat(a.number()).isEqualTo("+12015550403");
            assertThat(a.agent().agentId()).isEqualTo(ana.agent().id());
            assertThat(a.agent().agentTalkMs()).as("bridged until the customer hung up").isGreaterThan(1000);
            assertThat(rig.heard.get("+12015550403").loudFrames.get()).as("the agent's phone heard at the customer")
                    .isGreaterThan(25);
            assertThat(attempts.page(c.id(), 10, 1).total()).isEqualTo(1);
            AgentlessRunnerTest.await("the agent's wrap-up (1 s in this queue) measured", () -> {
                runner.tick();
                return attempts.page(c.id(), 10, 1).items().get(0).agent().wrapUpMs() != null;
            });
        } finally {
            stop(c);
        }
    }

    @Test
    void theAutoDialTimerPlacesTheCallWithoutAClick() throws Exception {
        Queue q = queue();
        ContactList list = list("t1,+12015550411,Tia,,");
        Campaign c = campaign(list, q, 1, null, null, "preview");
        try (AgentRig.Staffed bo = rig.agent(q, "bo"); VoiceCampaignRunner runner = runner()) {
            card(runner, bo, null);
            AgentlessRunnerTest.await("the timer placed the call", () -> {
                runner.tick();
                return attempts.page(c.id(), 10, 1).total() == 1;
            });
            AgentlessRunnerTest.await("the call settled", () -> settled(c) == 1);
            assertThat(attempts.page(c.id(), 10, 1).items().get(0).agent().agentId()).isEqualTo(bo.agent().id());
            assertThat(decidedBy(c)).containsExactly("timer");
        } finally {
            stop(c);
        }
    }

    @Test
    void aCustomerWhosePreviewAgentDoesNotAnswerHearsTheSafeHarbourMessageAndIsCountedAbandoned() throws Exception {
        Queue q = queue();
        ContactList list = list("n1,+12015550421,Nia,,");
        Campaign c = campaign(list, q, 0, null, null, "preview");
        Duration talk = rig.talk;
        rig.talk = Duration.ofSeconds(60); // the customer stays on past the agent's 30 s
        try (AgentRig.Staffed cy = rig.agent(q, "cy", false); VoiceCampaignRunner runner = runner()) {
            PreviewCards.Card card = card(runner, cy, null);
            runner.previewDecision(cy.agent().id(), card.previewId(), true);
            // the agent's phone rings out its 30 s, then the safe-harbour message plays
            AgentlessRunnerTest.await("the unanswered preview settled", Duration.ofSeconds(120), () -> settled(c) >= 1);
            Attempt a = attempts.page(c.id(), 10, 1).items().get(0);
            assertThat(a.result()).as(a.toString()).isEqualTo("abandoned");
            assertThat(a.abandoned()).isTrue();
            assertThat(a.liveAnswer()).isTrue();
            assertThat(a.agent().agentId()).as("no agent took it").isNull();
            AgentRig.Heard h = rig.heard.get("+12015550421");
            // the queue's hold audio stops when the call is withdrawn at 30 s; before, the customer was hung up then
            assertThat(h.msToLastLoud()).as("the safe-harbour message, seconds of speech after the agent's 30 s")
                    .isGreaterThan(AgentHandOff.PREVIEW_CONNECT_WITHIN.plusSeconds(2).toMillis());
            assertThat(runner.pacer(c).abandonRate()).as("in the abandon rate").isEqualTo(1.0);
        } finally {
            rig.talk = talk;
            stop(c);
        }
    }

    @Test
    void aCallbackFromTheCardEndsItAndTheRecordComesBackWhenDueThroughTheGate() throws Exception {
        Queue q = queue();
        ContactList list = list("b1,+12015550431,Bo,,", "b2,+12015550432,Bea,,");
        Campaign c = campaign(list, q, 0, null, null, "preview");
        ShiftedClock clock = new ShiftedClock();
        try (AgentRig.Staffed di = rig.agent(q, "di"); VoiceCampaignRunner runner = runner(clock)) {
            PreviewDesk desk = runner.previewDesk();
            PreviewCards.Card first = card(runner, di, null);
            assertThat(first.contact().get("id")).isEqualTo("b1");
            assertThatThrownBy(() -> desk.callback(di.agent().id(), first.previewId(), clock.instant().minusSeconds(1)))
                    .as("not in the past").isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> desk.callback(UUID.randomUUID(), first.previewId(), clock.instant().plusSeconds(60)))
                    .as("another agent's card").isInstanceOf(NoSuchElementException.class);
            java.time.Instant at = clock.instant().plusSeconds(30);
            desk.callback(di.agent().id(), first.previewId(), at);
            assertThat(codes(c, f.idOf(list, "b1"))).contains("previewed", "callbackScheduled");
            assertThat(lastResult(list, "b1")).as("the record back as it was").isNull();
            assertThatThrownBy(() -> runner.previewDecision(di.agent().id(), first.previewId(), true))
                    .as("the card is over").isInstanceOf(NoSuchElementException.class);

            PreviewCards.Card next = card(runner, di, first.previewId());
            assertThat(next.contact().get("id")).as("b1 waits for its callback").isEqualTo("b2");
            runner.previewDecision(di.agent().id(), next.previewId(), false); // b2 skipped: held an hour
            for (int i = 0; i < 3; i++) {
                runner.tick();
            }
            assertThat(cards).as("nothing before the callback's time").noneMatch(x -> x.contact().get("id").equals("b1")
                    && !x.previewId().equals(first.previewId()));
            clock.advance(Duration.ofSeconds(31));
            PreviewCards.Card due = cardNotIn(runner, di, java.util.Set.of(first.previewId(), next.previewId()));
            assertThat(due.contact().get("id")).isEqualTo("b1");
            assertThat(clock.instant()).as("not before the callback time").isAfterOrEqualTo(at);

            // scheduled again, and the number goes on the DNC list meanwhile: the gate never shows it
            desk.callback(di.agent().id(), due.previewId(), clock.instant().plusSeconds(30));
            f.ledger.add(ContactChannel.PHONE, "+12015550431", ConsentSource.API, "test: DNC after the callback");
            clock.advance(Duration.ofSeconds(31));
            AgentlessRunnerTest.await("the due callback judged", () -> {
                runner.tick();
                return codes(c, f.idOf(list, "b1")).contains("dnc");
            });
            assertThat(cards.stream().filter(x -> x.contact().get("id").equals("b1")).map(PreviewCards.Card::previewId)
                    .distinct().count()).as("b1 shown twice, never after the DNC").isEqualTo(2);
            assertThat(attempts.page(c.id(), 10, 1).total()).as("nothing dialled").isZero();
        } finally {
            stop(c);
        }
    }

    @Test
    void aDueCallbackWaitsForTheAgentWhoScheduledItThenGoesToAnyAgentOfTheQueue() throws Exception {
        Queue q = queue();
        ShiftedClock clock = new ShiftedClock();
        try (AgentRig.Staffed fa = rig.agent(q, "fa")) {
            // k5 is fa's own record (the owner column): it keeps fa busy previewing while its callback comes due
            ContactList list = list("k1,+12015550451,Kai,,", "k2,+12015550452,Kim,,", "k3,+12015550453,Kit,,",
                    "k4,+12015550454,Kaz,,", "k5,+12015550455,Kev," + fa.agent().sipUser() + ",");
            Campaign c = campaign(list, q, 0, "owner", null, "preview");
            String k1 = f.idOf(list, "k1");
            try (VoiceCampaignRunner runner = runner(clock)) {
                PreviewDesk desk = runner.previewDesk();
                PreviewCards.Card first = card(runner, fa, null);
                assertThat(first.contact().get("id")).isEqualTo("k1");
                desk.callback(fa.agent().id(), first.previewId(), clock.instant().plusSeconds(10));
                PreviewCards.Card k2 = card(runner, fa, first.previewId());
                assertThat(k2.contact().get("id")).isEqualTo("k2");
                try (AgentRig.Staffed gu = rig.agent(q, "gu")) {
                    PreviewCards.Card k3 = card(runner, gu, null);
                    runner.previewDecision(gu.agent().id(), k3.previewId(), false);
                    PreviewCards.Card k4 = card(runner, gu, k3.previewId());
                    assertThat(k4.contact().get("id")).isEqualTo("k4");
                    runner.previewDecision(gu.agent().id(), k4.previewId(), false);

                    clock.advance(Duration.ofSeconds(11)); // k1 due; fa previews k2 (signed in, on queue): it waits
                    for (int i = 0; i < 5; i++) {
                        runner.tick();
                    }
                    assertThat(rig.state(gu)).as("gu is free, yet not given fa's callback").isEqualTo(AgentState.AVAILABLE);
                    assertThat(cards).noneMatch(x -> x.agentId().equals(gu.agent().id()) && x.contact().get("id").equals("k1"));
                    assertThat(codes(c, k1)).doesNotContain("callbackToQueue");

                    runner.previewDecision(fa.agent().id(), k2.previewId(), false);
                    PreviewCards.Card back = cardNotIn(runner, fa, java.util.Set.of(first.previewId(), k2.previewId()));
                    assertThat(back.contact().get("id")).as("fa free: its callback is its next card").isEqualTo("k1");
                    assertThat(details(c, k1)).anyMatch(d -> d.startsWith("the callback it scheduled, shown to agent "
                            + fa.agent().id()));

                    // again; fa then previews k5 past the wait (60 s): the callback goes to gu, and the log says why
                    desk.callback(fa.agent().id(), back.previewId(), clock.instant().plusSeconds(10));
                    PreviewCards.Card k5 = cardNotIn(runner, fa, java.util.Set.of(first.previewId(), k2.previewId(),
                            back.previewId()));
                    assertThat(k5.contact().get("id")).isEqualTo("k5");
                    clock.advance(Duration.ofSeconds(11 + 60));
                    PreviewCards.Card toGu = cardNotIn(runner, gu, java.util.Set.of(k3.previewId(), k4.previewId()));
                    assertThat(toGu.contact().get("id")).isEqualTo("k1");
                    assertThat(details(c, k1)).contains("the callback agent " + fa.agent().id()
                            + " scheduled goes to any agent of the queue: the agent is not free within 60 s (PREVIEWING)");

                    // gu's own callback, and gu goes on a break: at once to the queue (fa, once free)
                    desk.callback(gu.agent().id(), toGu.previewId(), clock.instant().plusSeconds(10));
                    rig.acd.agents().request(gu.agent().id(), AgentState.BREAK, "coffee");
                    runner.previewDecision(fa.agent().id(), k5.previewId(), false);
                    clock.advance(Duration.ofSeconds(11));
                    PreviewCards.Card toFa = cardNotIn(runner, fa, java.util.Set.of(first.previewId(), k2.previewId(),
                            back.previewId(), k5.previewId()));
                    assertThat(toFa.contact().get("id")).isEqualTo("k1");
                    assertThat(details(c, k1)).contains("the callback agent " + gu.agent().id()
                            + " scheduled goes to any agent of the queue: the agent is away (BREAK)");
                    assertThat(attempts.page(c.id(), 10, 1).total()).as("nothing dialled").isZero();
                }
            } finally {
                stop(c);
            }
        }
    }

    @Test
    void anAgentSearchesTheListAndTakesACallableRecordInPlaceOfItsCard() throws Exception {
        Queue q = queue();
        f.ledger.add(ContactChannel.PHONE, "+12015550443", ConsentSource.API, "test: on the DNC");
        ContactList list = list("s1,+12015550441,Sam,,", "s2,+12015550442,Sue,,", "s3,+12015550443,sam,,");
        Campaign c = campaign(list, q, 0, null, null, "preview");
        try (AgentRig.Staffed ed = rig.agent(q, "ed"); VoiceCampaignRunner runner = runner()) {
            PreviewDesk desk = runner.previewDesk();
            PreviewCards.Card first = card(runner, ed, null);
            assertThat(first.contact().get("id")).isEqualTo("s1");

            PreviewDesk.Page sams = desk.search(ed.agent().id(), c.id(), "name", "SAM", 25, 1);
            assertThat(sams.total()).isEqualTo(2);
            assertThat(sams.items()).extracting(PreviewDesk.Found::code).containsExactly("previewing", "dnc");
            assertThat(sams.items()).noneMatch(PreviewDesk.Found::callableNow);
            PreviewDesk.Page sue = desk.search(ed.agent().id(), c.id(), "name", "sue", 25, 1);
            assertThat(sue.items()).singleElement().satisfies(x -> assertThat(x.callableNow()).isTrue());

            String s3 = f.idOf(list, "s3");
            assertThatThrownBy(() -> desk.take(ed.agent().id(), c.id(), s3)).isInstanceOf(PreviewDesk.Refused.class)
                    .satisfies(e -> assertThat(((PreviewDesk.Refused) e).code()).isEqualTo("dnc"));
            assertThat(codes(c, s3)).as("the refusal is in the decision log").contains("dnc");
            assertThat(rig.state(ed)).as("the open card stays").isEqualTo(AgentState.PREVIEWING);

            UUID taken = desk.take(ed.agent().id(), c.id(), sue.items().getFirst().contactId());
            assertThat(codes(c, f.idOf(list, "s1"))).as("the card it had went back").contains("previewReleased");
            assertThat(lastResult(list, "s1")).isNull();
            PreviewCards.Card card = card(runner, ed, first.previewId());
            assertThat(card.previewId()).isEqualTo(taken);
            assertThat(card.contact().get("id")).isEqualTo("s2");

            var stranger = rig.acd.agents().create("stranger " + UUID.randomUUID(), null, null, null);
            assertThatThrownBy(() -> desk.search(stranger.id(), c.id(), "name", "sam", 25, 1))
                    .as("an agent outside the campaign's queue").isInstanceOf(NoSuchElementException.class);
        } finally {
            stop(c);
        }
    }

    @Test
    void anOwnedRecordGoesOnlyToItsOwnerAndALeftPreviewGivesItBackUntouched() throws Exception {
        Queue q = queue();
        try (AgentRig.Staffed cy = rig.agent(q, "cy"); AgentRig.Staffed di = rig.agent(q, "di")) {
            ContactList list = list("o1,+12015550421,Oda," + di.agent().sipUser() + ",");
            Campaign c = campaign(list, q, 0, "owner", null, "preview");
            try (VoiceCampaignRunner runner = runner()) {
                PreviewCards.Card card = card(runner, di, null);
                for (int i = 0; i < 5; i++) {
                    runner.tick();
                }
                assertThat(cards).as("nothing for cy: the only record is di's")
                        .noneMatch(x -> x.agentId().equals(cy.agent().id()));
                assertThat(rig.state(cy)).isEqualTo(AgentState.AVAILABLE);
                assertThat(card.contact().get("id")).isEqualTo("o1");

                rig.acd.agents().request(di.agent().id(), AgentState.BREAK, "lunch");
                AgentlessRunnerTest.await("the record given back", () -> {
                    runner.tick();
                    return codes(c, f.idOf(list, "o1")).contains("previewReleased");
                });
                assertThat(lastResult(list, "o1")).isNull();
                assertThat(attempts.page(c.id(), 10, 1).total()).isZero();
            } finally {
                stop(c);
            }
        }
    }

    @Test
    void aForcedRecordOfAProgressiveCampaignIsPreviewedNotDialledAndARestartOffersTheSameCard() throws Exception {
        Queue q = queue();
        ContactList list = list("f1,+12015550431,Fay,,yes");
        Campaign c = campaign(list, q, 0, null, "force", "progressive");
        try (AgentRig.Staffed ed = rig.agent(q, "ed")) {
            PreviewCards.Card card;
            try (VoiceCampaignRunner first = runner()) {
                card = card(first, ed, null);
                for (int i = 0; i < 5; i++) {
                    first.tick();
                }
                assertThat(attempts.page(c.id(), 10, 1).total()).as("forced: never auto-dialled").isZero();
            }
            // the node is gone (its runner closed without touching the reservation): the next one offers it again
            cards.clear();
            try (VoiceCampaignRunner again = runner()) {
                PreviewCards.Card resent = card(again, ed, null);
                assertThat(resent.previewId()).isEqualTo(card.previewId());
                again.previewDecision(ed.agent().id(), resent.previewId(), true);
                AgentlessRunnerTest.await("the call settled", () -> {
                    again.tick();
                    return settled(c) == 1;
                });
                Attempt a = attempts.page(c.id(), 10, 1).items().get(0);
                assertThat(a.result()).isEqualTo("agent");
                assertThat(a.agent().agentId()).isEqualTo(ed.agent().id());
                assertThat(attempts.page(c.id(), 10, 1).total()).as("dialled once").isEqualTo(1);
            }
        } finally {
            stop(c);
        }
    }

    /** The next card for {@code agent} other than {@code not}, ticking the runner. */
    private PreviewCards.Card card(VoiceCampaignRunner runner, AgentRig.Staffed agent, UUID not) throws Exception {
        return cardNotIn(runner, agent, not == null ? java.util.Set.of() : java.util.Set.of(not));
    }

    /** The first card sent to {@code agent} that is none of {@code seen}, ticking the runner until there is one. */
    private PreviewCards.Card cardNotIn(VoiceCampaignRunner runner, AgentRig.Staffed agent, java.util.Set<UUID> seen)
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

    private VoiceCampaignRunner runner() {
        return runner(Clock.systemUTC());
    }

    private VoiceCampaignRunner runner(Clock clock) {
        VoiceCampaignRunner r = new VoiceCampaignRunner(f.ds, f.ledger, rig.sessions, LiveAnswerFlows.NONE, rig.queueCalls,
                clock, AgentlessRunnerTest.node());
        r.usePreviewCards(cards::add);
        return r;
    }

    private Queue queue() {
        return rig.acd.queues().create(Queue.Settings.named("preview" + UUID.randomUUID()).withTimers(0, 10, 1));
    }

    /** Columns id, phone, name, owner, force. */
    private ContactList list(String... rows) {
        String csv = "id,phone,name,owner,force\n" + String.join("\n", rows) + "\n";
        return new ContactListStore(f.ds, f.addresses).create("list-" + UUID.randomUUID(), csv,
                new CsvContactParser.Spec(List.of("phone"), List.of(), null));
    }

    private Campaign campaign(ContactList list, Queue q, int timer, String owner, String force, String mode) {
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
            return n;
        }));
        f.campaigns.moveTo(c.id(), CampaignStatus.ON);
        return c;
    }

    private List<String> codes(Campaign c, String contactId) {
        return decisions.page(c.id(), contactId, 100, 1).items().stream().map(Decision::code).toList();
    }

    private List<String> details(Campaign c, String contactId) {
        return decisions.page(c.id(), contactId, 100, 1).items().stream().map(Decision::detail).toList();
    }

    private String lastResult(ContactList list, String key) throws Exception {
        try (Connection conn = f.ds.getConnection();
             PreparedStatement s = conn.prepareStatement("SELECT last_result FROM contact WHERE list_id = ? AND id = ?")) {
            s.setObject(1, list.id());
            s.setString(2, f.idOf(list, key));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    private List<String> decidedBy(Campaign c) throws Exception {
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

    private long settled(Campaign c) {
        return attempts.page(c.id(), 500, 1).items().stream().filter(a -> a.result() != null).count();
    }

    private void stop(Campaign c) {
        if (f.campaigns.require(c.id()).status() == CampaignStatus.ON) {
            f.campaigns.moveTo(c.id(), CampaignStatus.STOPPING);
        }
    }
}
