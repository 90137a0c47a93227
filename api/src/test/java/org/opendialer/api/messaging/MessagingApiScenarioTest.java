package org.opendialer.api.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.Scrape;
import org.opendialer.api.WebhookSink;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.server.DialerServer;
import org.opendialer.messaging.sms.sim.LoopbackSmsc;

/**
 * The scenario through the REST API of a whole node: an in-process SMSC (throttling, receipts, MO
 * keywords), GreenMail as the relay, our inbound SMTP server, the embedded PostgreSQL, the JDK HTTP client.
 */
class MessagingApiScenarioTest {

    @RegisterExtension
    static GreenMailExtension relay = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @TempDir
    static Path tmp;
    static LoopbackSmsc smsc;
    static DialerServer server;
    static String base;
    static int inboundSmtp;
    static String token;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void boot() throws Exception {
        smsc = LoopbackSmsc.start("dialer", "pw");
        try (ServerSocket s = new ServerSocket(0)) {
            inboundSmtp = s.getLocalPort();
        }
        Path conf = tmp.resolve("dialer.yaml");
        Files.writeString(conf, """
                messaging:
                  sms: {enabled: true, host: 127.0.0.1, port: %d, systemId: dialer, password: pw, sourceAddress: "12345",
                        maxSubmitsPerSecond: 0, reconnectSeconds: 1}
                  email:
                    enabled: true
                    host: 127.0.0.1
                    port: %d
                    startTls: false
                    fromDomain: notify.example.com
                    inbound: {enabled: true, port: %d}
                  publicBaseUrl: https://dialer.example.com
                  campaignTickMillis: 100
                # the test's webhook receiver is reached as "localhost"; 127.0.0.1 itself stays refused
                webhooks:
                  allowedTargets: [localhost]
                """.formatted(smsc.port(), relay.getSmtp().getPort(), inboundSmtp));
        var config = new ConfigLoader().load(conf, Map.of("DIALER_API_PORT", "0", "DIALER_SIP_PORT", "0",
                "DIALER_DATA_DIR", tmp.resolve("pg").toString()));
        server = DialerServer.start(config, Map.of("DIALER_ADMIN_CLIENT_ID", "admin", "DIALER_ADMIN_CLIENT_SECRET", "admin-secret-0123456789"));
        base = "http://127.0.0.1:" + server.apiPort();
        String admin = token("admin", "admin-secret-0123456789");
        JsonObject client = new JsonObject(post("/api/v2/oauth/clients", admin, "{\"name\":\"crm\",\"scopes\":[\"messaging\"]}").body());
        token = token(client.getString("clientId"), client.getString("clientSecret"));
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

    static String token(String id, String secret) throws Exception {
        return tokenAt(base, id, secret);
    }

    /** A client-credentials token from the node at {@code base}. */
    static String tokenAt(String base, String id, String secret) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new JsonObject(r.body()).getString("access_token");
    }

