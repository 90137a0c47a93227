package org.opendialer.messaging.email;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded SMTP server (subethasmtp) that receives replies and bounces, parsed into {@link InboundEmail}. A
 * message the listener cannot take is answered 451 so the sending MTA queues it and tries again.
 */
final class InboundSmtpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InboundSmtpServer.class);
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^(?:Original-)?Message-ID:\\s*(<[^>\\s]+>)");

    private final SMTPServer server;

    private InboundSmtpServer(SMTPServer server) {
        this.server = server;
    }

    static InboundSmtpServer start(SmtpConfig.Inbound config, Session session, Clock clock, Consumer<InboundEmail> listener) {
        InetAddress bind;
        try {
            bind = InetAddress.getByName(config.bindAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("inbound.bindAddress: unknown host " + config.bindAddress());
        }
        SMTPServer server = SMTPServer.port(config.port()).bindAddress(bind).maxMessageSize(config.maxMessageBytes())
                .messageHandler((ctx, from, to, data) -> {
                    InboundEmail mail;
                    try {
                        mail = parse(session, data, to, clock);
                    } catch (MessagingException | IOException e) {
                        throw new RejectException(554, "unreadable message: " + e.getMessage());
                    }
                    try {
                        listener.accept(mail);
                    } catch (RuntimeException e) {
                        log.warn("inbound email from {} not stored, asking the sender to retry: {}", from, e.toString());
                        throw new RejectException(451, "try again later");
                    }
                }).build();
        server.start();
        log.info("inbound SMTP listening on {}:{}", config.bindAddress(), server.getPortAllocated());
        return new InboundSmtpServer(server);
    }

    int port() {
        return server.getPortAllocated();
    }

    static InboundEmail parse(Session session, byte[] data, String envelopeTo, Clock clock) throws MessagingException, IOException {
        MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(data));
        String from = m.getFrom() != null && m.getFrom().length > 0 && m.getFrom()[0] instanceof InternetAddress a
                ? a.getAddress() : "";
        boolean report = m.isMimeType("multipart/report");
        List<String> references = ids(m.getHeader("References", " "));
        StringBuilder text = new StringBuilder();
        collectText(m, text, report ? references : null);
        return new InboundEmail(from, envelopeTo, m.getSubject() == null ? "" : m.getSubject(), text.toString().strip(),
                m.getMessageID() == null ? "" : m.getMessageID(), ids(m.getHeader("In-Reply-To", " ")), references,
                report, clock.instant());
    }

    /** The first text/plain found; for a delivery report also the Message-IDs of the returned headers. */
    private static void collectText(Part p, StringBuilder out, List<String> reportIds) throws MessagingException, IOException {
        if (p.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) p.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                collectText(mp.getBodyPart(i), out, reportIds);
            }
        } else if (reportIds != null && (p.isMimeType("message/rfc822") || p.isMimeType("text/rfc822-headers")
                || p.isMimeType("message/delivery-status"))) {
            String raw = new String(((BodyPart) p).getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            Matcher mm = MESSAGE_ID.matcher(raw);
            while (mm.find()) {
                if (!reportIds.contains(mm.group(1))) {
                    reportIds.add(mm.group(1));
                }
            }
        } else if (p.isMimeType("text/plain") && out.isEmpty()) {
            out.append(p.getContent());
        }
    }

    private static List<String> ids(String header) {
        List<String> out = new ArrayList<>();
        if (header != null) {
            Arrays.stream(header.split("[\\s,]+")).filter(s -> s.startsWith("<")).forEach(out::add);
        }
        return out;
    }

    @Override
    public void close() {
        server.stop();
    }
}
