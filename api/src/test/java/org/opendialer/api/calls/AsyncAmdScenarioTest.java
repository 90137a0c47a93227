package org.opendialer.api.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendialer.api.calls.CallsScenarioTest.placeAndAwait;
import static org.opendialer.api.calls.CallsScenarioTest.request;
import static org.opendialer.api.calls.CallsScenarioTest.types;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.server.DialerServer;

/**
 * {@code amd: "async"} end to end, judged at the far end: the SIPp carrier's tcpdump capture holds its 200 OK, the
 * RTP we sent (silence from the answer on, then the prompt) and the RTP it sent (a greeting and its beep). Times
 * compared are either media time (RTP timestamps of our own stream) or the order of packets on the wire, never a
 * wall-clock budget.
 */
class AsyncAmdScenarioTest {

    /** What the design guarantees: the human message is started at the answer, before anything is stored. */
    private static final long FIRST_WORD_MS = 300;
    /** Longer than the voicemail's greeting, so a message that is not cut still plays when the beep ends. */
    private static final String LONG_MESSAGE = "Hello {{name}}, this is a reminder from the clinic about your "
            + "appointment on {{date}} at ten in the morning. Please bring your insurance card and your list of "
            + "medicines, and arrive fifteen minutes early to fill in the forms at the front desk. "
            + "Press 1 to confirm, 2 to cancel, 9 to stop these calls.";

    @TempDir
    static Path tmp;
    static DialerServer server;
    static int humanPort;
    static int machinePort;
    static Map<String, String> audio;

