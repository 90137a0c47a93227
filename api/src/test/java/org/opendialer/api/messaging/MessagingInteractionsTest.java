package org.opendialer.api.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.server.DialerServer;
import org.opendialer.messaging.sms.sim.LoopbackSmsc;

/**
 * SMS and email conversations as interactions: real messages through a whole node (the in-process SMSC, GreenMail
 * as the relay), then {@code /api/v2/interactions} lists them beside the voice ones, filters them by media type, and
 * exports them as CSV.
 */
class MessagingInteractionsTest {

    @RegisterExtension
    static GreenMailExtension relay = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @TempDir
    static Path tmp;
    static LoopbackSmsc smsc;
    static DialerServer server;
    static String base;
    static String admin;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void boot() throws Exception {
        smsc = LoopbackSmsc.start("dialer", "pw");
        Path conf = tmp.resolve("dialer.yaml");
        Files.writeString(conf, """
                messaging:
                  sms: {enabled: true, host: 127.0.0.1, port: %d, systemId: dialer, password: pw, sourceAddress: "12345",
                        maxSubmitsPerSecond: 0, reconnectSeconds: 1}
                  email: {enabled: true, host: 127.0.0.1, port: %d, startTls: false, fromDomain: notify.example.com}
                  campaignTickMillis: 100
                """.formatted(smsc.port(), relay.getSmtp().getPort()));
        var config = new ConfigLoader().load(conf, Map.of("DIALER_API_PORT", "0", "DIALER_SIP_PORT", "0",
                "DIALER_DATA_DIR", tmp.resolve("pg").toString()));
        server = DialerServer.start(config, Map.of("DIALER_ADMIN_CLIENT_ID", "admin", "DIALER_ADMIN_CLIENT_SECRET", "admin-secret-0123456789"));
        base = "http://127.0.0.1:" + server.apiPort();
        admin = MessagingApiScenarioTest.tokenAt(base, "admin", "admin-secret-0123456789");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (smsc != null) {
            smsc.close();
        }
    }

    static HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject ok(String method, String path, String json) throws Exception {
        HttpResponse<String> r = send(method, path, json);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
        return new JsonObject(r.body());
    }

    static JsonObject page(String range, String media) throws Exception {
        return ok("GET", "/api/v2/interactions?" + range + (media == null ? "" : "&mediaType=" + media) + "&pageSize=100", null);
    }

    static JsonObject to(JsonObject page, String customer) {
        return page.getJsonArray("entities").stream().map(JsonObject.class::cast)
                .filter(i -> customer.equals(i.getString("customerAddress"))).findFirst().orElse(null);
    }

    @Test
    void smsAndEmailConversationsAreInteractionsFilteredByMediaAndExported() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        ok("POST", "/api/v2/conversations/messages/agentless",
                "{\"toAddress\":\"+15556050001\",\"toAddressMessengerType\":\"sms\",\"textBody\":\"Your parcel is on its way\"}");
        MessagingApiScenarioTest.await("the SMSC got the SMS",
                () -> smsc.submitted().stream().anyMatch(s -> s.to().equals("+15556050001")));
        smsc.deliverMo("+15556050001", "12345", "Thanks, at home after 6");      // a reply: the same conversation
        smsc.deliverMo("+15556050002", "12345", "Is my order ready");           // a customer writing first
        ok("POST", "/api/v2/conversations/messages/agentless",
                "{\"toAddress\":\"zed@example.org\",\"toAddressMessengerType\":\"email\",\"subject\":\"Invoice\",\"textBody\":\"Attached\"}");
        String campaign = smsCampaign("+15556050003");
        String range = "from=" + enc(from) + "&to=" + enc(Instant.now().plus(Duration.ofMinutes(5)));

