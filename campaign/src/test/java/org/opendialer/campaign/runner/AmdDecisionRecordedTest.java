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
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.sip.Sipp;

/**
 * The attempt history always says what AMD decided: async AMD whose message ends first waits for AMD's decision,
 * a callee who hangs up before it is recorded as {@code UNKNOWN} naming why, and AMD's own {@code UNKNOWN} (a
 * busy tone after the answer) takes the campaign's {@code amd.unknownAction}, with and without async AMD. SIPp is the
 * carrier; AMD and TTS run in real time.
 */
class AmdDecisionRecordedTest {

    /** Shorter than the callee's silence before "Hello?" and its pause after: it ends before AMD can decide. */
    static final String SHORT_MESSAGE = "Hi {{id}}.";

    final Fixture f = new Fixture();

    @Test
    void aMessageThatEndsBeforeAmdDecidesWaitsForTheDecision(@TempDir Path dir) throws Exception {
        Path late = AgentlessRunnerTest.generate(dir, "late-hello.wav",
                "espeak-ng -w {raw} Hello? && sox {raw} -r 8000 -c 1 -e u-law {out} pad 1.8 8");
        try (Sipp carrier = Sipp.uas("carrier-answer-audio.xml", 1, Map.of("audio_wav", late.toString()));
             Rig rig = new Rig(Rig.trunk("carrier", carrier.port, "main"))) {
            Attempt a = runOne(rig, "p1,+12015550161,,", "main", amd -> amd.put("async", true), SHORT_MESSAGE);
            assertThat(a.result()).as(a.toString()).isEqualTo("human");
            // HUMAN: "Hello?" then silence; NO_SPEECH when the carrier's RTP started over 0.7 s late (a loaded
            // machine): either way AMD's own decision, taken after the message ended, is what the attempt says
            assertThat(a.amdResult()).as(a.toString()).isIn("HUMAN", "NO_SPEECH");
            JsonNode amd = AsyncAmdCampaignTest.JSON.readTree(a.amdEvidence());
            assertThat(amd.path("async").asBoolean()).as(a.amdEvidence()).isTrue();
            assertThat(amd.has("messageCutMs")).as("nothing was cut").isFalse();
            long ended = amd.path("messageEndedMs").asLong(-1);
            assertThat(ended).as("the message ended first").isPositive();
            assertThat(amd.path("decisionMs").asLong()).as(a.amdEvidence()).isGreaterThan(ended);
            assertThat(a.liveAnswer()).as("live: a person by AMD").isEqualTo(a.amdResult().equals("HUMAN"));
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
        Path busy = busyLine(dir);
        try (Sipp carrier = Sipp.uas("carrier-answer-audio.xml", 1, Map.of("audio_wav", busy.toString()));
             Rig rig = new Rig(Rig.trunk("carrier", carrier.port, "main"))) {
            Attempt a = runOne(rig, "u1,+12015550163,,", "main", amd -> amd.put("unknownAction", "hangUp"),
                    AsyncAmdCampaignTest.LONG_MESSAGE);
            // humanAction (message) would say human: hangUp is on the machine's path
            assertThat(a.result()).as(a.toString()).isEqualTo("machine");
            assertThat(a.amdResult()).as(a.toString()).isEqualTo("UNKNOWN");
            JsonNode amd = AsyncAmdCampaignTest.JSON.readTree(a.amdEvidence());
            assertThat(amd.path("evidence").path("reason").asText()).as(a.amdEvidence()).isEqualTo("BUSY");
            assertThat(carrier.await(30)).as(carrier.errors()).isZero();
        }
    }

    @Test
    void asyncAmdsUnknownCutsTheMessageForTheUnknownAction(@TempDir Path dir) throws Exception {
        Path busy = busyLine(dir);
        try (Sipp carrier = Sipp.uas("carrier-answer-audio.xml", 1, Map.of("audio_wav", busy.toString()));
             Rig rig = new Rig(Rig.trunk("carrier", carrier.port, "main"))) {
            Attempt a = runOne(rig, "u2,+12015550164,,", "main",
                    amd -> amd.put("async", true).put("unknownAction", "hangUp"), AsyncAmdCampaignTest.LONG_MESSAGE);
            assertThat(a.result()).as(a.toString()).isEqualTo("machine");
            assertThat(a.amdResult()).as(a.toString()).isEqualTo("UNKNOWN");
            JsonNode amd = AsyncAmdCampaignTest.JSON.readTree(a.amdEvidence());
            assertThat(amd.path("messageCutMs").asLong(-1)).as(a.amdEvidence()).isPositive();
            assertThat(carrier.await(30)).as(carrier.errors()).isZero();
        }
    }

    /**
     * A busy tone after the answer (480+620 Hz, 0.5 s on, 0.5 s off, -20 dBFS): AMD's tone detector calls it UNKNOWN
     * (reason BUSY) on its cadence alone. A noisy line (NOISY_LINE) was tried first: under load the first second of
     * RTP arrives late, AMD tracks the silent start as its noise floor and then hears the noise as words.
     */
    private static Path busyLine(Path dir) throws Exception {
        return AgentlessRunnerTest.generate(dir, "busy.wav", "sox -n -r 8000 -c 2 {raw} synth 0.5 sine 480 sine 620"
                + " remix - norm -20 pad 0 0.5 repeat 11 && sox {raw} -r 8000 -c 1 -e u-law {out}");
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
        return AsyncAmdCampaignTest.runOnce(f, rig, c);
    }
}
