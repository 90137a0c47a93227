package org.opendialer.notifications.messaging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Trigger-based messages sent by API clients (an appointment made, a code to confirm): a text or a saved
 * template with variables, to one address, with an optional idempotency key. A repeated key returns the first
 * message and sends nothing; the same key with a different request is a conflict.
 */
public final class AgentlessMessages {

    /**
     * The API request, already validated for shape by the contract.
     *
     * @param webhookSecret signs the status webhooks; null with a bare {@code webhookUrl} (then
     *                      {@code webhooks.defaultSecret} signs, and without one the request is refused)
     */
    public record Request(String fromAddress, String toAddress, Channel channel, String textBody, String subject,
                          String htmlBody, UUID templateId, Map<String, String> variables, String webhookUrl,
                          String webhookSecret) {
        public Request {
            variables = variables == null ? Map.of() : Map.copyOf(variables);
        }
    }

    /** The key was used before for a different request. */
    public static final class IdempotencyConflict extends RuntimeException {
        public IdempotencyConflict(String message) {
            super(message);
        }
    }

    /** A template id that names nothing. */
    public static final class UnknownTemplate extends IllegalArgumentException {
        public UnknownTemplate(UUID id) {
            super("templateId: no template " + id);
        }
    }

    private final MessageSender sender;
    private final TemplateStore templates;
    private final StatusWebhooks webhooks;

    public AgentlessMessages(MessageSender sender, TemplateStore templates, StatusWebhooks webhooks) {
        this.sender = sender;
        this.templates = templates;
        this.webhooks = webhooks;
    }

    /**
     * @throws IllegalArgumentException bad address, template or body
     * @throws IdempotencyConflict      the key was used for another request
     */
    public MessageSender.Result send(String clientId, String idempotencyKey, Request r) {
        String text = r.textBody();
        String subject = r.subject();
        String html = r.htmlBody();
        if (r.templateId() != null) {
            MessageTemplate t = templates.find(r.templateId()).orElseThrow(() -> new UnknownTemplate(r.templateId()));
            if (t.channel() != r.channel()) {
                throw new IllegalArgumentException("templateId: template " + t.name() + " is for " + t.channel() + ", not " + r.channel());
            }
            text = Templates.text(t.body(), r.variables());
            subject = t.subject() == null ? subject : Templates.text(t.subject(), r.variables());
            html = t.html() == null ? html : Templates.html(t.html(), r.variables());
        } else if (!r.variables().isEmpty()) {
            text = text == null ? null : Templates.text(text, r.variables());
            html = html == null ? null : Templates.html(html, r.variables());
        }
        if ((text == null || text.isBlank()) && (html == null || html.isBlank())) {
            throw new IllegalArgumentException("textBody: the message is empty (give textBody or a templateId)");
        }
        String hash = hash(r);
        if (r.webhookUrl() != null) {
            webhooks.check(r.webhookUrl(), r.webhookSecret());
            if (r.webhookSecret() != null) {
                webhooks.remember(hash, r.webhookSecret(), Instant.now());
            }
        }
        MessageSender.Result res = sender.send(new MessageSender.Outbound(r.channel(), r.fromAddress(), r.toAddress(),
                subject, text, html, null, null, clientId, idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey,
                hash, r.webhookUrl(), false));
        if (!res.created() && !hash.equals(res.message().requestHash())) {
            throw new IdempotencyConflict("the Idempotency-Key '" + idempotencyKey + "' was used for a different message ("
                    + res.message().id() + ")");
        }
        return res;
    }

    private static String hash(Request r) {
        Map<String, String> vars = new TreeMap<>(r.variables());
        String canonical = String.join("\u0000", String.valueOf(r.fromAddress()), String.valueOf(r.toAddress()),
                r.channel().name(), String.valueOf(r.textBody()), String.valueOf(r.subject()), String.valueOf(r.htmlBody()),
                String.valueOf(r.templateId()), vars.toString(), String.valueOf(r.webhookUrl()),
                String.valueOf(r.webhookSecret()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
