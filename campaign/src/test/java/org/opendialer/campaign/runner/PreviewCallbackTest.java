package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opendialer.acd.routing.AgentState;
import org.opendialer.acd.routing.Queue;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignStatus;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.store.testing.ShiftedClock;

/**
 * Callbacks an agent schedules (from a preview card, or from any campaign call it handled) are the agent's when due:
 * previewed to it while it is signed in and on the queue, for at most the campaign's wait, then to any agent; the
 * runner's clock is moved ahead rather than waited for.
 */
class PreviewCallbackTest extends PreviewTestBase {

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
                desk.callback(fa.agent().id(), first.previewId(), clock.instant().plusSeconds(10), List.of());
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
                    desk.callback(fa.agent().id(), back.previewId(), clock.instant().plusSeconds(10), List.of());
                    PreviewCards.Card k5 = cardNotIn(runner, fa, java.util.Set.of(first.previewId(), k2.previewId(),
                            back.previewId()));
                    assertThat(k5.contact().get("id")).isEqualTo("k5");
                    clock.advance(Duration.ofSeconds(11 + 60));
                    PreviewCards.Card toGu = cardNotIn(runner, gu, java.util.Set.of(k3.previewId(), k4.previewId()));
                    assertThat(toGu.contact().get("id")).isEqualTo("k1");
                    assertThat(details(c, k1)).contains("the callback agent " + fa.agent().id()
                            + " scheduled goes to any agent of the queue: the agent is not free within 60 s (PREVIEWING)");

                    // gu's own callback, and gu goes on a break: at once to the queue (fa, once free)
                    desk.callback(gu.agent().id(), toGu.previewId(), clock.instant().plusSeconds(10), List.of());
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
    void aCallbackFromAProgressiveCallIsPreviewedToItsAgentWhenDueNotDialledToTheQueue() throws Exception {
        Queue q = queue();
        ContactList list = list("p1,+12015550461,Pia,,");
        Campaign c = campaign(list, q, 0, null, null, "progressive");
        ShiftedClock clock = new ShiftedClock();
        try (AgentRig.Staffed ho = rig.agent(q, "ho"); VoiceCampaignRunner runner = runner(clock)) {
            AgentlessRunnerTest.await("the progressive call settled, the campaign complete", () -> {
                runner.tick();
                return settled(c) == 1 && f.campaigns.require(c.id()).status() == CampaignStatus.COMPLETE;
            });
            assertThat(attempts.page(c.id(), 10, 1).items().get(0).agent().agentId()).isEqualTo(ho.agent().id());
            // in the wrap-up of the list's last call (the desktop's Callback box; during the call works the same)
            UUID interaction = interactionOf(c);
            PreviewDesk desk = runner.previewDesk();
            assertThatThrownBy(() -> desk.callbackFor(UUID.randomUUID(), interaction, clock.instant().plusSeconds(60), List.of()))
                    .as("not another agent's call").isInstanceOf(NoSuchElementException.class);
            PreviewDesk.Scheduled s = desk.callbackFor(ho.agent().id(), interaction, clock.instant().plusSeconds(10), List.of());
            assertThat(s.contactId()).isEqualTo(f.idOf(list, "p1"));
            assertThat(codes(c, s.contactId())).contains("callbackScheduled");
            assertThat(f.campaigns.require(c.id()).status()).as("on again for its callback").isEqualTo(CampaignStatus.ON);
            AgentlessRunnerTest.await("ho available after its wrap-up", () -> rig.state(ho) == AgentState.AVAILABLE);
            clock.advance(Duration.ofSeconds(11));
            PreviewCards.Card card = card(runner, ho, null);
            assertThat(card.contact().get("id")).as("the callback previewed to the agent who scheduled it").isEqualTo("p1");
            assertThat(details(c, s.contactId())).anyMatch(d -> d.startsWith("the callback it scheduled, shown to agent"));
            assertThat(attempts.page(c.id(), 10, 1).total()).as("not auto-dialled to the queue").isEqualTo(1);
            stop(c);
            assertThatThrownBy(() -> desk.callbackFor(ho.agent().id(), interaction, clock.instant().plusSeconds(60), List.of()))
                    .as("a stopped campaign dials no callback").isInstanceOf(IllegalStateException.class);
        } finally {
            stop(c);
        }
    }

    private UUID interactionOf(Campaign c) throws Exception {
        try (Connection conn = f.ds.getConnection();
             PreparedStatement s = conn.prepareStatement("SELECT id FROM routing_interaction WHERE campaign_id = ?")) {
            s.setObject(1, c.id());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getObject(1, UUID.class);
            }
        }
    }
}
