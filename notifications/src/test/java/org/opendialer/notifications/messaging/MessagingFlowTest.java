package org.opendialer.notifications.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opendialer.contacts.consent.ConsentSource;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.contacts.lists.ContactList;
import org.opendialer.contacts.lists.CsvContactParser;
import org.opendialer.messaging.FakeClock;
import org.opendialer.messaging.email.SmtpConfig;
import org.opendialer.messaging.email.SmtpEmailGateway;
import org.opendialer.messaging.sms.SmppConfig;
import org.opendialer.messaging.sms.sim.LoopbackSmsc;
import org.opendialer.messaging.sms.smpp.SmppSmsGateway;
import org.opendialer.store.testing.Await;
import org.opendialer.store.testing.TestDb;
import org.opendialer.webhooks.WebhookDispatcher;
import org.opendialer.webhooks.WebhookOutbox;
import org.opendialer.webhooks.WebhookReceiver;
import org.opendialer.webhooks.WebhooksConfig;

/**
 * The messaging services over real parts: the in-process SMSC, GreenMail as relay, our embedded SMTP server for
 * replies, the embedded PostgreSQL; pacing, back-off, callable hours and the reply window on a fake clock.
 */
class MessagingFlowTest {

    @RegisterExtension
    static GreenMailExtension relay = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final FakeClock clock = new FakeClock(Instant.parse("2026-03-02T15:00:00Z")); // 09:00 in Chicago
    private LoopbackSmsc smsc;
    private Messaging messaging;
    private WebhookDispatcher webhooks;
    private static Vertx vertx;

    @BeforeAll
    static void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void closeVertx() {
        vertx.close().await();
    }

    @BeforeEach
    void start() {
        smsc = LoopbackSmsc.start("dialer", "pw");
        SmppConfig smpp = SmppConfig.of("127.0.0.1", smsc.port(), "dialer", "pw", "12345");
        SmtpConfig smtp = new SmtpConfig(true, "127.0.0.1", relay.getSmtp().getPort(), "", "", false, "notify.example.com",
                "", 2, 5000, new SmtpConfig.Inbound(true, "127.0.0.1", 0, 0));
        MessagingConfig config = new MessagingConfig(smpp, smtp, "US", "https://dialer.example.com", 60, 0, null, List.of(), 0);
        // webhook receivers of these tests listen on loopback, which only an allow-list entry lets through
        WebhooksConfig hooks = new WebhooksConfig(false, List.of("127.0.0.1"), "", 0, 0, 0, 0, 0, 50, 0);
        webhooks = new WebhookDispatcher(hooks, TestDb.dataSource(), vertx, clock, new SimpleMeterRegistry(), Math::random).start();
        messaging = Messaging.create(config, TestDb.dataSource(), clock, SmppSmsGateway.start(smpp, clock, clock),
                SmtpEmailGateway.start(smtp, clock), new WebhookOutbox(hooks, TestDb.dataSource(), clock, webhooks::wake));
    }

    @AfterEach
    void stop() {
        // the database is shared by the tests of this module: leave no campaign running for the next one
        messaging.campaigns().list().forEach(c -> messaging.campaigns().stop(c.id()));
        messaging.close();
        webhooks.close();
        smsc.close();
    }

    private List<String> textsTo(String number) {
        return smsc.submitted().stream().filter(s -> s.to().equals(number)).map(LoopbackSmsc.Submitted::text).toList();
    }

    @Test
    void agentlessSmsIsIdempotentAndItsReceiptIsMatched() {
        var req = new AgentlessMessages.Request("", "+15554010001", Channel.SMS, "Code 4711", null, null, null, null, null, null);
        var first = messaging.agentless().send("client-a", "key-1", req);
        var again = messaging.agentless().send("client-a", "key-1", req);
        assertThat(again.created()).isFalse();
        assertThat(again.message().id()).isEqualTo(first.message().id());
        assertThat(textsTo("+15554010001")).containsExactly("Code 4711");
        assertThat(first.message().status()).isEqualTo(MessageStatus.SENT);
        assertThatThrownBy(() -> messaging.agentless().send("client-a", "key-1",
                new AgentlessMessages.Request("", "+15554010001", Channel.SMS, "Code 9999", null, null, null, null, null, null)))
                .isInstanceOf(AgentlessMessages.IdempotencyConflict.class);
        // another client may use the same key
        assertThat(messaging.agentless().send("client-b", "key-1", req).created()).isTrue();

        String smscId = smsc.submitted().getFirst().messageId();
        smsc.deliverReceipt(smscId, "+15554010001", "12345", "DELIVRD", "000");
        Await.until("delivered", () -> messaging.messages().find(first.message().id()).orElseThrow().status() == MessageStatus.DELIVERED);
        assertThat(messaging.messages().events(first.message().id())).extracting(MessageStore.Event::status)
                .containsExactly(MessageStatus.QUEUED, MessageStatus.SUBMITTING, MessageStatus.SENT, MessageStatus.DELIVERED);
    }

