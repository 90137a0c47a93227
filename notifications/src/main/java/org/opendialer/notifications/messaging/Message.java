package org.opendialer.notifications.messaging;

import java.time.Instant;
import java.util.UUID;

/** One SMS or email, outbound or inbound, agentless or from a campaign. */
public record Message(UUID id, UUID conversationId, boolean outbound, Channel channel, String from, String to,
                      String subject, String body, MessageStatus status, String statusDetail, Integer segments,
                      String emailMessageId, UUID campaignId, String contactId, String webhookUrl, String requestHash,
                      Instant createdAt, Instant updatedAt) {
}