    static HttpResponse<String> post(String path, String bearer, String json, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject json(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return new JsonObject(r.body());
    }

    static List<String> textsTo(String number) {
        return smsc.submitted().stream().filter(s -> s.to().equals(number)).map(LoopbackSmsc.Submitted::text).toList();
    }

    static void await(String what, BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    static boolean ok(ThrowingSupplier s) {
        try {
            return s.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    interface ThrowingSupplier {
        boolean get() throws Exception;
    }

    @Test
    void aRealSmsItsReceiptAndAKeywordShowOnMetricsAndReadiness() throws Exception {
        Scrape before = Scrape.of(base);
        json(post("/api/v2/conversations/messages/agentless", token,
                "{\"toAddress\":\"+15556040001\",\"toAddressMessengerType\":\"sms\",\"textBody\":\"Metered\"}"), 202);
        String smscId = smsc.submitted().stream().filter(s -> s.to().equals("+15556040001")).findFirst().orElseThrow().messageId();
        smsc.deliverReceipt(smscId, "+15556040001", "12345", "DELIVRD", "000");
        await("receipt counted", () -> ok(() -> Scrape.of(base).value("dialer_sms_receipts_total", "state=delivered")
                > before.value("dialer_sms_receipts_total", "state=delivered")));
        Scrape sent = Scrape.of(base);
        assertThat(sent.value("dialer_sms_submits_total") - before.value("dialer_sms_submits_total")).isEqualTo(1);
        assertThat(sent.value("dialer_sms_parts_accepted_total") - before.value("dialer_sms_parts_accepted_total")).isEqualTo(1);
        assertThat(sent.value("dialer_sms_receipts_total", "state=delivered")
                - before.value("dialer_sms_receipts_total", "state=delivered")).isEqualTo(1);
        assertThat(sent.value("dialer_sms_bound")).isEqualTo(1);
        assertThat(sent.has("dialer_sms_rejects_total") && sent.has("dialer_sms_throttles_total")).isTrue();
        assertThat(sent.has("dialer_email_sent_total") && sent.has("dialer_email_failed_total")).isTrue();

        smsc.deliverMo("+15556040002", "12345", "STOP");
        await("keyword counted", () -> ok(() -> Scrape.of(base).value("dialer_sms_keywords_total", "kind=opt_out")
                > sent.value("dialer_sms_keywords_total", "kind=opt_out")));
        Scrape mo = Scrape.of(base);
        assertThat(mo.value("dialer_sms_inbound_total") - sent.value("dialer_sms_inbound_total")).isEqualTo(1);
        assertThat(mo.value("dialer_sms_keywords_total", "kind=opt_out") - sent.value("dialer_sms_keywords_total", "kind=opt_out"))
                .isEqualTo(1);

        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonObject checks = json(ready, 200).getJsonObject("checks");
        assertThat(checks.getString("smpp")).isEqualTo("UP");
        assertThat(checks.getString("smtp")).isEqualTo("UP");
    }

    @Test
    void agentlessSmsWithIdempotencyReceiptAndCleanErrors() throws Exception {
        String body = "{\"toAddress\":\"+15556010001\",\"toAddressMessengerType\":\"sms\",\"textBody\":\"Your code is 4242\"}";
        JsonObject first = json(post("/api/v2/conversations/messages/agentless", token, body, "Idempotency-Key", "order-77"), 202);
        JsonObject again = json(post("/api/v2/conversations/messages/agentless", token, body, "Idempotency-Key", "order-77"), 200);
        assertThat(again.getString("id")).isEqualTo(first.getString("id"));
        assertThat(first.getString("status")).isEqualTo("sent");
        assertThat(textsTo("+15556010001")).containsExactly("Your code is 4242");
        var conflict = post("/api/v2/conversations/messages/agentless", token, body.replace("4242", "9999"), "Idempotency-Key", "order-77");
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(conflict.headers().firstValue("Content-Type")).contains("application/problem+json");

        String smscId = smsc.submitted().stream().filter(s -> s.to().equals("+15556010001")).findFirst().orElseThrow().messageId();
        smsc.deliverReceipt(smscId, "+15556010001", "12345", "DELIVRD", "000");
        String id = first.getString("id");
        await("delivered", () -> ok(() -> json(get("/api/v2/conversations/messages/" + id), 200).getString("status").equals("delivered")));
        JsonArray history = json(get("/api/v2/conversations/messages/" + id), 200).getJsonArray("history");
        assertThat(history.stream().map(o -> ((JsonObject) o).getString("status"))).containsExactly("queued", "submitting", "sent", "delivered");

        JsonArray view = json(get("/api/v2/conversations/messages?address=15556010001"), 200).getJsonArray("entities");
        assertThat(view).hasSize(1);
        String csv = get("/api/v2/conversations/messages?address=15556010001&format=csv").body();
        assertThat(csv.lines()).hasSize(2);
        assertThat(csv).contains("+15556010001,delivered");

        JsonObject template = json(post("/api/v2/conversations/messages/templates", token,
                "{\"name\":\"otp\",\"messengerType\":\"sms\",\"body\":\"Code {{code}} for {{app}}\"}"), 201);
        assertThat(json(get("/api/v2/conversations/messages/templates"), 200).getInteger("total")).isGreaterThanOrEqualTo(1);
        assertThat(json(get(URI.create(template.getString("selfUri")).getPath()), 200).getString("id")).isEqualTo(template.getString("id"));
        JsonObject templated = json(post("/api/v2/conversations/messages/agentless", token, new JsonObject()
                .put("toAddress", "+15556010009").put("toAddressMessengerType", "sms").put("templateId", template.getString("id"))
                .put("templateVariables", new JsonObject().put("code", 123456).put("app", "Bank")).encode()), 202);
        assertThat(templated.getString("textBody")).isEqualTo("Code 123456 for Bank");

        var missing = post("/api/v2/conversations/messages/agentless", token, "{\"toAddressMessengerType\":\"sms\",\"textBody\":\"x\"}");
        assertThat(json(missing, 400).encode()).contains("/toAddress");
        var badNumber = post("/api/v2/conversations/messages/agentless", token, "{\"toAddress\":\"12\",\"toAddressMessengerType\":\"sms\",\"textBody\":\"x\"}");
        assertThat(json(badNumber, 400).getString("detail")).contains("not a valid phone number");
        assertThat(get("/api/v2/conversations/messages/00000000-0000-0000-0000-000000000000").statusCode()).isEqualTo(404);
        assertThat(get("/api/v2/conversations/messages/not-a-uuid").statusCode()).isEqualTo(400);
        var noScope = post("/api/v2/conversations/messages/agentless", null, body);
        assertThat(noScope.statusCode()).isEqualTo(401);
    }

    @Test
    void messageWebhooksAreSignedAndUnsafeOrUnsignedOnesRefused() throws Exception {
        try (WebhookSink sink = new WebhookSink()) {
            String secret = "crm-webhook-secret-0001";
            JsonObject sent = json(post("/api/v2/conversations/messages/agentless", token, new JsonObject()
                    .put("toAddress", "+15556030001").put("toAddressMessengerType", "sms").put("textBody", "Hooked")
                    .put("webhook", new JsonObject().put("url", sink.url("localhost")).put("secret", secret)).encode()), 202);
            await("status webhook", () -> !sink.posts().isEmpty());
            WebhookSink.Post p = sink.posts().getFirst();
            assertThat(p.verifies(secret)).as("signed over id, timestamp and body").isTrue();
            assertThat(new JsonObject(p.body()).getString("id")).isEqualTo(sent.getString("id"));

            String loopback = new JsonObject().put("toAddress", "+15556030002").put("toAddressMessengerType", "sms")
                    .put("textBody", "x").put("webhook", new JsonObject().put("url", sink.url("127.0.0.1")).put("secret", secret)).encode();
            JsonObject refused = json(post("/api/v2/conversations/messages/agentless", token, loopback), 400);
            assertThat(refused.getString("detail")).contains("a loopback address").contains("webhooks.allowedTargets");
            assertThat(refused.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("/webhook/url");

            String bare = "{\"toAddress\":\"+15556030002\",\"toAddressMessengerType\":\"sms\",\"textBody\":\"x\","
                    + "\"webhookUrl\":\"" + sink.url("localhost") + "\"}";
            assertThat(json(post("/api/v2/conversations/messages/agentless", token, bare), 400).getString("detail"))
                    .startsWith("webhookUrl: webhooks are signed");
            String both = new JsonObject(bare).put("webhook", new JsonObject().put("url", sink.url("localhost"))
                    .put("secret", secret)).encode();
            assertThat(json(post("/api/v2/conversations/messages/agentless", token, both), 400).getString("detail"))
                    .contains("not both");
            String ftp = new JsonObject(loopback).put("webhook", new JsonObject().put("url", "ftp://localhost/x")
                    .put("secret", secret)).encode();
            assertThat(post("/api/v2/conversations/messages/agentless", token, ftp).statusCode()).isEqualTo(400);
            assertThat(textsTo("+15556030002")).as("nothing sent for a refused request").isEmpty();
        }
    }

    @Test
    void smsCampaignWithThrottlingReceiptsStopMidCampaignHelpAndExport() throws Exception {
        String csv = "name,mobile,tz\\nAnn,+15556020001,America/Chicago\\nBob,(555) 602-0002,America/Chicago\\n"
                + "Cid,+15556020003,Europe/Paris\\nAnn again,+15556020001,America/Chicago\\n";
        var bad = post("/api/v2/outbound/contactlists", token, "{\"name\":\"bad\",\"csv\":\"name,mobile\\nAnn,+1555\\nBob,x\\n\",\"phoneColumns\":[\"mobile\"]}");
        JsonObject badProblem = json(bad, 400);
        assertThat(badProblem.getString("detail")).contains("line 2").contains("nothing was stored");
        assertThat(json(get("/api/v2/outbound/contactlists"), 200).getJsonArray("entities").stream()
                .map(o -> ((JsonObject) o).getString("name"))).doesNotContain("bad");

        JsonObject list = json(post("/api/v2/outbound/contactlists", token, "{\"name\":\"sms-list\",\"csv\":\"" + csv
                + "\",\"phoneColumns\":[\"mobile\"],\"timeZoneColumn\":\"tz\"}"), 201);
        assertThat(list.getInteger("size")).isEqualTo(4);

        String longWithLink = "x".repeat(140) + " https://pay.example.com/invoice/{{name}} thanks";
        JsonObject campaign = json(post("/api/v2/outbound/messagingcampaigns", token, new JsonObject()
                .put("name", "sms-campaign").put("messengerType", "sms").put("contactList", new JsonObject().put("id", list.getString("id")))
                .put("addressColumn", "mobile").put("template", longWithLink).put("messagesPerMinute", 6000).encode()), 201);
        assertThat(campaign.getJsonArray("warnings").encode()).contains("would be split");
        String cid = campaign.getString("id");
        JsonObject fixed = json(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/outbound/messagingcampaigns/" + cid))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(new JsonObject().put("name", "sms-campaign").put("messengerType", "sms")
                        .put("contactList", new JsonObject().put("id", list.getString("id"))).put("addressColumn", "mobile")
                        .put("template", "Hi {{name}}, pay at https://pay.example.com/i").put("messagesPerMinute", 6000).encode()))
                .build(), HttpResponse.BodyHandlers.ofString()), 200);
        assertThat(fixed.getJsonArray("warnings")).isEmpty();

        AtomicInteger throttle = new AtomicInteger(3);
        smsc.policy(s -> throttle.getAndDecrement() > 0 ? LoopbackSmsc.Answer.THROTTLE : LoopbackSmsc.Answer.ACCEPT);
        json(post("/api/v2/outbound/messagingcampaigns/" + cid + "/start", token, ""), 200);
        await("Ann's first message", () -> !textsTo("+15556020001").isEmpty());
        json(post("/api/v2/outbound/messagingcampaigns/" + cid + "/stop", token, ""), 200);
        smsc.policy(s -> LoopbackSmsc.Answer.ACCEPT);
        smsc.deliverMo("+15556020001", "12345", "STOP");
        await("STOP on the ledger", () -> ok(() -> get("/api/v2/outbound/dnc/phone/15556020001").statusCode() == 200));
        assertThat(json(get("/api/v2/outbound/dnc/phone/5556020001"), 200).getString("source")).isEqualTo("smsStop");
        json(post("/api/v2/outbound/messagingcampaigns/" + cid + "/start", token, ""), 200);
        await("complete", () -> ok(() -> json(get("/api/v2/outbound/messagingcampaigns/" + cid + "/progress"), 200)
                .getString("campaignStatus").equals("complete")));
        await("STOP confirmation", () -> textsTo("+15556020001").size() == 2);
        assertThat(textsTo("+15556020001")).containsExactly("Hi Ann, pay at https://pay.example.com/i",
                "You are unsubscribed and will receive no more messages. Reply START to subscribe again.");

        smsc.submitted().stream().filter(s -> s.to().equals("+15556020002") || s.to().equals("+15556020003"))
                .forEach(s -> smsc.deliverReceipt(s.messageId(), s.to(), "12345", s.to().endsWith("3") ? "UNDELIV" : "DELIVRD", s.to().endsWith("3") ? "011" : "000"));
        await("receipts", () -> ok(() -> json(get("/api/v2/outbound/messagingcampaigns/" + cid + "/progress"), 200).getInteger("undelivered") == 1));
        JsonObject progress = json(get("/api/v2/outbound/messagingcampaigns/" + cid + "/progress"), 200);
        assertThat(progress.getInteger("totalContacts")).isEqualTo(4);
        assertThat(progress.getInteger("processedContacts")).isEqualTo(4);
        assertThat(progress.getInteger("sent")).isEqualTo(3);
        assertThat(progress.getInteger("skipped")).isEqualTo(1);
        assertThat(progress.getInteger("delivered")).isEqualTo(1);

        smsc.deliverMo("+15556020002", "12345", "help");
        await("HELP reply", () -> textsTo("+15556020002").size() == 2);
        assertThat(textsTo("+15556020002").get(1)).isEqualTo("Notifications. Reply STOP to unsubscribe. Msg & data rates may apply.");

        String export = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/outbound/messagingcampaigns/" + cid + "/export"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(export.lines()).hasSize(5);
        assertThat(export).contains("+15556020001,SKIPPED,on the do-not-contact list (SMS_STOP)")
                .contains("FAILED,\"receipt UNDELIVERABLE, error 011\"").contains(",DELIVERED,");
        HttpResponse<byte[]> pdf = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/outbound/messagingcampaigns/" + cid + "/export?format=pdf"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(new String(pdf.body(), 0, 4)).isEqualTo("%PDF");
        JsonArray attempts = json(get("/api/v2/outbound/messagingcampaigns/" + cid + "/attempts"), 200).getJsonArray("entities");
        assertThat(attempts.stream().map(o -> ((JsonObject) o).getString("outcome"))).contains("accepted", "skipped");

        var agentlessToStopped = post("/api/v2/conversations/messages/agentless", token,
                "{\"toAddress\":\"+15556020001\",\"toAddressMessengerType\":\"sms\",\"textBody\":\"hello?\"}");
        assertThat(json(agentlessToStopped, 422).getString("detail")).contains("SMS_STOP");
        assertThat(textsTo("+15556020001")).hasSize(2);
    }

    @Test
    void emailCampaignUnsubscribeOneClickAndThreadedReply() throws Exception {
        JsonObject list = json(post("/api/v2/outbound/contactlists", token, "{\"name\":\"mail-list\",\"csv\":\"name,email\\nEve,eve@example.org\\nFay,fay@example.org\\n\",\"emailColumns\":[\"email\"]}"), 201);
        String cid = json(post("/api/v2/outbound/messagingcampaigns", token, new JsonObject()
                .put("name", "mail-campaign").put("messengerType", "email").put("contactList", new JsonObject().put("id", list.getString("id")))
                .put("addressColumn", "email").put("fromAddress", "billing@notify.example.com").put("subject", "Invoice for {{name}}")
                .put("template", "Dear {{name}}, your invoice is ready.").put("htmlTemplate", "<p>Dear {{name}}</p>")
                .put("messagesPerMinute", 6000).encode()), 201).getString("id");
        json(post("/api/v2/outbound/messagingcampaigns/" + cid + "/start", token, ""), 200);
        await("two emails", () -> relay.getReceivedMessages().length >= 2);
        MimeMessage toEve = java.util.Arrays.stream(relay.getReceivedMessages()).filter(m -> ok(() ->
                m.getAllRecipients()[0].toString().equals("eve@example.org"))).findFirst().orElseThrow();
        String link = toEve.getHeader("List-Unsubscribe", null);
        assertThat(toEve.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        String path = URI.create(link.substring(1, link.length() - 1)).getPath();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(get("/api/v2/outbound/dnc/email/eve@example.org").statusCode()).isEqualTo(404); // GET changes nothing
        HttpResponse<String> click = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(click.statusCode()).as(click.body()).isEqualTo(200);
        assertThat(json(get("/api/v2/outbound/dnc/email/eve@example.org"), 200).getString("source")).isEqualTo("unsubscribeLink");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/unsubscribe/bogus-token-1234567890")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(inboundSmtp));
        MimeMessage reply = new MimeMessage(Session.getInstance(p));
        reply.setFrom(new InternetAddress("fay@example.org"));
        reply.setRecipients(RecipientType.TO, "billing@notify.example.com");
        reply.setSubject("Re: Invoice for Fay");
        MimeMessage toFay = java.util.Arrays.stream(relay.getReceivedMessages()).filter(m -> ok(() ->
                m.getAllRecipients()[0].toString().equals("fay@example.org"))).findFirst().orElseThrow();
        reply.setHeader("In-Reply-To", toFay.getMessageID());
        reply.setText("Paid, thanks");
        Transport.send(reply);

        JsonObject attempts = json(get("/api/v2/outbound/messagingcampaigns/" + cid + "/attempts"), 200);
        String fayMessage = attempts.getJsonArray("entities").stream().map(o -> (JsonObject) o)
                .filter(o -> o.containsKey("message")).map(o -> o.getJsonObject("message").getString("id"))
                .filter(id -> ok(() -> json(get("/api/v2/conversations/messages/" + id), 200).getString("toAddress").equals("fay@example.org")))
                .findFirst().orElseThrow();
        String conversation = json(get("/api/v2/conversations/messages/" + fayMessage), 200).getJsonObject("conversation").getString("id");
        JsonArray thread = json(get("/api/v2/conversations/" + conversation), 200).getJsonArray("messages");
        assertThat(thread.stream().map(o -> ((JsonObject) o).getString("textBody")))
                .containsExactly("Dear Fay, your invoice is ready.", "Paid, thanks");

        var toEveAgain = post("/api/v2/conversations/messages/agentless", token,
                "{\"toAddress\":\"Eve@example.org\",\"toAddressMessengerType\":\"email\",\"subject\":\"Hi\",\"textBody\":\"Again\"}");
        assertThat(toEveAgain.statusCode()).isEqualTo(422);
    }
}