    @BeforeAll
    static void start() throws Exception {
        CallsScenarioTest.tmp = tmp;
        audio = CallsScenarioTest.prepareAudio();
        humanPort = Carrier.freePort();
        machinePort = Carrier.freePort();
        Path conf = tmp.resolve("dialer.yaml");
        Files.writeString(conf, """
                sip:
                  port: 0
                  trunks:
                    - { name: human, host: 127.0.0.1, port: %d, maxChannels: 2, maxCallsPerSecond: 10, defaultRegion: US, group: human }
                    - { name: machine, host: 127.0.0.1, port: %d, maxChannels: 2, maxCallsPerSecond: 10, defaultRegion: US, group: machine }
                """.formatted(humanPort, machinePort));
        var config = new ConfigLoader().load(conf, Map.of("DIALER_API_PORT", "0", "DIALER_DATA_DIR",
                tmp.resolve("pg").toString()));
        server = DialerServer.start(config, Map.of("DIALER_ADMIN_CLIENT_ID", "admin",
                "DIALER_ADMIN_CLIENT_SECRET", "admin-secret-0123456789"));
        CallsScenarioTest.base = "http://127.0.0.1:" + server.apiPort();
        CallsScenarioTest.token = CallsScenarioTest.token();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPersonHearsTheMessageFromTheAnswerWhileAmdListens() throws Exception {
        try (Carrier carrier = person("carrier-human.xml", '1', 2)) {
            // The design's promise holds once the prompt is rendered, which it is while a real phone rings; this
            // carrier answers after 300 ms, so a first call warms the TTS engine (FreeTTS loads its voice on first use).
            placeAndAwait(request("2015550140", "human", "async"));
            JsonObject call = placeAndAwait(request("2015550141", "human", "async"));
            assertThat(call.getString("outcome")).as(call.encodePrettily()).isEqualTo("human");
            assertThat(call.getJsonObject("amd").getString("result")).isEqualTo("human");
            assertThat(call.getString("keyPressed")).isEqualTo("1");
            List<String> types = types(call);
            assertThat(types).doesNotContain("messageCut");
            assertThat(types.indexOf("prompt")).as("the message starts before AMD decides: " + types)
                    .isBetween(0, types.indexOf("amd"));
            assertThat(carrier.await(20)).as(carrier.errors()).isZero();

            RtpCapture.FarEndCall heard = carrier.farEnd().getLast();
            System.out.printf("async, a person: first word %d ms of media time after our first packet, %d ms after "
                    + "the 200 OK on the wire%n", heard.mediaMsToFirstAudio(), heard.answerToFirstAudioMs());
            assertThat(heard.answerNanos()).as("the carrier's 200 OK is in the capture").isPositive();
            assertThat(heard.ours().getFirst().atNanos()).as("our RTP starts once the 200 OK is sent")
                    .isGreaterThanOrEqualTo(heard.answerNanos());
            assertThat(heard.mediaMsToFirstAudio()).as("media time from our first packet (the answer) to the first "
                    + "word; capture time from the 200 OK: " + heard.answerToFirstAudioMs() + " ms")
                    .isBetween(0L, FIRST_WORD_MS);
            assertThat(heard.firstAudio().atNanos()).as("heard before AMD decided")
                    .isLessThan(nanos(event(call, "amd")));
        }
    }

    @Test
    void aVoicemailCutsThePersonsMessageAndGetsItsOwnAfterTheBeep() throws Exception {
        try (Carrier carrier = Carrier.start("carrier-machine.xml", machinePort, 1, audio)) {
            JsonObject req = request("2015550142", "machine", "async");
            req.getJsonObject("human").put("text", LONG_MESSAGE);
            JsonObject call = placeAndAwait(req);
            assertThat(call.getString("outcome")).as(call.encodePrettily()).isEqualTo("machine");
            assertThat(types(call)).containsSubsequence("prompt", "amd", "messageCut", "beep", "prompt", "ended");
            assertThat(event(call, "messageCut").getString("detail")).contains("play 1 of 2", "MACHINE");
            assertThat(carrier.await(20)).as(carrier.errors()).isZero();

            RtpCapture.FarEndCall heard = carrier.farEnd().getFirst();
            assertThat(heard.firstAudio().atNanos()).as("the person's message starts before AMD decides")
                    .isLessThan(nanos(event(call, "amd")));
            long beepEnd = heard.theirs().stream().filter(RtpCapture.Datagram::loud)
                    .mapToLong(RtpCapture.Datagram::atNanos).max().orElseThrow(); // the greeting ends on its beep
            List<RtpCapture.Datagram> loud = heard.ours().stream().filter(RtpCapture.Datagram::loud).toList();
            assertThat(loud.stream().filter(d -> d.atNanos() > beepEnd - 2_000_000_000L && d.atNanos() <= beepEnd)
                    .count()).as("our sound packets in the 2 s before the beep ended: the message was cut").isZero();
            assertThat(loud.stream().filter(d -> d.atNanos() > beepEnd).count() * 20)
                    .as("the machine message after the beep, ms").isGreaterThan(1500);
        }
    }

    @Test
    void aKeyBeforeAmdDecidesIsAPersonAndOptsOut() throws Exception {
        try (Carrier carrier = person("carrier-quick-key.xml", '9', 1)) {
            JsonObject call = placeAndAwait(request("2015550143", "human", "async"));
            assertThat(call.getString("outcome")).as(call.encodePrettily()).isEqualTo("human");
            assertThat(call.getString("keyPressed")).isEqualTo("9");
            assertThat(types(call)).containsSubsequence("prompt", "amdStopped", "key", "dncAdded", "prompt", "ended")
                    .doesNotContain("amd", "messageCut");
            assertThat(carrier.await(20)).as(carrier.errors()).isZero();
            assertThat(CallsScenarioTest.post("/api/v2/calls", request("2015550143", "human", "async"), null)
                    .statusCode()).as("the number is on the do-not-call list").isEqualTo(422);
        }
    }

    @Test
    void anUnknownTheRequestTakesForAMachineCutsTheMessageAndLeavesTheMachineOne() throws Exception {
        try (Carrier carrier = Carrier.start("carrier-machine.xml", machinePort, 1, audio)) {
            JsonObject req = request("2015550144", "machine", "async").put("amdUnknownAction", "asMachine")
                    // AMD must give up mid-greeting: UNKNOWN, not MACHINE
                    .put("amdParameters", new JsonObject().put("totalAnalysisMs", 1200).put("greetingMs", 5000)
                            .put("maxContinuousSpeechMs", 5000).put("maxWords", 50));
            req.getJsonObject("human").put("text", LONG_MESSAGE);
            JsonObject call = placeAndAwait(req);
            assertThat(call.getJsonObject("amd").getString("result")).as(call.encodePrettily()).isEqualTo("unknown");
            assertThat(types(call)).containsSubsequence("prompt", "amd", "amdUnknown", "prompt", "ended")
                    .doesNotContain("beep");
            assertThat(event(call, "amdUnknown").getString("detail")).contains("AS_MACHINE", "human message stopped");
            assertThat(carrier.await(20)).as(carrier.errors()).isZero();
        }
    }

    @Test
    void anUnknownActionTheContractLacksIsTheClientsError() throws Exception {
        var placed = CallsScenarioTest.post("/api/v2/calls", request("2015550145", "machine", "async")
                .put("amdUnknownAction", "guess"), null);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(400);
    }

    /** A person's carrier pressing {@code key} as its scenario says. */
    private static Carrier person(String scenario, char key, int calls) throws Exception {
        Map<String, String> fill = new HashMap<>(audio);
        fill.put("dtmf_pcap", "/usr/share/sip-tester/dtmf_2833_" + key + ".pcap");
        return Carrier.start(scenario, humanPort, calls, fill);
    }

    private static JsonObject event(JsonObject call, String type) {
        return call.getJsonArray("timeline").stream().map(JsonObject.class::cast)
                .filter(e -> type.equals(e.getString("type"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + call.encodePrettily()));
    }

    private static long nanos(JsonObject event) {
        Instant at = Instant.parse(event.getString("at"));
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }
}