    @Test
    void statusChangesGoThroughTheOutboxSignedWithTheRequestsSecret() {
        try (WebhookReceiver hook = new WebhookReceiver()) {
            String secret = "message-hook-secret-1";
            Message m = messaging.agentless().send("client-w", null, new AgentlessMessages.Request("", "+15554050005",
                    Channel.SMS, "Hello {{name}}", null, null, null, Map.of("name", "Gil"), hook.url(), secret)).message();
            assertThat(m.body()).isEqualTo("Hello Gil");
            Await.until("sent posted", () -> hook.deliveries().size() == 1);
            assertThat(hook.deliveries().getFirst().body()).contains("\"status\":\"sent\"").contains(m.id().toString());
            // the receipt comes later, from the SMSC: signed with the same secret, as its own event
            smsc.deliverReceipt(smsc.submitted().getLast().messageId(), "+15554050005", "12345", "EXPIRED", "000");
            Await.until("expired posted", () -> hook.deliveries().size() == 2);
            assertThat(hook.deliveries().get(1).body()).contains("\"status\":\"expired\"");
            assertThat(hook.deliveries()).allSatisfy(d -> assertThat(d.verifies(secret)).isTrue())
                    .extracting(WebhookReceiver.Delivery::id).doesNotHaveDuplicates();
        }
    }

