package org.opendialer.contacts.dnc.external;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendialer.contacts.dnc.external.ExternalDnc.Verdict;
import org.opendialer.store.testing.ManualClock;

/** The DNC.com Scrub API adapter and its cache against a local stand-in of the service (loopback HTTP). */
class DncScrubProviderTest {

    static final ObjectMapper JSON = new ObjectMapper();
    HttpServer standIn;
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    final List<String> keys = new CopyOnWriteArrayList<>();
    /** What the stand-in does: answer with codes, fail, or hang until released. */
    volatile String behaviour = "answer";
    final CountDownLatch release = new CountDownLatch(1);
    final Map<String, String> codes = Map.of("5039367187", "D", "7075276405", "C", "7072842774", "W", "5035550100", "L");

    @BeforeEach
    void start() throws IOException {
        standIn = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        standIn.createContext("/app/main/rpc/scrub", this::handle);
        standIn.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        standIn.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        standIn.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        JsonNode body = JSON.readTree(x.getRequestBody());
        requests.add(body);
        keys.add(x.getRequestHeaders().getFirst("loginId"));
        if (behaviour.equals("hang")) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!x.getRequestMethod().equals("POST") || behaviour.equals("fail")) {
            x.sendResponseHeaders(500, -1);
            x.close();
            return;
        }
        var rows = JSON.createArrayNode();
        for (String phone : body.path("phoneList").asText().split(",")) {
            rows.addObject().put("Phone", phone).put("ResultCode", codes.getOrDefault(phone, "C")).put("Reason", "");
        }
        byte[] out = rows.toString().getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(200, out.length);
        x.getResponseBody().write(out);
        x.close();
    }

    DncScrubProvider provider(Duration budget) {
        return new DncScrubProvider(HttpClient.newHttpClient(), URI.create("http://127.0.0.1:" + standIn.getAddress().getPort()),
                "key-123", budget);
    }

    @Test
    void cleanAndWirelessMayBeDialedEveryOtherCodeIsBlockedAndForeignNumbersAreNotAsked() {
        Map<String, Verdict> v = provider(Duration.ofSeconds(10)).scrub(
                List.of("+15039367187", "+17075276405", "+17072842774", "+15035550100", "+442079460958"));
        assertThat(v).containsExactly(Map.entry("+15039367187", Verdict.BLOCKED), Map.entry("+17075276405", Verdict.DIALABLE),
                Map.entry("+17072842774", Verdict.DIALABLE), Map.entry("+15035550100", Verdict.BLOCKED),
                Map.entry("+442079460958", Verdict.UNKNOWN));
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.path("version").asText()).isEqualTo("5");
            assertThat(r.path("output").asText()).isEqualTo("json");
            assertThat(List.of(r.path("phoneList").asText().split(","))).containsExactlyInAnyOrder(
                    "5039367187", "7075276405", "7072842774", "5035550100");
        });
        assertThat(keys).containsExactly("key-123");
    }

    @Test
    void aLateOrFailedScrubLeavesEveryNumberUnknownSoNoneIsDialed() {
        behaviour = "hang";
        Map<String, Verdict> late = provider(Duration.ofMillis(300)).scrub(List.of("+17075276405"));
        assertThat(late).containsExactly(Map.entry("+17075276405", Verdict.UNKNOWN));
        assertThat(late.get("+17075276405").mayDial()).isFalse();
        behaviour = "fail";
        assertThat(provider(Duration.ofSeconds(10)).scrub(List.of("+17075276405"))).containsEntry("+17075276405", Verdict.UNKNOWN);
    }

    @Test
    void theCacheAnswersClearVerdictsUntilTheyExpireAndNeverRemembersUnknown() {
        ManualClock clock = new ManualClock(Instant.parse("2026-06-01T00:00:00Z"));
        CachedDnc cached = new CachedDnc(provider(Duration.ofSeconds(10)), Duration.ofHours(24), 1000, clock);
        assertThat(cached.scrub(List.of("+15039367187", "+17075276405"))).containsValues(Verdict.BLOCKED, Verdict.DIALABLE);
        assertThat(cached.scrub(List.of("+15039367187", "+17075276405"))).containsValues(Verdict.BLOCKED, Verdict.DIALABLE);
        assertThat(requests).hasSize(1);
        clock.advance(Duration.ofHours(25));
        behaviour = "fail";
        assertThat(cached.scrub(List.of("+17075276405"))).containsEntry("+17075276405", Verdict.UNKNOWN);
        behaviour = "answer";
        assertThat(cached.scrub(List.of("+17075276405"))).containsEntry("+17075276405", Verdict.DIALABLE);
        assertThat(requests).as("expired, then the unknown answer was not kept").hasSize(3);
    }
}
