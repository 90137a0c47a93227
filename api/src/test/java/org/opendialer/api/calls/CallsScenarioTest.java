package org.opendialer.api.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.WebhookSink;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.server.DialerServer;

/**
 * Voice notifications end to end: the real server (embedded PostgreSQL, SIP, media, AMD) places calls through
 * POST /api/v2/calls to SIPp carriers that answer with recorded audio (rtp_stream), press keys (SIPp's RFC 2833
 * pcaps), are busy or play a SIT; tcpdump counts the audio we send back.
 */
class CallsScenarioTest {

    /** ../shared/corpus beside the repository, seen from the module (tests) or the repository root (bench). */
    static final String CORPUS = java.nio.file.Files.isDirectory(Path.of("../../shared/corpus"))
            ? "../../shared/corpus/" : "../shared/corpus/";
    @TempDir
    static Path tmp;
    static DialerServer server;
    static String base;
    static String token;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static int humanPort;
    static int machinePort;
    static int busyPort;
    static int sitPort;
    static int noAnswerPort;
    static Map<String, String> audio;

    @BeforeAll
    static void start() throws Exception {
        audio = prepareAudio();
        humanPort = Carrier.freePort();
        machinePort = Carrier.freePort();
        busyPort = Carrier.freePort();
        sitPort = Carrier.freePort();
        noAnswerPort = Carrier.freePort();
        Path conf = tmp.resolve("dialer.yaml");
        Files.writeString(conf, """
                sip:
                  port: 0
                  trunks:
                    - { name: human, host: 127.0.0.1, port: %d, maxChannels: 5, maxCallsPerSecond: 10, defaultRegion: US, group: human }
                    - { name: machine, host: 127.0.0.1, port: %d, maxChannels: 5, maxCallsPerSecond: 10, defaultRegion: US, group: machine }
                    - { name: busy, host: 127.0.0.1, port: %d, maxChannels: 5, maxCallsPerSecond: 10, defaultRegion: US, group: busy }
                    - { name: sit, host: 127.0.0.1, port: %d, maxChannels: 5, maxCallsPerSecond: 10, defaultRegion: US, group: sit }
                    - { name: solo, host: 127.0.0.1, port: %d, maxChannels: 1, maxCallsPerSecond: 10, defaultRegion: US, group: solo }
                    - { name: noanswer, host: 127.0.0.1, port: %d, maxChannels: 5, maxCallsPerSecond: 10, defaultRegion: US, group: noanswer }
                webhooks:
                  allowedTargets: [localhost]
                """.formatted(humanPort, machinePort, busyPort, sitPort, humanPort, noAnswerPort));
        var config = new ConfigLoader().load(conf, Map.of("DIALER_API_PORT", "0", "DIALER_DATA_DIR",
                tmp.resolve("pg").toString()));
        server = DialerServer.start(config, Map.of("DIALER_ADMIN_CLIENT_ID", "admin",
                "DIALER_ADMIN_CLIENT_SECRET", "admin-secret-0123456789"));
        base = "http://127.0.0.1:" + server.apiPort();
        token = token();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void personHearsTheMessageAndPressesOne() throws Exception {
        try (Carrier carrier = Carrier.start("carrier-human.xml", humanPort, 1, with("dtmf_pcap",
                "/usr/share/sip-tester/dtmf_2833_1.pcap"))) {
            JsonObject call = placeAndAwait(request("+1 (201) 555-0101", "human", "on"));
            assertThat(call.getString("state")).as(call.encodePrettily()).isEqualTo("completed");
            assertThat(call.getString("outcome")).isEqualTo("human");
            assertThat(call.getString("keyPressed")).isEqualTo("1");
            assertThat(call.getJsonObject("amd").getString("result")).isEqualTo("human");
            assertThat(call.getJsonObject("amd").getJsonObject("evidence").getInteger("utterances")).isPositive();
            assertThat(call.getJsonObject("durations").getLong("answerToFirstAudioMs")).isNotNull();
            assertThat(types(call)).contains("ringing", "answered", "amd", "prompt", "firstAudio", "key", "ended");
            assertThat(carrier.await(20)).as(carrier.errors()).isZero();
            RtpCapture.Summary sent = carrier.received();
            assertThat(sent.audioMillis()).as("speech we sent to the person").isGreaterThan(1000);
        }
    }

    @Test
    void machineGetsTheMessageAfterItsBeep() throws Exception {
        try (Carrier carrier = Carrier.start("carrier-machine.xml", machinePort, 1, audio)) {
            JsonObject call = placeAndAwait(request("2015550102", "machine", "endOfGreeting"));
            assertThat(call.getString("outcome")).as(call.encodePrettily()).isEqualTo("machine");
            assertThat(types(call)).contains("amd", "beep", "prompt", "firstAudio", "ended");
            assertThat(call.getJsonObject("durations").getLong("beepToMessageMs")).isNotNull();
            assertThat(call.getString("hangupBy")).isEqualTo("local");
            assertThat(carrier.await(20)).as(carrier.errors()).isZero();
            assertThat(carrier.received().audioMillis()).as("message left on the machine").isGreaterThan(1500);
        }
    }

    @Test
    void busyEndsWithItsCause() throws Exception {
        try (Carrier carrier = Carrier.start("carrier-busy.xml", busyPort, 1, Map.of())) {
            JsonObject call = placeAndAwait(request("2015550103", "busy", "on"));
            assertThat(call.getString("state")).isEqualTo("failed");
            assertThat(call.getString("disposition")).isEqualTo("busy");
            assertThat(call.getInteger("sipStatus")).isEqualTo(486);
            assertThat(call.getInteger("q850Cause")).isEqualTo(17);
            assertThat(carrier.await(10)).as(carrier.errors()).isZero();
        }
    }

    @Test
    void ringingWithoutAnswerIsCancelledAtTheRingTimeout() throws Exception {
        try (Carrier carrier = Carrier.start("carrier-noanswer.xml", noAnswerPort, 1, Map.of())) {
            JsonObject call = placeAndAwait(request("2015550105", "noanswer", "on").put("ringTimeoutSeconds", 15));
            assertThat(call.getString("state")).isEqualTo("failed");
            assertThat(call.getString("disposition")).as(call.encodePrettily()).isEqualTo("noAnswer");
            assertThat(call.getInteger("sipStatus")).isEqualTo(487);
            assertThat(call.getInteger("q850Cause")).isEqualTo(19);
            assertThat(types(call)).contains("ringing", "notConnected");
            assertThat(carrier.await(10)).as(carrier.errors()).isZero();
        }
    }

    @Test
    void specialInformationToneInEarlyMediaEndsTheCall() throws Exception {
        try (Carrier carrier = Carrier.start("carrier-sit.xml", sitPort, 1, audio)) {
            JsonObject call = placeAndAwait(request("2015550104", "sit", "on"));
            assertThat(call.getString("state")).isEqualTo("failed");
            assertThat(call.getString("outcome")).as(call.encodePrettily()).isEqualTo("sit");
            assertThat(types(call)).contains("earlyMedia", "earlyTone");
            assertThat(carrier.await(10)).as(carrier.errors()).isZero();
        }
    }

    @Test
    void pressingNineStopsFurtherCalls() throws Exception {
        String callId;
        try (Carrier carrier = Carrier.start("carrier-human.xml", humanPort, 1, with("dtmf_pcap",
                "/usr/share/sip-tester/dtmf_2833_9.pcap"))) {
            HttpResponse<String> placed = post("/api/v2/calls", request("201-555-0109", "human", "on"), "remind-0109");
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
            callId = new JsonObject(placed.body()).getString("id");
            JsonObject call = awaitFinal(callId);
            // The person says "Hello?" at once and presses 9 four seconds later: AMD must have called it a person
            // before the key. A failure here names its cause in the amd line (its reason and what the line
            // delivered: packets late or missing mean a starved carrier or media loop, none a silent line).
            List<String> types = types(call);
            assertThat(types).as(call.encodePrettily()).containsSubsequence("amd", "key");
            assertThat(call.getJsonArray("timeline").stream().map(o -> (JsonObject) o)
                    .filter(e -> e.getString("type").equals("amd")).findFirst().orElseThrow().getString("detail"))
                    .as("AMD before the key").startsWith("HUMAN");
            assertThat(call.getString("keyPressed")).as(call.encodePrettily()).isEqualTo("9");
            assertThat(types(call)).contains("dncAdded");
            assertThat(carrier.await(20)).as(carrier.errors()).isZero();
        }
        HttpResponse<String> again = post("/api/v2/calls", request("+12015550109", "human", "on"), null);
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.body()).contains("do-not-call");
        // A client retrying its request (same key, same body) after the callee pressed 9 gets its call back.
        HttpResponse<String> retry = post("/api/v2/calls", request("201-555-0109", "human", "on"), "remind-0109");
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(new JsonObject(retry.body()).getString("id")).isEqualTo(callId);
    }

