package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opendialer.campaign.runner.AgentlessRunnerTest.await;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.opendialer.campaign.pacing.AbandonMeter;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignStatus;
import org.opendialer.contacts.Conflict;
import org.opendialer.sip.Sipp;

/**
 * Pause and resume with real calls to a SIPp carrier: a paused campaign claims nobody while contacts remain, its
 * call in flight ends normally (not interrupted), and the resume continues with the same abandon meter.
 */
class PauseTest {

    final Fixture f = new Fixture();
    final AttemptStore attempts = new AttemptStore(f.ds);

    @Test
    void aPausedCampaignPlacesNoCallWhileContactsRemainAndResumes() throws Exception {
        try (Sipp carrier = Sipp.uas("carrier-ring-then-busy.xml", 2);
             Rig rig = new Rig(Rig.trunk("carrier", carrier.port, "main"))) {
            Campaign c = f.campaign(f.list("p1,+12015550111,,", "p2,+12015550112,,", "p3,+12015550113,,"),
                    s -> Fixture.with(s, n -> n.put("trunkGroup", "main").put("maxLines", 1)));
            f.campaigns.moveTo(c.id(), CampaignStatus.ON);
            VoiceCampaignRunner runner = new VoiceCampaignRunner(f.ds, f.ledger, rig.sessions, LiveAnswerFlows.NONE,
                    Clock.systemUTC(), AgentlessRunnerTest.node());
            try {
                runner.tick();
                assertThat(runner.inFlight()).as("one call ringing (the carrier answers busy after 1.5 s)").isEqualTo(1);
                AbandonMeter meter = runner.meter(c.id());
                assertThat(f.campaigns.moveTo(c.id(), CampaignStatus.PAUSED).status()).isEqualTo(CampaignStatus.PAUSED);

                await("the call in flight ends on its own", () -> runner.inFlight() == 0);
                for (int i = 0; i < 5; i++) {
                    runner.tick();
                }
                assertThat(attempts.page(c.id(), 10, 1).items()).as("nobody claimed while paused")
                        .singleElement().satisfies(a -> assertThat(a.result()).as("ended normally").isEqualTo("busy"));
                assertThat(f.campaigns.require(c.id()).status()).as("contacts remain: paused, not complete")
                        .isEqualTo(CampaignStatus.PAUSED);
                assertThatThrownBy(() -> f.campaigns.moveTo(c.id(), CampaignStatus.COMPLETE)).isInstanceOf(Conflict.class);

                f.campaigns.moveTo(c.id(), CampaignStatus.ON);
                runner.tick();
                await("the next contact is dialled after the resume", () -> settled(c) == 2);
                assertThat(runner.meter(c.id())).as("the abandon meter continues, not rebuilt").isSameAs(meter);
                assertThat(carrier.await(20)).as(carrier.errors()).isZero();
            } finally {
                runner.close();
                // the shared database outlives the test: a contact is left, so other tests' runners must not find it on
                f.campaigns.moveTo(c.id(), CampaignStatus.STOPPING);
            }
        }
    }

    @Test
    void pausedMovesOnlyAlongTheTable() {
        assertThat(CampaignStatus.ON.canMoveTo(CampaignStatus.PAUSED)).isTrue();
        assertThat(CampaignStatus.PAUSED.canMoveTo(CampaignStatus.ON)).isTrue();
        assertThat(CampaignStatus.PAUSED.canMoveTo(CampaignStatus.STOPPING)).isTrue();
        assertThat(CampaignStatus.PAUSED.canMoveTo(CampaignStatus.OFF)).isTrue();
        assertThat(CampaignStatus.PAUSED.canMoveTo(CampaignStatus.COMPLETE)).as("a pause does not finish anything").isFalse();
        assertThat(CampaignStatus.OFF.canMoveTo(CampaignStatus.PAUSED)).as("only a running campaign pauses").isFalse();
        assertThat(CampaignStatus.PAUSED.running()).as("its calls are still settled").isTrue();
        assertThat(CampaignStatus.PAUSED.dials()).isFalse();
    }

    long settled(Campaign c) {
        return attempts.page(c.id(), 100, 1).items().stream().filter(a -> a.result() != null).count();
    }
}
