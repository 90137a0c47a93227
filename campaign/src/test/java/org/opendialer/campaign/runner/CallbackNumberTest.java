package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opendialer.acd.routing.Queue;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.contacts.dnc.DncEntries;
import org.opendialer.contacts.dnc.DncLists;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.store.testing.ShiftedClock;

/**
 * A callback that names another number (Genesys' callbackNumbers, V39): when due the gate judges that number alone
 * and the call goes there, not to the contact's own (the card says so); refused, nothing is dialled in its place
 * until the callback is cancelled; a bad number changes nothing. Real parts: PostgreSQL, baresip agents, the
 * carrier; the runner's clock is moved ahead, not waited for.
 */
class CallbackNumberTest extends PreviewTestBase {

    @Test
    void aCallbackToAnotherNumberDialsThatNumberAndNotTheContactsOwn() throws Exception {
        Queue q = queue();
        ContactList list = list("r1,+12015550471,Rae,,");
        Campaign c = campaign(list, q, 0, null, null, "preview");
        ShiftedClock clock = new ShiftedClock();
        try (AgentRig.Staffed jo = rig.agent(q, "jo"); VoiceCampaignRunner runner = runner(clock)) {
            PreviewCards.Card first = card(runner, jo, null);
            PreviewDesk.Scheduled s = runner.previewDesk().callback(jo.agent().id(), first.previewId(),
                    clock.instant().plusSeconds(30), List.of("(201) 555-0479")); // national: the list's region (US)
            assertThat(s.number()).isEqualTo("+12015550479");
            assertThat(details(c, s.contactId())).anyMatch(d -> d.contains("scheduled a callback for") && d.endsWith(
                    " to +12015550479"));

            clock.advance(Duration.ofSeconds(31));
            PreviewCards.Card due = cardNotIn(runner, jo, Set.of(first.previewId()));
            assertThat(due.contact().get("id")).isEqualTo("r1");
            assertThat(due.callbackNumber()).as("the card says where Call goes").isEqualTo("+12015550479");
            assertThat(first.callbackNumber()).as("no callback yet: the contact's own").isNull();
            runner.previewDecision(jo.agent().id(), due.previewId(), true);
            AgentlessRunnerTest.await("the callback's call settled", () -> settled(c) == 1);
            Attempt a = attempts.page(c.id(), 10, 1).items().get(0);
            assertThat(a.number()).isEqualTo("+12015550479");
            assertThat(a.phoneColumn()).isEqualTo("callback");
            assertThat(a.result()).isEqualTo("agent");
            assertThat(rig.heard).as("the carrier was called at the callback's number only")
                    .containsKey("+12015550479").doesNotContainKey("+12015550471");
            assertThat(stored(list, "r1", "callback_number")).as("cleared with callback_at by the claim").isNull();
        } finally {
            stop(c);
        }
    }