    @Test
    void aBareWebhookUrlIsRefusedWithoutADefaultSecretAndPrivateTargetsAreRefused() {
        assertThatThrownBy(() -> messaging.agentless().send("client-w", null, new AgentlessMessages.Request("", "+15554050006",
                Channel.SMS, "Hi", null, null, null, null, "http://127.0.0.1:9/hook", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("webhookUrl: webhooks are signed");
        assertThatThrownBy(() -> messaging.agentless().send("client-w", null, new AgentlessMessages.Request("", "+15554050006",
                Channel.SMS, "Hi", null, null, null, null, "http://10.20.30.40/hook", "message-hook-secret-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("webhook.url: ")
                .hasMessageContaining("a private address");
        assertThat(textsTo("+15554050006")).as("nothing is sent for a refused request").isEmpty();
    }

    @Test
    void stopBlocksFurtherMessagesAtSendTimeHelpAnswersAndStartLiftsIt() {
        String number = "+15554020002";
        messaging.sender().send(MessageSender.Outbound.sms("", number, "Your appointment is tomorrow"));
        smsc.deliverMo(number, "12345", "Stop");
        Await.until("STOP confirmation", () -> textsTo(number).size() == 2);
        assertThat(textsTo(number).get(1)).isEqualTo(KeywordSet.STANDARD.optOutReply());
        assertThat(messaging.ledger().find(ContactChannel.PHONE, number)).get()
                .extracting(e -> e.source()).isEqualTo(ConsentSource.SMS_STOP);

        var blocked = messaging.sender().send(MessageSender.Outbound.sms("", number, "Reminder"));
        assertThat(blocked.message().status()).isEqualTo(MessageStatus.SUPPRESSED);
        assertThat(blocked.message().statusDetail()).contains("SMS_STOP");
        assertThat(textsTo(number)).hasSize(2);

        smsc.deliverMo(number, "12345", "HELP");
        Await.until("HELP reply", () -> textsTo(number).size() == 3);
        assertThat(textsTo(number).get(2)).isEqualTo(KeywordSet.STANDARD.helpReply());

        smsc.deliverMo(number, "12345", "START");
        Await.until("START reply", () -> textsTo(number).size() == 4);
        assertThat(messaging.ledger().isBlocked(ContactChannel.PHONE, number)).isFalse();

        // the inbound messages and the replies thread into the one conversation of this number
        var sent = messaging.messages().find(blocked.message().id()).orElseThrow();
        List<Message> conversation = messaging.messages().conversation(sent.conversationId());
        assertThat(conversation).filteredOn(m -> !m.outbound()).extracting(Message::body).containsExactly("Stop", "HELP", "START");
    }

    @Test
    void aReplyAfterTheWindowOpensANewConversation() {
        String number = "+15554030003";
        Message out = messaging.sender().send(MessageSender.Outbound.sms("", number, "Hello")).message();
        clock.advance(Duration.ofMinutes(30));
        smsc.deliverMo(number, "12345", "Thanks, see you");
        Await.until("reply threaded", () -> messaging.messages().conversation(out.conversationId()).size() == 2);
        clock.advance(Duration.ofMinutes(61));
        assertThat(messaging.conversations().closeIdle(clock.instant())).isGreaterThanOrEqualTo(1);
        assertThat(messaging.conversations().isOpen(out.conversationId())).contains(false);
        smsc.deliverMo(number, "12345", "One more thing");
        Await.until("late reply stored", () -> messaging.messages().byAddress(number, 1).getFirst().body().equals("One more thing"));
        Message late = messaging.messages().byAddress(number, 1).getFirst();
        assertThat(late.conversationId()).isNotEqualTo(out.conversationId());
        assertThat(messaging.messages().conversation(out.conversationId())).hasSize(2);
    }

    @Test
    void smsCampaignPacesThrottlesSkipsAndStopsMidCampaign() {
        String csv = """
                name,phone,tz,balance
                Ann,+15554040001,America/Chicago,10
                Bob,+15554040002,America/Chicago,20
                Cid,+15554040003,Asia/Tokyo,30
                Dee,+15554040004,America/Chicago,40
                Bob again,+15554040002,America/Chicago,50
                """;
        messaging.ledger().add(ContactChannel.PHONE, "+15554040004", ConsentSource.UPLOAD, "from the CRM");
        ContactList list = messaging.lists().create("sms-flow", csv, new CsvContactParser.Spec(List.of("phone"), List.of(), "tz"));
        var saved = messaging.campaigns().create(new MessagingCampaigns.Draft("sms-flow", Channel.SMS, list.id(), "phone", "",
                null, "Hi {{name}}, you owe ${{balance}}", null, null, 60, LocalTime.of(8, 0), LocalTime.of(20, 0),
                "America/New_York"));
        assertThat(saved.warnings()).isEmpty();
        var c = saved.campaign();
        AtomicInteger throttle = new AtomicInteger(2);
        smsc.policy(s -> throttle.getAndDecrement() > 0 ? LoopbackSmsc.Answer.THROTTLE : LoopbackSmsc.Answer.ACCEPT);
        messaging.campaigns().start(c.id());

        assertThat(messaging.runner().tick()).isEqualTo(1); // one token at start: Ann (after two throttles)
        assertThat(textsTo("+15554040001")).containsExactly("Hi Ann, you owe $10");
        clock.advance(Duration.ofSeconds(1));
        assertThat(messaging.runner().tick()).isEqualTo(1); // Bob; Cid is outside hours in Tokyo (00:00)
        smsc.deliverMo("+15554040002", "12345", "STOPALL");
        Await.until("STOP stored", () -> messaging.ledger().isBlocked(ContactChannel.PHONE, "+15554040002"));
        clock.advance(Duration.ofSeconds(3));
        messaging.runner().tick(); // Bob again skipped at send time (Dee was skipped in the first tick)
        Await.until("STOPALL confirmation", () -> textsTo("+15554040002").size() == 2);
        assertThat(textsTo("+15554040002")).last().isEqualTo(KeywordSet.STANDARD.optOutReply());

        var progress = messaging.campaigns().progress(messaging.campaigns().find(c.id()).orElseThrow());
        assertThat(progress.total()).isEqualTo(5);
        assertThat(progress.sent()).isEqualTo(2);
        assertThat(progress.skipped()).isEqualTo(2);
        assertThat(progress.pending()).isEqualTo(1);

        clock.advance(Duration.ofHours(10)); // 09:00+ in Tokyo
        messaging.runner().tick();
        assertThat(textsTo("+15554040003")).containsExactly("Hi Cid, you owe $30");
        clock.advance(Duration.ofSeconds(1));
        messaging.runner().tick();
        assertThat(messaging.campaigns().find(c.id()).orElseThrow().status()).isEqualTo(MessagingCampaign.Status.COMPLETE);

        String export = messaging.campaigns().exportCsv(c.id());
        assertThat(export.lines()).hasSize(6);
        assertThat(export).contains("+15554040004,SKIPPED,on the do-not-contact list (UPLOAD)")
                .contains("+15554040002,SKIPPED,on the do-not-contact list (SMS_STOP)");
        assertThat(messaging.campaigns().exportPdf(messaging.campaigns().find(c.id()).orElseThrow())).startsWith("%PDF".getBytes());
        assertThat(messaging.campaigns().attempts(c.id())).extracting(CampaignStore.Attempt::outcome)
                .containsExactly("SKIPPED", "ACCEPTED", "ACCEPTED", "SKIPPED", "ACCEPTED"); // Dee skipped at once: skips cost no pace
    }

    @Test
    void emailCampaignWithOneClickUnsubscribeThreadedReplyAndBounce() throws Exception {
        String csv = """
                name,email
                Eve,eve@example.org
                Fay,fay@example.org
                """;
        ContactList list = messaging.lists().create("mail-flow", csv, new CsvContactParser.Spec(List.of(), List.of("email"), null));
        var c = messaging.campaigns().create(new MessagingCampaigns.Draft("mail-flow", Channel.EMAIL, list.id(), "email",
                "billing@notify.example.com", "Invoice for {{name}}", "Dear {{name}}, your invoice is ready.",
                "<p>Dear {{name}}</p>", null, 600, null, null, "UTC")).campaign();
        messaging.campaigns().start(c.id());
        messaging.runner().tick();
        clock.advance(Duration.ofSeconds(1));
        messaging.runner().tick();
        assertThat(relay.getReceivedMessages()).hasSize(2);
        MimeMessage toEve = relay.getReceivedMessagesForDomain("example.org")[0];
        assertThat(toEve.getSubject()).isEqualTo("Invoice for Eve");
        String link = toEve.getHeader("List-Unsubscribe", null);
        String token = link.substring(link.lastIndexOf('/') + 1, link.length() - 1);
        assertThat(messaging.unsubscribes().oneClick(token)).contains("eve@example.org");
        assertThat(messaging.ledger().find(ContactChannel.EMAIL, "eve@example.org")).get()
                .extracting(e -> e.source()).isEqualTo(ConsentSource.UNSUBSCRIBE_LINK);
        assertThat(messaging.unsubscribes().oneClick("x".repeat(20))).isEmpty();

        Message eveMsg = messaging.messages().byEmailMessageId(List.of(toEve.getMessageID())).orElseThrow();
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(messaging.email().inboundPort()));
        MimeMessage reply = new MimeMessage(Session.getInstance(p));
        reply.setFrom(new InternetAddress("Eve@Example.org"));
        reply.setRecipients(RecipientType.TO, "billing@notify.example.com");
        reply.setSubject("Re: Invoice for Eve");
        reply.setHeader("In-Reply-To", toEve.getMessageID());
        reply.setText("Paid yesterday.");
        Transport.send(reply);
        List<Message> thread = messaging.messages().conversation(eveMsg.conversationId());
        assertThat(thread).extracting(Message::body).containsExactly("Dear Eve, your invoice is ready.", "Paid yesterday.");
        assertThat(thread.get(1).campaignId()).isEqualTo(c.id());

        // a second campaign to Eve now skips her
        ContactList again = messaging.lists().create("mail-flow-2", csv, new CsvContactParser.Spec(List.of(), List.of("email"), null));
        var c2 = messaging.campaigns().create(new MessagingCampaigns.Draft("mail-flow-2", Channel.EMAIL, again.id(), "email",
                "", "Hi", "Hello {{name}}", null, null, 600, null, null, "UTC")).campaign();
        messaging.campaigns().start(c2.id());
        messaging.runner().tick();
        assertThat(messaging.campaigns().exportCsv(c2.id())).contains("eve@example.org,SKIPPED,on the do-not-contact list (UNSUBSCRIBE_LINK)");
    }
}