    @Test
    void aKeyPressedWhileAmdListensSkipsTheMessageAndTheTimelineSaysSo() throws Exception {
        // "Hello?", then 9 at 800 ms while AMD (sync) still waits for the silence after the word: the key is
        // type-ahead, the message never starts, and no timeline line may say it played
        try (Carrier carrier = Carrier.start("carrier-hello-key.xml", humanPort, 1, with("dtmf_pcap",
                "/usr/share/sip-tester/dtmf_2833_9.pcap"))) {
            JsonObject call = placeAndAwait(request("2015550146", "human", "on"));
            assertThat(call.getString("keyPressed")).as(call.encodePrettily()).isEqualTo("9");
            List<String> details = call.getJsonArray("timeline").stream()
                    .map(o -> ((JsonObject) o).getString("type") + ": " + ((JsonObject) o).getString("detail")).toList();
            assertThat(details).as("timeline").contains("prompt: human message skipped: 9 pressed before it began")
                    .noneMatch(d -> d.contains("human message, play"));
            assertThat(types(call)).containsSubsequence("amd", "prompt", "key", "dncAdded");
            assertThat(carrier.await(20)).as(carrier.errors()).isZero();
        }
    }

    @Test
    void keysDefinedByTheRequestReplaceTheDefaults() throws Exception {
        JsonObject bad = request("2015550141", "human", "on");
        bad.getJsonObject("human").put("keys", new JsonObject().put("1", new JsonObject().put("action", "dance")
                .put("goodbye", "Bye.")));
        HttpResponse<String> refused = post("/api/v2/calls", bad, null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        try (Carrier carrier = Carrier.start("carrier-human.xml", humanPort, 1, with("dtmf_pcap",
                "/usr/share/sip-tester/dtmf_2833_1.pcap"))) {
            // by default 1 confirms; this request makes 1 the opt-out key, with its own goodbye
            JsonObject request = request("2015550142", "human", "on");
            request.getJsonObject("human").put("keys", new JsonObject().put("1", new JsonObject()
                    .put("action", "optOut").put("goodbye", "Understood, no more calls. Goodbye.")));
            JsonObject call = placeAndAwait(request);
            assertThat(call.getString("keyPressed")).as(call.encodePrettily()).isEqualTo("1");
            assertThat(types(call)).contains("key", "dncAdded");
            assertThat(call.getJsonArray("timeline").stream().map(o -> ((JsonObject) o).getString("detail")))
                    .contains("1 optOut", "goodbye: Understood, no more calls. Goodbye.");
            assertThat(carrier.await(20)).as(carrier.errors()).isZero();
        }
        HttpResponse<String> again = post("/api/v2/calls", request("+12015550142", "human", "on"), null);
        assertThat(again.statusCode()).as("the number went on the do-not-call list").isEqualTo(422);
    }

    @Test
    void theAgentKeyTransfersTheCallToItsNumber() throws Exception {
        // two calls reach the carrier: the customer (who presses 0) and the transfer target (whose 0 goes nowhere)
        try (Carrier carrier = Carrier.start("carrier-human.xml", humanPort, 2, with("dtmf_pcap",
                "/usr/share/sip-tester/dtmf_2833_0.pcap"))) {
            JsonObject request = request("2015550143", "human", "on");
            request.getJsonObject("human").put("keys", new JsonObject().put("0", new JsonObject()
                    .put("action", "agent").put("to", "+12015550144").put("goodbye", "One moment.")));
            HttpResponse<String> placed = post("/api/v2/calls", request, null);
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
            String id = new JsonObject(placed.body()).getString("id");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!types(new JsonObject(get("/api/v2/calls/" + id).body())).contains("transferred")) {
                assertThat(System.nanoTime()).as(get("/api/v2/calls/" + id).body()).isLessThan(deadline);
                Thread.sleep(200);
            }
            // the target's leg runs carrier-human too: let it reach its wait for our BYE (4 s after its answer)
            Thread.sleep(6000);
            HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/calls/" + id)).header("Authorization",
                    "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            JsonObject call = awaitFinal(id);
            assertThat(call.getString("state")).as(call.encodePrettily()).isEqualTo("completed");
            assertThat(types(call)).containsSubsequence("key", "prompt", "transfer", "ended")
                    .contains("bridged", "transferred");
            assertThat(carrier.await(20)).as("both legs hung up: " + carrier.errors()).isZero();
        }
    }

