package org.opendialer.notifications.messaging;

import java.time.Instant;
import java.util.UUID;

/** A saved Mustache template: {@code body} is the SMS text or the email's text part. */
public record MessageTemplate(UUID id, String name, Channel channel, String subject, String body, String html,
                              Instant createdAt) {
}