        MessagingApiScenarioTest.await("the reply threaded, the campaign sent", () -> MessagingApiScenarioTest.ok(() -> {
            JsonObject sms = page(range, "sms");
            JsonObject first = to(sms, "+15556050001");
            return sms.getInteger("total") == 3 && first != null && first.getInteger("messageCount") == 2
                    && to(sms, "+15556050003") != null;
        }));
        JsonObject sms = page(range, "sms");
        JsonObject outbound = to(sms, "+15556050001");
        assertThat(outbound.getString("mediaType")).isEqualTo("sms");
        assertThat(outbound.getString("direction")).as("the first message's").isEqualTo("outbound");
        assertThat(outbound.getString("dialedAddress")).isEqualTo("12345");
        assertThat(outbound.getString("state")).isEqualTo("open");
        assertThat(outbound.getString("status")).as("the latest message: the reply").isEqualTo("received");
        assertThat(outbound.getJsonObject("conversation").getString("selfUri"))
                .isEqualTo("/api/v2/conversations/" + outbound.getString("id"));
        assertThat(outbound.containsKey("queue")).isFalse();
        assertThat(to(sms, "+15556050002").getString("direction")).isEqualTo("inbound");
        JsonObject fromCampaign = to(sms, "+15556050003");
        assertThat(fromCampaign.getJsonObject("campaign").getString("selfUri")).isEqualTo("/api/v2/outbound/messagingcampaigns/" + campaign);
        // the conversation's own resource is where the campaign reference and the addresses came from
        JsonObject conversation = ok("GET", fromCampaign.getJsonObject("conversation").getString("selfUri"), null);
        assertThat(conversation.getString("id")).isEqualTo(fromCampaign.getString("id"));

        MessagingApiScenarioTest.await("the relay took the email", () -> MessagingApiScenarioTest.ok(() ->
                "sent".equals(to(page(range, "email"), "zed@example.org").getString("status"))));
        JsonObject email = page(range, "email");
        assertThat(email.getInteger("total")).isEqualTo(1);
        assertThat(email.getJsonArray("entities").getJsonObject(0).getString("direction")).isEqualTo("outbound");
        assertThat(relay.getReceivedMessages()).isNotEmpty();
        assertThat(page(range, "voice").getInteger("total")).isZero();
        JsonObject all = page(range, null);
        assertThat(all.getInteger("total")).isEqualTo(4);
        JsonArray newestFirst = all.getJsonArray("entities");
        assertThat(newestFirst.getJsonObject(0).getString("dateCreated"))
                .isGreaterThanOrEqualTo(newestFirst.getJsonObject(3).getString("dateCreated"));

        JsonObject one = ok("GET", "/api/v2/interactions/" + outbound.getString("id"), null);
        assertThat(one.getInteger("messageCount")).isEqualTo(2);
        assertThat(one.getJsonArray("flowTrace")).isEmpty();

        HttpResponse<String> csv = send("GET", "/api/v2/interactions/export?" + range + "&mediaType=sms", null);
        assertThat(csv.statusCode()).isEqualTo(200);
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body())).getRecords();
        assertThat(rows).extracting(r -> r.get("customerAddress")).containsExactly("+15556050001", "+15556050002", "+15556050003");
        assertThat(rows).extracting(r -> r.get("mediaType")).containsOnly("sms");
        assertThat(rows.get(0).get("status")).isEqualTo("received");
        assertThat(rows.get(0).get("messageCount")).isEqualTo("2");
        assertThat(rows.get(2).get("campaignId")).isEqualTo(campaign);
        HttpResponse<String> everything = send("GET", "/api/v2/interactions/export?" + range, null);
        assertThat(everything.body()).contains(",email,outbound,open,,,,zed@example.org,");
        assertThat(everything.body().lines()).hasSize(5);

        assertThat(send("GET", "/api/v2/interactions?mediaType=fax", null).statusCode()).isEqualTo(400);
    }

    /** A one-contact SMS campaign, started; its id. */
    private static String smsCampaign(String number) throws Exception {
        String list = ok("POST", "/api/v2/outbound/contactlists", new JsonObject().put("name", "parcels")
                .put("csv", "name,mobile\nAnn," + number + "\n").put("phoneColumns", List.of("mobile")).encode()).getString("id");
        String id = ok("POST", "/api/v2/outbound/messagingcampaigns", new JsonObject().put("name", "parcels")
                .put("messengerType", "sms").put("contactList", new JsonObject().put("id", list)).put("addressColumn", "mobile")
                .put("template", "Hi {{name}}, your parcel comes tomorrow").put("messagesPerMinute", 600).encode()).getString("id");
        ok("POST", "/api/v2/outbound/messagingcampaigns/" + id + "/start", "");
        return id;
    }

    private static String enc(Instant t) {
        return URLEncoder.encode(t.toString(), StandardCharsets.UTF_8);
    }
}