    @Test
    void aCallbackToANumberOnADncListIsNotDialledNorIsTheContactsOwnTheLogSaysWhyAndCancellingItFreesTheContact()
            throws Exception {
        DncLists dncLists = new DncLists(f.ds);
        UUID dnc = dncLists.create("dnc-" + UUID.randomUUID()).id();
        new DncEntries(f.ds, dncLists, f.ledger).add(dnc, ContactChannel.PHONE, List.of("+12015550482"), null);
        Queue q = queue();
        ContactList list = list("d1,+12015550481,Dot,,");
        Campaign c = campaign(list, q, 0, null, null, "preview", n -> n.putArray("dncListIds").add(dnc.toString()));
        ShiftedClock clock = new ShiftedClock();
        try (AgentRig.Staffed lu = rig.agent(q, "lu"); VoiceCampaignRunner runner = runner(clock)) {
            PreviewCards.Card first = card(runner, lu, null);
            String d1 = f.idOf(list, "d1");
            runner.previewDesk().callback(lu.agent().id(), first.previewId(), clock.instant().plusSeconds(30),
                    List.of("+1 201 555 0482"));
            clock.advance(Duration.ofSeconds(31));
            AgentlessRunnerTest.await("the due callback judged", () -> {
                runner.tick();
                return codes(c, d1).contains("dnc");
            });
            for (int i = 0; i < 3; i++) {
                runner.tick();
            }
            assertThat(details(c, d1)).contains("the callback's own number, not the contact's: +12015550482 is on DNC list "
                    + dnc);
            assertThat(cards).as("shown once, before the callback; its own number is clean but not dialled in its place")
                    .filteredOn(x -> x.contact().get("id").equals("d1")).hasSize(1);
            assertThat(attempts.page(c.id(), 10, 1).total()).as("nothing dialled").isZero();
            assertThat(rig.heard).doesNotContainKeys("+12015550482", "+12015550481");
            assertThat(stored(list, "d1", "skip_reason")).as("the contact shows the refusal").isEqualTo("dnc");
            assertThat(stored(list, "d1", "callback_number")).isEqualTo("+12015550482");

            // cancelled (the API's DELETE …/contacts/{id}/callback): time, owner and number go together, and the
            // contact's own clean number is previewed again
            ScheduledCallbacks callbacks = new ScheduledCallbacks(f.ds, f.campaigns, clock);
            ScheduledCallbacks.Cancelled gone = callbacks.cancel(c.id(), d1, "client ops-desk");
            assertThat(gone.number()).isEqualTo("+12015550482");
            for (String column : List.of("callback_at", "callback_agent_id", "callback_number", "skip_reason")) {
                assertThat(stored(list, "d1", column)).as(column).isNull();
            }
            assertThat(details(c, d1).get(0)).startsWith("the callback for ").contains(" to +12015550482 was cancelled by"
                    + " client ops-desk");
            assertThat(codes(c, d1).get(0)).isEqualTo("callbackCancelled");
            assertThatThrownBy(() -> callbacks.cancel(c.id(), d1, "client ops-desk"))
                    .isInstanceOf(java.util.NoSuchElementException.class).hasMessageContaining("no callback scheduled");
            PreviewCards.Card again = cardNotIn(runner, lu, Set.of(first.previewId()));
            assertThat(again.contact().get("id")).isEqualTo("d1");
            assertThat(again.callbackNumber()).isNull();
        } finally {
            stop(c);
        }
    }

    @Test
    void aBadCallbackNumberIsRefusedAndChangesNothing() throws Exception {
        Queue q = queue();
        ContactList list = list("b1,+12015550491,Bix,,");
        Campaign c = campaign(list, q, 0, null, null, "preview");
        ShiftedClock clock = new ShiftedClock();
        try (AgentRig.Staffed mo = rig.agent(q, "mo"); VoiceCampaignRunner runner = runner(clock)) {
            PreviewCards.Card first = card(runner, mo, null);
            PreviewDesk desk = runner.previewDesk();
            java.time.Instant at = clock.instant().plusSeconds(30);
            assertThatThrownBy(() -> desk.callback(mo.agent().id(), first.previewId(), at, List.of("call me maybe")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("callbackNumbers: 'call me maybe' is not a phone number (national numbers are read in"
                            + " region US)");
            assertThatThrownBy(() -> desk.callback(mo.agent().id(), first.previewId(), at,
                    List.of("+12015550492", "+12015550493")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("callbackNumbers: one number supported, got 2");
            String b1 = f.idOf(list, "b1");
            assertThat(codes(c, b1)).containsExactly("previewed");
            assertThat(stored(list, "b1", "callback_number")).isNull();
            assertThat(lastResult(list, "b1")).as("still on the card").isEqualTo(Candidate.PREVIEWING);
            runner.previewDecision(mo.agent().id(), first.previewId(), true);
            AgentlessRunnerTest.await("the card's call settled", () -> settled(c) == 1);
            assertThat(attempts.page(c.id(), 10, 1).items().get(0).number()).isEqualTo("+12015550491");
        } finally {
            stop(c);
        }
    }
}
