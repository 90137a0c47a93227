package org.opendialer.messaging.email;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMTP out with Jakarta Mail (Angus), reusing up to {@code connections} open connections, plus the embedded
 * inbound server for replies. Every message gets a Message-ID of our sending domain, so replies and bounces can
 * be matched back by In-Reply-To/References.
 */
public final class SmtpEmailGateway implements EmailGateway {

    private static final Logger log = LoggerFactory.getLogger(SmtpEmailGateway.class);

    private final SmtpConfig config;
    private final Session session;
    private final BlockingQueue<Transport> idle;
    private final java.util.concurrent.Semaphore slots;
    private final InboundSmtpServer inbound;
    private volatile Consumer<InboundEmail> listener = e -> { };

    private SmtpEmailGateway(SmtpConfig config, Clock clock) {
        this.config = config;
        Properties p = new Properties();
        p.put("mail.smtp.host", config.host());
        p.put("mail.smtp.port", Integer.toString(config.port()));
        p.put("mail.smtp.connectiontimeout", Integer.toString(config.timeoutMillis()));
        p.put("mail.smtp.timeout", Integer.toString(config.timeoutMillis()));
        p.put("mail.smtp.localhost", config.fromDomain());
        if (!config.username().isBlank()) {
            p.put("mail.smtp.auth", "true");
        }
        if (config.startTls()) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        this.session = Session.getInstance(p);
        this.idle = new ArrayBlockingQueue<>(config.connections());
        this.slots = new java.util.concurrent.Semaphore(config.connections());
        this.inbound = config.inbound().enabled()
                ? InboundSmtpServer.start(config.inbound(), session, clock, e -> listener.accept(e)) : null;
    }

    public static SmtpEmailGateway start(SmtpConfig config, Clock clock) {
        return new SmtpEmailGateway(config, clock);
    }

    @Override
    public EmailSendResult send(OutboundEmail email) {
        String messageId = "<" + UUID.randomUUID() + "@" + config.fromDomain() + ">";
        if (!config.enabled()) {
            return new EmailSendResult.Failed("SMTP out is not configured (messaging.email.enabled is false)", false, messageId);
        }
        try {
            slots.acquire(); // before building: many callers must not all hold a built message at once
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new EmailSendResult.Failed("interrupted", false, messageId);
        }
        try {
            MimeMessage msg;
            try {
                msg = build(email, messageId);
            } catch (MessagingException e) {
                return new EmailSendResult.Failed("cannot build the message: " + e.getMessage(), true, messageId);
            }
            for (int attempt = 0; ; attempt++) {
                Transport t = idle.poll();
                try {
                    // No isConnected() check: it costs a NOOP round trip per message; a dead pooled
                    // connection fails the send and the loop retries once on a fresh one.
                    if (t == null) {
                        t = session.getTransport("smtp");
                        t.connect(config.host(), config.port(), config.username().isBlank() ? null : config.username(),
                                config.username().isBlank() ? null : config.password());
                    }
                    t.sendMessage(msg, msg.getAllRecipients());
                    idle.offer(t);
                    return new EmailSendResult.Sent(messageId);
                } catch (SendFailedException e) {
                    idle.offer(t);
                    boolean permanent = e.getNextException() instanceof SMTPAddressFailedException a && a.getReturnCode() >= 500
                            || e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
                    return new EmailSendResult.Failed("refused by the relay: " + e.getMessage(), permanent, messageId);
                } catch (MessagingException e) {
                    closeQuietly(t);
                    if (attempt == 0) {
                        continue; // a pooled connection the relay closed meanwhile: one fresh try
                    }
                    return new EmailSendResult.Failed("relay " + config.host() + ":" + config.port() + ": " + e.getMessage(), false, messageId);
                }
            }
        } finally {
            slots.release();
        }
    }

    @Override
    public boolean relayReachable() {
        if (!config.enabled()) {
            return false;
        }
        // A connect without a session: cheap enough for a readiness probe, and the relay logs no failed login.
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(config.host(), config.port()), 2000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private MimeMessage build(OutboundEmail email, String messageId) throws MessagingException {
        MimeMessage msg = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        msg.setFrom(new InternetAddress(email.from().isBlank() ? config.defaultFrom() : email.from()));
        msg.setRecipients(Message.RecipientType.TO, InternetAddress.parse(email.to(), true));
        msg.setSubject(email.subject(), "UTF-8");
        if (!email.inReplyTo().isEmpty()) {
            msg.setHeader("In-Reply-To", email.inReplyTo().getLast());
            msg.setHeader("References", String.join(" ", email.inReplyTo()));
        }
        if (email.unsubscribeUrl() != null) {
            // RFC 8058: the HTTPS URI answers a POST with List-Unsubscribe=One-Click; mail clients show a button.
            msg.setHeader("List-Unsubscribe", "<" + email.unsubscribeUrl() + ">");
            msg.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        boolean hasText = email.text() != null && !email.text().isEmpty();
        boolean hasHtml = email.html() != null && !email.html().isEmpty();
        if (hasText && hasHtml) {
            MimeMultipart alt = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(email.text(), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(email.html(), "UTF-8", "html");
            alt.addBodyPart(text);
            alt.addBodyPart(html);
            msg.setContent(alt);
        } else if (hasHtml) {
            msg.setText(email.html(), "UTF-8", "html");
        } else {
            msg.setText(email.text(), "UTF-8", "plain");
        }
        msg.setSentDate(new java.util.Date());
        msg.saveChanges();
        return msg;
    }

    @Override
    public void setListener(Consumer<InboundEmail> listener) {
        this.listener = listener == null ? e -> { } : listener;
    }

    @Override
    public int inboundPort() {
        return inbound == null ? -1 : inbound.port();
    }

    @Override
    public void close() {
        Transport t;
        while ((t = idle.poll()) != null) {
            closeQuietly(t);
        }
        if (inbound != null) {
            inbound.close();
        }
    }

    private static void closeQuietly(Transport t) {
        if (t != null) {
            try {
                t.close();
            } catch (MessagingException e) {
                log.debug("closing an SMTP connection: {}", e.getMessage());
            }
        }
    }
}
