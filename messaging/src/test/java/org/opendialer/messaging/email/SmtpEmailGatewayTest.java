package org.opendialer.messaging.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opendialer.messaging.FakeClock;

/** SMTP out to GreenMail on a free loopback port; replies into our embedded subethasmtp server. */
class SmtpEmailGatewayTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T12:00:00Z"));

    private SmtpConfig config(boolean inbound) {
        return new SmtpConfig(true, "127.0.0.1", mail.getSmtp().getPort(), "", "", false, "notify.example.com", "",
                2, 5000, new SmtpConfig.Inbound(inbound, "127.0.0.1", 0, 0));
    }

    @Test
    void sendsTextAndHtmlWithOurMessageIdAndOneClickUnsubscribe() throws Exception {
        try (SmtpEmailGateway g = SmtpEmailGateway.start(config(false), clock)) {
            var r = (EmailSendResult.Sent) g.send(new OutboundEmail("", "ann@example.org", "Your order",
                    "Shipped.", "<p>Shipped.</p>", URI.create("https://dialer.example.com/unsubscribe/tok123"), List.of()));
            assertThat(r.messageId()).matches("<[0-9a-f-]+@notify\\.example\\.com>");
            MimeMessage m = mail.getReceivedMessages()[0];
            assertThat(m.getMessageID()).isEqualTo(r.messageId());
            assertThat(m.getFrom()[0].toString()).isEqualTo("notifications@notify.example.com");
            assertThat(m.getHeader("List-Unsubscribe", null)).isEqualTo("<https://dialer.example.com/unsubscribe/tok123>");
            assertThat(m.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
            MimeMultipart alt = (MimeMultipart) m.getContent();
            assertThat(alt.getContentType()).startsWith("multipart/alternative");
            assertThat(alt.getBodyPart(0).getContent().toString()).isEqualTo("Shipped.");
            assertThat(alt.getBodyPart(1).isMimeType("text/html")).isTrue();
        }
    }

    @Test
    void repliesArriveAtTheEmbeddedServerWithTheirThreadHeaders() throws Exception {
        List<InboundEmail> got = new CopyOnWriteArrayList<>();
        try (SmtpEmailGateway g = SmtpEmailGateway.start(config(true), clock)) {
            g.setListener(got::add);
            Properties p = new Properties();
            p.put("mail.smtp.host", "127.0.0.1");
            p.put("mail.smtp.port", Integer.toString(g.inboundPort()));
            Session s = Session.getInstance(p);
            MimeMessage reply = new MimeMessage(s);
            reply.setFrom(new InternetAddress("ann@example.org"));
            reply.setRecipients(Message.RecipientType.TO, "notifications@notify.example.com");
            reply.setSubject("Re: Your order");
            reply.setHeader("In-Reply-To", "<abc@notify.example.com>");
            reply.setHeader("References", "<first@notify.example.com> <abc@notify.example.com>");
            reply.setText("Thanks!\n> Shipped.");
            Transport.send(reply);
            assertThat(got).singleElement().satisfies(e -> {
                assertThat(e.from()).isEqualTo("ann@example.org");
                assertThat(e.to()).isEqualTo("notifications@notify.example.com");
                assertThat(e.text()).startsWith("Thanks!");
                assertThat(e.threadIds()).containsExactly("<abc@notify.example.com>", "<first@notify.example.com>");
                assertThat(e.deliveryReport()).isFalse();
            });
        }
    }

    @Test
    void aDeliveryReportIsRecognisedWithTheOriginalMessageId() throws Exception {
        String dsn = """
                From: MAILER-DAEMON@mx.example.org
                To: notifications@notify.example.com
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <dsn1@mx.example.org>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

                --b1
                Content-Type: text/plain

                The mail system could not deliver your message.
                --b1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.org
                Final-Recipient: rfc822; gone@example.org
                Action: failed
                Status: 5.1.1
                --b1
                Content-Type: text/rfc822-headers

                Message-ID: <orig42@notify.example.com>
                Subject: Your order
                --b1--
                """.replace("\n", "\r\n");
        InboundEmail e = InboundSmtpServer.parse(Session.getInstance(new Properties()),
                dsn.getBytes(java.nio.charset.StandardCharsets.US_ASCII), "notifications@notify.example.com", clock);
        assertThat(e.deliveryReport()).isTrue();
        assertThat(e.threadIds()).contains("<orig42@notify.example.com>");
        assertThat(e.text()).contains("could not deliver");
    }

    @Test
    void readinessSeesTheRelayOnlyWhileItListens() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (SmtpEmailGateway up = SmtpEmailGateway.start(config(false), clock);
             SmtpEmailGateway gone = SmtpEmailGateway.start(SmtpConfig.of("127.0.0.1", closed, "x.example"), clock)) {
            assertThat(up.relayReachable()).isTrue();
            assertThat(gone.relayReachable()).isFalse();
        }
        assertThat(EmailGateway.disabled().relayReachable()).isFalse();
    }

    @Test
    void aRecipientTheRelayRefusesIsAHardBounce() {
        org.subethamail.smtp.server.SMTPServer refusing = org.subethamail.smtp.server.SMTPServer.port(0)
                .bindAddress(java.net.InetAddress.getLoopbackAddress())
                .simpleMessageListener(new org.subethamail.smtp.helper.SimpleMessageListener() {
                    @Override
                    public boolean accept(String from, String recipient) {
                        return !recipient.startsWith("gone@");
                    }

                    @Override
                    public void deliver(String from, String recipient, java.io.InputStream data) {
                    }
                }).build();
        refusing.start();
        try (SmtpEmailGateway g = SmtpEmailGateway.start(SmtpConfig.of("127.0.0.1", refusing.getPortAllocated(), "x.example"), clock)) {
            var r = (EmailSendResult.Failed) g.send(new OutboundEmail("", "gone@example.org", "s", "t", null, null, List.of()));
            assertThat(r.bounced()).isTrue();
            assertThat(g.send(new OutboundEmail("", "here@example.org", "s", "t", null, null, List.of())))
                    .isInstanceOf(EmailSendResult.Sent.class); // the pooled connection survived the refusal
        } finally {
            refusing.stop();
        }
    }

    @Test
    void aRelayThatIsNotThereFailsTheSendWithoutThrowing() {
        SmtpConfig nowhere = new SmtpConfig(true, "127.0.0.1", 9, "", "", false, "x.example", "", 1, 500, null);
        try (SmtpEmailGateway g = SmtpEmailGateway.start(nowhere, clock)) {
            var r = (EmailSendResult.Failed) g.send(new OutboundEmail("", "a@b.example", "s", "t", null, null, List.of()));
            assertThat(r.bounced()).isFalse();
            assertThat(r.reason()).contains("127.0.0.1:9");
        }
    }
}
