package org.opendialer.campaign.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignStatus;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.sip.Sipp;

/**
 * The attempt history always says what AMD decided: async AMD whose message ends first waits for AMD's decision,
 * a callee who hangs up before it is recorded as {@code UNKNOWN} naming why, and AMD's own {@code UNKNOWN} (a
 * noisy line, no words) takes the campaign's {@code amd.unknownAction}, with and without async AMD. SIPp is the
 * carrier; AMD and TTS run in real time.
 */
class AmdDecisionRecordedTest {

    /** Shorter than the callee's silence before "Hello?": it ends before AMD can decide. */
    static final String SHORT_MESSAGE = "Hi {{id}}.";

    final Fixture f = new Fixture();
    final AttemptStore attempts = new AttemptStore(f.ds);

    @Test
    void aMessageThatEndsBeforeAmdDecidesWaitsForTheDecision(@TempDir Path dir) throws Exception {
        Path late = AgentlessRunnerTest.generate(dir, "late-hello.wav",
                "espeak-ng -w {raw} Hello? && sox {raw} -r 8000 -c 1 -e u-law {out} pad 1.8 8");
        try (Sipp carrier = Sipp.uas("carrier-answer-audio.xml", 1, Map.of("audio_wav", late.toString()));
             Rig rig = new Rig(Rig.trunk("carrier", carrier.port, "main"))) {
            Attempt a = runOne(rig, "p1,+12015550161,,", "main", amd -> amd.put("async", true), SHORT_MESSAGE);
            assertThat(a.result()).as(a.toString()).isEqualTo("human");
            assertThat(a.amdResult()).as(a.toString()).isEqualTo("HUMAN");
            JsonNode amd = AsyncAmdCampaignTest.JSON.readTree(a.amdEvidence());
            assertThat(amd.path("async").asBoolean()).as(a.amdEvidence()).isTrue();
            assertThat(amd.has("messageCutMs")).as("nothing was cut").isFalse();
            long ended = amd.path("messageEndedMs").asLong(-1);
            assertThat(ended).as("the message ended first").isPositive();
            assertThat(amd.path("decisionMs").asLong()).as(a.amdEvidence()).isGreaterThan(ended);
            assertThat(a.liveAnswer()).isTrue();
            assertThat(carrier.await(30)).as(carrier.errors()).isZero();
        }
    }

    @Test
    void aCalleeWhoHangsUpBeforeAmdDecidesIsRecordedUnknownWithTheReason(@TempDir Path dir) throws Exception {
        Path quiet = AgentlessRunnerTest.generate(dir, "quiet.wav",
                "sox -n -r 8000 -c 1 {raw} trim 0 3 && sox {raw} -r 8000 -c 1 -e u-law {out}");
        try (Sipp carrier = Sipp.uas("carrier-answer-hang-up.xml", 1, Map.of("audio_wav", quiet.toString()));
             Rig rig = new Rig(Rig.trunk("carrier", carrier.port, "main"))) {
            Attempt a = runOne(rig, "h1,+12015550162,,", "main", amd -> amd.put("async", true),
                    AsyncAmdCampaignTest.LONG_MESSAGE);
            assertThat(a.amdResult()).as(a.toString()).isEqualTo("UNKNOWN");
            JsonNode amd = AsyncAmdCampaignTest.JSON.readTree(a.amdEvidence());
            assertThat(amd.path("evidence").path("reason").asText()).as(a.amdEvidence())
                    .isEqualTo(AsyncAmdTrace.ENDED_UNDECIDED);
            assertThat(amd.path("async").asBoolean()).isTrue();
            assertThat(carrier.await(30)).as(carrier.errors()).isZero();
        }
    }

    @Test
    void amdsUnknownTakesTheUnknownAction(@TempDir Path dir) throws Exception {
        Path noise = noisyLine(dir);
        try (Sipp carrier = Sipp.uas("carrier-answer-audio.xml", 1, Map.of("audio_wav", noise.toString()));
             Rig rig = new Rig(Rig.trunk("carrier", carrier.port, "main"))) {
            Attempt a = runOne(rig, "u1,+12015550163,,", "main", amd -> amd.put("unknownAction", "hangUp"),
                    AsyncAmdCampaignTest.LONG_MESSAGE);
            // humanAction (message) would say human: hangUp is on the machine's path
            assertThat(a.result()).as(a.toString()).isEqualTo("machine");
            assertThat(a.amdResult()).isEqualTo("UNKNOWN");
            JsonNode amd = AsyncAmdCampaignTest.JSON.readTree(a.amdEvidence());
            assertThat(amd.path("evidence").path("reason").asText()).as(a.amdEvidence()).isEqualTo("NOISY_LINE");
            assertThat(carrier.await(30)).as(carrier.errors()).isZero();
        }
    }

    @Test
    void asyncAmdsUnknownCutsTheMessageForTheUnknownAction(@TempDir Path dir) throws Exception {
        Path noise = noisyLine(dir);
        try (Sipp carrier = Sipp.uas("carrier-answer-audio.xml", 1, Map.of("audio_wav", noise.toString()));
             Rig rig = new Rig(Rig.trunk("carrier", carrier.port, "main"))) {
            Attempt a = runOne(rig, "u2,+12015550164,,", "main",
                    amd -> amd.put("async", true).put("unknownAction", "hangUp"), AsyncAmdCampaignTest.LONG_MESSAGE);
            assertThat(a.result()).as(a.toString()).isEqualTo("machine");
            assertThat(a.amdResult()).isEqualTo("UNKNOWN");
            JsonNode amd = AsyncAmdCampaignTest.JSON.readTree(a.amdEvidence());
            assertThat(amd.path("messageCutMs").asLong(-1)).as(a.amdEvidence()).isPositive();
            assertThat(carrier.await(30)).as(carrier.errors()).isZero();
        }
    }

    /** Steady line noise loud enough that AMD cannot hear quiet speech on it, and no words: UNKNOWN (NOISY_LINE). */
    private static Path noisyLine(Path dir) throws Exception {
        return AgentlessRunnerTest.generate(dir, "noise.wav",
                "sox -n -r 8000 -c 1 {raw} synth 12 whitenoise vol 0.1 && sox {raw} -r 8000 -c 1 -e u-law {out}");
    }

    private Attempt runOne(Rig rig, String row, String group, Consumer<ObjectNode> amd, String message)
            throws Exception {
        ContactList list = f.list(row);
        Campaign c = f.campaign(list, s -> Fixture.with(s, n -> {
            n.put("trunkGroup", group).put("message", message);
            ObjectNode o = n.putObject("amd").put("enabled", true).put("machineAction", "hangUp");
            amd.accept(o);
            return o;
        }));
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
