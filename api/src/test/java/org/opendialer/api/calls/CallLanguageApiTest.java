package org.opendialer.api.calls;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.TestServers;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.server.DialerServer;
import org.opendialer.media.play.WavFile;
import org.opendialer.store.testing.Await;

/**
 * {@code language} on POST /api/v2/calls. It is checked against the real espeak-ng before anything is stored: a
 * language it does not speak is a 400 naming it; one it speaks (or whose base language it speaks) passes on to the
 * next check, here the 422 of a trunk group without trunks, so nothing is dialled either way. And a Korean call to a
 * SIPp carrier sends it the Korean message: FreeTTS (the voice when the language is ignored) renders Hangul as
 * nothing at all, espeak-ng's Korean voice as seconds of speech.
 */
class CallLanguageApiTest {

    @TempDir
    static Path tmp;
    static DialerServer server;
    static String base;
    static String token;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    static int carrierPort;

    @BeforeAll
    static void start() throws Exception {
        carrierPort = Carrier.freePort();
        Path conf = tmp.resolve("dialer.yaml");
        Files.writeString(conf, """
                sip:
                  port: 0
                  trunks:
                    - { name: carrier, host: 127.0.0.1, port: %d, maxChannels: 2, maxCallsPerSecond: 10, group: carrier }
                """.formatted(carrierPort));
        server = DialerServer.start(new ConfigLoader().load(conf, Map.of("DIALER_API_PORT", "0",
                "DIALER_DATA_DIR", tmp.resolve("pg").toString())), Map.of("DIALER_ADMIN_CLIENT_ID", "admin",
                "DIALER_ADMIN_CLIENT_SECRET", "admin-secret-0123456789"));
        base = "http://127.0.0.1:" + server.apiPort();
        token = TestServers.token(base, "admin", "admin-secret-0123456789");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<String> place(String language) throws Exception {
        return post(new JsonObject().put("to", "+12015550123").put("language", language).put("trunkGroup", "none")
                .put("human", new JsonObject().put("text", "안녕하세요")));
    }

    private static HttpResponse<String> post(JsonObject body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/calls"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject get(String id) throws Exception {
        return new JsonObject(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/calls/" + id))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void aKoreanCallSpeaksItsMessageInKorean() throws Exception {
        String text = "안녕하세요 고객님 상담원을 연결해 드리겠습니다";
        Process p = new ProcessBuilder("espeak-ng", "-v", "ko", "--stdout", text).start();
        int referenceMillis = WavFile.decodeAnyRate(p.getInputStream().readAllBytes(), "reference").length / 8;
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Path silence = tmp.resolve("silence.wav");
        assertThat(new ProcessBuilder("sox", "-n", "-r", "8000", "-c", "1", "-e", "u-law", silence.toString(),
                "trim", "0", "0.5").start().waitFor()).isZero();
        // the carrier answers and stays silent until our BYE; the message plays once, no key, we hang up
        try (Carrier carrier = Carrier.start("carrier-machine.xml", carrierPort, 1,
                Map.of("machine_wav", silence.toString()))) {
            HttpResponse<String> placed = post(new JsonObject().put("to", "+12015550124").put("trunkGroup", "carrier")
                    .put("amd", "off").put("language", "ko").put("human", new JsonObject().put("text", text)
                            .put("repeats", 1).put("keyTimeoutSeconds", 1)));
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
            String id = new JsonObject(placed.body()).getString("id");
            JsonObject call = Await.value("the call ends", Duration.ofSeconds(60), () -> {
                JsonObject now = get(id);
                return now.getString("state").equals("completed") || now.getString("state").equals("failed") ? now : null;
            });
            assertThat(call.getString("state")).as(call.encodePrettily()).isEqualTo("completed");
            assertThat(carrier.await(20)).as(carrier.errors()).isZero();
            long heard = carrier.received().audioMillis();
            assertThat(heard).as("speech sent vs espeak-ng's %d ms of Korean", referenceMillis)
                    .isBetween(referenceMillis / 2L, referenceMillis * 3L / 2);
        }
    }

    @Test
    void anUnknownLanguageIsA400NamingItAndAKnownOneIsAccepted() throws Exception {
        HttpResponse<String> unknown = place("xx-YY");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(new JsonObject(unknown.body()).getString("detail"))
                .startsWith("espeak-ng has no voice for language 'xx-YY' (it has: ").contains(" ko,");

        HttpResponse<String> malformed = place("-v");
        assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(400);
        assertThat(new JsonObject(malformed.body()).getString("detail")).startsWith("language: ");

        for (String known : new String[] {"ko", "fr-CA", "en"}) {
            HttpResponse<String> r = place(known);
            assertThat(r.statusCode()).as(known + ": " + r.body()).isEqualTo(422);
            assertThat(r.body()).as(known).contains("no trunk");
        }
    }
}
