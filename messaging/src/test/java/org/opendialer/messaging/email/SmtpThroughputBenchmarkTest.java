package org.opendialer.messaging.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Email send rate to a loopback SMTP server (GreenMail): our gateway (pooled connections, Message-ID, RFC 8058
 * headers) against bare Jakarta Mail on the same number of connections with the same text+HTML bodies, in the
 * same run. Prints the
 * figures; asserts only that every message arrived. {@code -Dbench.emails=N} (default 400).
 */
class SmtpThroughputBenchmarkTest {

    @RegisterExtension
    static GreenMailExtension relay = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final int CONNECTIONS = 4;
    static final int N = Integer.getInteger("bench.emails", 400);
    /** {@code -Dbench.textOnly=true}: text bodies on both sides instead of text+HTML. */
    static final boolean TEXT_ONLY = Boolean.getBoolean("bench.textOnly");

    @Test
    void oursAgainstBareJakartaMail() throws Exception {
        int port = relay.getSmtp().getPort();
        bare(port, N / 4); // warm-up of both paths
        ours(port, N / 4);
        double ours = ours(port, N); // ours first: GreenMail slows a little as its store fills
        double bare = bare(port, N);
        System.out.printf("SMTP benchmark, %d connections, %d emails: bare Jakarta Mail %.0f msg/s, ours %.0f msg/s, ratio %.2f%n",
                CONNECTIONS, N, bare, ours, ours / bare);
        assertThat(relay.getReceivedMessages()).hasSize(2 * N + 2 * (N / 4));
    }

    /** Ours, driven the same way as the bare client: one worker per connection taking the next message. */
    private static double ours(int port, int n) throws Exception {
        SmtpConfig c = new SmtpConfig(true, "127.0.0.1", port, "", "", false, "bench.example", "", CONNECTIONS, 5000, null);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        try (SmtpEmailGateway g = SmtpEmailGateway.start(c, Clock.systemUTC())) {
            long t0 = System.nanoTime();
            try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int w = 0; w < CONNECTIONS; w++) {
                    ex.execute(() -> {
                        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                            if (g.send(new OutboundEmail("", "user" + i + "@example.org", "Your order", "Shipped.",
                                    TEXT_ONLY ? null : "<p>Shipped.</p>", URI.create("https://d.example/unsubscribe/t"),
                                    List.of())) instanceof EmailSendResult.Sent) {
                                ok.incrementAndGet();
                            }
                        }
                    });
                }
            }
            assertThat(ok.get()).isEqualTo(n);
            return n / ((System.nanoTime() - t0) / 1e9);
        }
    }

    /** Bare: one open Transport per connection, the same bodies, none of our headers, no pool, no Message-ID of ours. */
    private static double bare(int port, int n) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(port));
        Session s = Session.getInstance(p);
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CONNECTIONS; c++) {
                ex.execute(() -> {
                    try (Transport t = s.getTransport("smtp")) {
                        t.connect();
                        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                            MimeMessage m = new MimeMessage(s);
                            m.setFrom(new InternetAddress("bench@bench.example"));
                            m.setRecipients(Message.RecipientType.TO, "bare" + i + "@example.org");
                            m.setSubject("Your order");
                            if (TEXT_ONLY) {
                                m.setText("Shipped.");
                            } else {
                                jakarta.mail.internet.MimeMultipart alt = new jakarta.mail.internet.MimeMultipart("alternative");
                                jakarta.mail.internet.MimeBodyPart text = new jakarta.mail.internet.MimeBodyPart();
                                text.setText("Shipped.", "UTF-8", "plain");
                                jakarta.mail.internet.MimeBodyPart html = new jakarta.mail.internet.MimeBodyPart();
                                html.setText("<p>Shipped.</p>", "UTF-8", "html");
                                alt.addBodyPart(text);
                                alt.addBodyPart(html);
                                m.setContent(alt);
                            }
                            m.saveChanges();
                            t.sendMessage(m, m.getAllRecipients());
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }
}
