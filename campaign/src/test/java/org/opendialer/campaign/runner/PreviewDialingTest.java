package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opendialer.acd.routing.AgentState;
import org.opendialer.acd.routing.Queue;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.contacts.consent.ConsentSource;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.store.testing.ShiftedClock;

/**
 * Preview dialing on real parts: PostgreSQL, the ACD's call side, registered baresip agents (auto-answer) and a
 * carrier whose numbers answer as people. Cards are caught where the server would hand them to the desktop.
 */
class PreviewDialingTest extends PreviewTestBase {

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
            assertThatThrownBy(() -> desk.callback(di.agent().id(), first.previewId(), clock.instant().minusSeconds(1), List.of()))
                    .as("not in the past").isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> desk.callback(UUID.randomUUID(), first.previewId(), clock.instant().plusSeconds(60), List.of()))
                    .as("another agent's card").isInstanceOf(NoSuchElementException.class);
            java.time.Instant at = clock.instant().plusSeconds(30);
            desk.callback(di.agent().id(), first.previewId(), at, List.of());
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
            desk.callback(di.agent().id(), due.previewId(), clock.instant().plusSeconds(30), List.of());
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

}