    @Test
    void aTrunkGroupWithoutTrunksIsRefusedBeforeAnythingIsStored() throws Exception {
        HttpResponse<String> r = post("/api/v2/calls", request("2015550131", "nowhere", "on"), "no-trunk-1");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject problem = new JsonObject(r.body());
        assertThat(problem.getString("type")).isEqualTo("urn:opendialer:problem:no-trunk");
        assertThat(problem.getString("detail")).contains("'nowhere'");
        JsonObject page = new JsonObject(get("/api/v2/calls?to=2015550131&pageSize=10&pageNumber=1").body());
        assertThat(page.getJsonArray("entities")).as("nothing stored").isEmpty();
    }

    @Test
    void callsBeyondTheTrunksChannelsWaitTheirTurn() throws Exception {
        try (Carrier carrier = Carrier.start("carrier-human.xml", humanPort, 2, with("dtmf_pcap",
                "/usr/share/sip-tester/dtmf_2833_1.pcap"))) {
            String first = new JsonObject(post("/api/v2/calls", request("2015550121", "solo", "on"), null).body())
                    .getString("id");
            String second = new JsonObject(post("/api/v2/calls", request("2015550122", "solo", "on"), null).body())
                    .getString("id");
            JsonObject one = awaitFinal(first);
            JsonObject two = awaitFinal(second);
            assertThat(one.getString("outcome")).isEqualTo("human");
            assertThat(two.getString("outcome")).as("the queued call still went out").isEqualTo("human");
            java.time.Instant firstEnded = java.time.Instant.parse(one.getString("endedAt"));
            java.time.Instant secondDialled = java.time.Instant.parse(at(two, "dialing"));
            assertThat(secondDialled).as("one channel: the second call waits for the first").isAfterOrEqualTo(
                    firstEnded.minusMillis(50));
            assertThat(carrier.await(20)).as(carrier.errors()).isZero();
        }
    }

