package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignStatus;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.sip.Sipp;
import org.opendialer.store.testing.ManualClock;

/**
 * A voicemail with a real greeting and beep gets the message after the beep; an intercept SIT in early media ends
 * the call before any answer and the number is never dialled again.
 */
class MachineAndSitTest {

    static final String CORPUS = Files.isDirectory(Path.of("../../shared/corpus")) ? "../../shared/corpus/" : "../shared/corpus/";

    final Fixture f = new Fixture();
    final AttemptStore attempts = new AttemptStore(f.ds);

    @Test
    void aMachineGetsTheMessageAfterItsBeep(@TempDir Path dir) throws Exception {
        Path machine = AgentlessRunnerTest.generate(dir, "machine.wav", "sox " + CORPUS
                + "machine/composite_vm_greeting/asterisk_en_allison_isunavail_201_with_beep.wav -r 8000 -c 1 -e u-law {out} pad 0 8");
        try (Sipp carrier = Sipp.uas("carrier-machine.xml", 1, Map.of("machine_wav", machine.toString()));
             Rig rig = new Rig(Rig.trunk("vm", carrier.port, "vm"))) {
            ContactList list = f.list("v1,+12015550121,,");
            Campaign c = f.campaign(list, s -> Fixture.with(s, n -> n.put("trunkGroup", "vm")));
            f.campaigns.moveTo(c.id(), CampaignStatus.ON);
            VoiceCampaignRunner runner = new VoiceCampaignRunner(f.ds, f.ledger, rig.sessions, LiveAnswerFlows.NONE,
                    java.time.Clock.systemUTC(), AgentlessRunnerTest.node());
            try {
                runner.tick();
                AgentlessRunnerTest.await("the attempt is settled", () -> attempts.page(c.id(), 10, 1).items().getFirst().result() != null);
                Attempt a = attempts.page(c.id(), 10, 1).items().getFirst();
                assertThat(a.result()).as(a.toString()).isEqualTo("machineMessage");
                assertThat(a.amdResult()).isEqualTo("MACHINE");
                assertThat(a.liveAnswer()).isFalse();
                assertThat(carrier.await(30)).as(carrier.errors()).isZero();
            } finally {
                runner.close();
            }
        }
    }

    @Test
    void anInterceptSitInEarlyMediaEndsTheCallAndTheNumberIsNeverDialledAgain(@TempDir Path dir) throws Exception {
        Path sit = AgentlessRunnerTest.generate(dir, "sit.wav", "t={raw}; for s in '0.274 913.8' '0.274 1370.6' '0.380 1776.7'; do"
                + " set -- $s; sox -n -r 8000 -c 1 -b 16 $t.$2.wav synth $1 sine $2 vol 0.3; done;"
                + " sox -n -r 8000 -c 1 -b 16 $t.gap.wav trim 0 1.5;"
                + " sox $t.913.8.wav $t.1370.6.wav $t.1776.7.wav $t.gap.wav $t.913.8.wav $t.1370.6.wav"
                + " $t.1776.7.wav $t.gap.wav -e u-law {out}");
        try (Sipp carrier = Sipp.uas("carrier-sit.xml", 1, Map.of("sit_wav", sit.toString()));
             Rig rig = new Rig(Rig.trunk("net", carrier.port, "net"))) {
            ManualClock clock = new ManualClock(Instant.now());
            ContactList list = f.list("s1,+12015550131,,");
            Campaign c = f.campaign(list, s -> Fixture.with(s, n -> n.put("trunkGroup", "net")));
            f.campaigns.moveTo(c.id(), CampaignStatus.ON);
            VoiceCampaignRunner runner = new VoiceCampaignRunner(f.ds, f.ledger, rig.sessions, LiveAnswerFlows.NONE, clock, AgentlessRunnerTest.node());
            try {
                runner.tick();
                AgentlessRunnerTest.await("the attempt is settled", () -> attempts.page(c.id(), 10, 1).items().getFirst().result() != null);
                Attempt a = attempts.page(c.id(), 10, 1).items().getFirst();
                assertThat(a.result()).as(a.toString()).isEqualTo("sitDisconnected");
                assertThat(a.cpa()).isEqualTo("SIT IC");
                assertThat(a.answeredAt()).isNull();
                assertThat(carrier.await(20)).as(carrier.errors()).isZero();

                clock.advance(Duration.ofDays(3));
                runner.tick();
                assertThat(attempts.page(c.id(), 10, 1).total()).isEqualTo(1);
                assertThat(f.campaigns.require(c.id()).status()).as("the contact is uncallable now").isEqualTo(CampaignStatus.COMPLETE);
            } finally {
                runner.close();
            }
        }
    }
}
