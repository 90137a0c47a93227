package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignSettings;
import org.opendialer.campaign.settings.CampaignStatus;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.sip.Sipp;

/**
 * An agentless campaign with {@code amd.async}: the message starts at the answer while AMD listens. A person who
 * says "Hello?" hears it to the end (nothing cut); a voicemail's greeting has it cut and gets the message again after
 * its beep. The attempt's AMD evidence records that the message played while AMD listened, and where it was cut.
 */
class AsyncAmdCampaignTest {

    /** Longer than the voicemail's greeting: only a cut can stop it before the beep. */
    static final String LONG_MESSAGE = "Hello {{id}}, this is Acme with a reminder of your appointment tomorrow at ten"
            + " in the morning. Please bring your insurance card and arrive fifteen minutes early. Thank you.";

    static final ObjectMapper JSON = new ObjectMapper();

    final Fixture f = new Fixture();

    @Test
    void aPersonHearsTheMessageFromTheAnswerAndItIsNotCut(@TempDir Path dir) throws Exception {
        Path hello = AgentlessRunnerTest.generate(dir, "hello.wav",
                "espeak-ng -w {raw} Hello? && sox {raw} -r 8000 -c 1 -e u-law {out} pad 0.3 8");
        try (Sipp carrier = Sipp.uas("carrier-answer-audio.xml", 1, Map.of("audio_wav", hello.toString()));
             Rig rig = new Rig(Rig.trunk("carrier", carrier.port, "main"))) {
            Attempt a = runOne(rig, "p1,+12015550151,,", "main");
            assertThat(a.result()).as(a.toString()).isEqualTo("human");
            assertThat(a.amdResult()).isEqualTo("HUMAN");
            JsonNode amd = JSON.readTree(a.amdEvidence());
            assertThat(amd.path("async").asBoolean()).as(a.amdEvidence()).isTrue();
            assertThat(amd.has("messageCutMs")).as("the message played on").isFalse();
            assertThat(a.liveAnswer()).isTrue();
            assertThat(carrier.await(30)).as(carrier.errors()).isZero();
        }
    }

    @Test
    void aVoicemailHasTheMessageCutAndGetsItAfterTheBeep(@TempDir Path dir) throws Exception {
        Path machine = AgentlessRunnerTest.generate(dir, "machine.wav", "sox " + MachineAndSitTest.CORPUS
                + "machine/composite_vm_greeting/asterisk_en_allison_isunavail_201_with_beep.wav -r 8000 -c 1 -e u-law {out} pad 0 12");
        try (Sipp carrier = Sipp.uas("carrier-machine.xml", 1, Map.of("machine_wav", machine.toString()));
             Rig rig = new Rig(Rig.trunk("vm", carrier.port, "vm"))) {
            Attempt a = runOne(rig, "v1,+12015550152,,", "vm");
            assertThat(a.result()).as(a.toString()).isEqualTo("machineMessage");
            assertThat(a.amdResult()).isEqualTo("MACHINE");
            JsonNode amd = JSON.readTree(a.amdEvidence());
            assertThat(amd.path("async").asBoolean()).as(a.amdEvidence()).isTrue();
            assertThat(amd.path("messageCutMs").asLong(-1)).as("how far into the message AMD cut it").isPositive();
            assertThat(a.liveAnswer()).isFalse();
            assertThat(carrier.await(40)).as(carrier.errors()).isZero();
        }
    }

    private Attempt runOne(Rig rig, String row, String group) throws Exception {
        ContactList list = f.list(row);
        Campaign c = f.campaign(list, s -> Fixture.with(s, n -> {
            n.put("trunkGroup", group).put("message", LONG_MESSAGE);
            return n.putObject("amd").put("enabled", true).put("async", true).put("machineAction", "messageAfterBeep");
        }));
        CampaignSettings s = f.campaigns.require(c.id()).settings();
        assertThat(s.amd().async()).isTrue();
        return runOnce(f, rig, c);
    }

    /** Turns {@code c} on, ticks an agentless runner once and waits for the one attempt to settle. */
    static Attempt runOnce(Fixture f, Rig rig, Campaign c) throws Exception {
        AttemptStore attempts = new AttemptStore(f.ds);
        f.campaigns.moveTo(c.id(), CampaignStatus.ON);
        VoiceCampaignRunner runner = new VoiceCampaignRunner(f.ds, f.ledger, rig.sessions, LiveAnswerFlows.NONE,
                java.time.Clock.systemUTC(), AgentlessRunnerTest.node());
        try {
            runner.tick();
            AgentlessRunnerTest.await("the attempt is settled",
                    () -> attempts.page(c.id(), 10, 1).items().getFirst().result() != null);
            return attempts.page(c.id(), 10, 1).items().getFirst();
        } finally {
            runner.close();
        }
    }
}