    static String at(JsonObject call, String type) {
        return call.getJsonArray("timeline").stream().map(o -> (JsonObject) o)
                .filter(e -> e.getString("type").equals(type)).findFirst().orElseThrow().getString("at");
    }

    @Test
    void idempotencyKeyAndValidation() throws Exception {
        HttpResponse<String> bad = post("/api/v2/calls", new JsonObject().put("to", "12").put("human",
                new JsonObject().put("text", "Hi")), null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("not a valid phone number");
        HttpResponse<String> noText = post("/api/v2/calls", new JsonObject().put("to", "2015550111"), null);
        assertThat(noText.statusCode()).isEqualTo(400);
        JsonObject req = request("2015550110", "busy", "off");
        try (Carrier carrier = Carrier.start("carrier-busy.xml", busyPort, 1, Map.of())) {
            HttpResponse<String> first = post("/api/v2/calls", req, "key-42");
            HttpResponse<String> second = post("/api/v2/calls", req, "key-42");
            assertThat(first.statusCode()).isEqualTo(201);
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(second.body()).getString("id"))
                    .isEqualTo(new JsonObject(first.body()).getString("id"));
            // The same key with another number must not return the first call (the second would never be dialled).
            HttpResponse<String> other = post("/api/v2/calls", request("2015550112", "busy", "off"), "key-42");
            assertThat(other.statusCode()).as(other.body()).isEqualTo(409);
            assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(new JsonObject(other.body()).getString("type")).isEqualTo("urn:opendialer:problem:idempotency-conflict");
            assertThat(new JsonObject(other.body()).getString("detail")).contains("key-42");
            assertThat(carrier.await(10)).as("exactly one call reached the carrier: " + carrier.errors()).isZero();
        }
    }

    @Test
    void callWebhooksAreSignedEventsAndPrivateTargetsAreRefused() throws Exception {
        String secret = "call-webhook-secret-01";
        try (WebhookSink sink = new WebhookSink();
             Carrier carrier = Carrier.start("carrier-busy.xml", busyPort, 1, Map.of())) {
            JsonObject refused = new JsonObject(post("/api/v2/calls", request("2015550131", "busy", "off").put("webhook",
                    new JsonObject().put("url", "http://10.11.12.13/hook").put("secret", secret)), null).body());
            assertThat(refused.getInteger("status")).as(refused.encode()).isEqualTo(400);
            assertThat(refused.getString("detail")).startsWith("webhook.url: ").contains("a private address");

            JsonObject call = placeAndAwait(request("2015550132", "busy", "off").put("webhook",
                    new JsonObject().put("url", sink.url("localhost")).put("secret", secret)));
            assertThat(carrier.await(10)).as("only the accepted call was dialled: " + carrier.errors()).isZero();
            // the outbox delivers events concurrently, so the final one may overtake those queued before it
            await(() -> sink.posts().size() > 1
                    && sink.posts().stream().anyMatch(p -> p.body().contains("\"event\":\"notConnected\"")));
            assertThat(sink.posts()).hasSizeGreaterThan(1).allSatisfy(p -> {
                assertThat(p.verifies(secret)).isTrue();
                assertThat(new JsonObject(p.body()).getString("callId")).isEqualTo(call.getString("id"));
            }).extracting(WebhookSink.Post::id).doesNotHaveDuplicates();
        }
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("webhooks within 20 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The carriers' audio: "Hello?" then silence, a real voicemail greeting with its beep, an intercept SIT. */
    static Map<String, String> prepareAudio() throws Exception {
        return Map.of("human_wav", generate("human.wav", "espeak-ng -w {raw} Hello? && sox {raw} -r 8000 -c 1 -e u-law {out} pad 0.3 4"),
                "machine_wav", generate("machine.wav", "sox " + CORPUS
                        + "machine/composite_vm_greeting/asterisk_en_allison_isunavail_201_with_beep.wav -r 8000 -c 1 -e u-law {out} pad 0 8"),
                // Intercept SIT (Telcordia IC: 913.8 Hz 274 ms, 1370.6 Hz 274 ms, 1776.7 Hz 380 ms), then silence, twice.
                "sit_wav", generate("sit.wav", "t={raw}; for s in '0.274 913.8' '0.274 1370.6' '0.380 1776.7'; do"
                        + " set -- $s; sox -n -r 8000 -c 1 -b 16 $t.$2.wav synth $1 sine $2 vol 0.3; done;"
                        + " sox -n -r 8000 -c 1 -b 16 $t.gap.wav trim 0 1.5;"
                        + " sox $t.913.8.wav $t.1370.6.wav $t.1776.7.wav $t.gap.wav $t.913.8.wav $t.1370.6.wav"
                        + " $t.1776.7.wav $t.gap.wav -e u-law {out}"));
    }

    // ---- helpers ----

    static Map<String, String> with(String key, String value) {
        return Map.of(key, value, "human_wav", audio.get("human_wav"));
    }

    static JsonObject request(String to, String group, String amd) {
        return new JsonObject().put("to", to).put("trunkGroup", group).put("amd", amd)
                .put("variables", new JsonObject().put("name", "Jane").put("date", "Tuesday"))
                .put("human", new JsonObject().put("text", "Hello {{name}}, your appointment is on {{date}}. "
                        + "Press 1 to confirm, 2 to cancel, 9 to stop these calls.").put("repeats", 2))
                .put("machine", new JsonObject().put("text", "Hello {{name}}, please call us back about {{date}}."));
    }

    static JsonObject placeAndAwait(JsonObject request) throws Exception {
        HttpResponse<String> placed = post("/api/v2/calls", request, null);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        return awaitFinal(new JsonObject(placed.body()).getString("id"));
    }

    static JsonObject awaitFinal(String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonObject call = new JsonObject(get("/api/v2/calls/" + id).body());
            if (call.getString("state").equals("completed") || call.getString("state").equals("failed")) {
                return call;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("call " + id + " did not finish: " + get("/api/v2/calls/" + id).body());
    }

    static List<String> types(JsonObject call) {
        JsonArray t = call.getJsonArray("timeline");
        return t.stream().map(o -> ((JsonObject) o).getString("type")).toList();
    }

    static HttpResponse<String> post(String path, JsonObject body, String idempotencyKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode()));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static String token() throws Exception {
        String basic = Base64.getEncoder().encodeToString("admin:admin-secret-0123456789".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        return new JsonObject(r.body()).getString("access_token");
    }

    /** Runs a sox/espeak-ng command line with {out} and {raw} filled in; fails the test when the tools are missing. */
    static String generate(String name, String command) throws Exception {
        Path out = tmp.resolve(name);
        String cmd = command.replace("{out}", out.toString()).replace("{raw}", tmp.resolve("raw-" + name).toString());
        Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !Files.exists(out)) {
            throw new IllegalStateException("cannot make " + name + " (needs sox and espeak-ng): " + log);
        }
        return out.toString();
    }
}
