package org.opendialer.notifications.messaging;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;

/**
 * An agentless SMS or email campaign over a contact list.
 *
 * @param addressColumn     the list column holding each contact's phone number (SMS) or email address
 * @param template          Mustache over the contact's columns (SMS text or email text part); null when
 *                          {@code messageColumn} gives each contact's text
 * @param messagesPerMinute pace of the campaign (1..60000)
 * @param callableFrom      SMS only: earliest local time in the contact's time zone; null = any time
 * @param callableTo        SMS only: latest local time (exclusive)
 * @param defaultTimeZone   for contacts whose list row has no time zone
 */
public record MessagingCampaign(UUID id, String name, Channel channel, UUID contactListId, String addressColumn,
                                String fromAddress, String subject, String template, String htmlTemplate,
                                String messageColumn, int messagesPerMinute, LocalTime callableFrom, LocalTime callableTo,
                                ZoneId defaultTimeZone, Status status, Instant createdAt, Instant updatedAt) {

    /** ON sends, OFF pauses (and is where a new campaign starts), COMPLETE when every contact is processed. */
    public enum Status { OFF, ON, COMPLETE }

    /** True when an SMS may go out at {@code localTime} (the contact's wall clock). */
    public boolean callableAt(LocalTime localTime) {
        if (channel != Channel.SMS || callableFrom == null || callableTo == null) {
            return true;
        }
        if (callableFrom.isBefore(callableTo)) {
            return !localTime.isBefore(callableFrom) && localTime.isBefore(callableTo);
        }
        return !localTime.isBefore(callableFrom) || localTime.isBefore(callableTo); // window over midnight
    }

    /**
     * Progress: every contact is in exactly one of pending (including being submitted right now), sent (the SMSC or
     * relay accepted it), skipped, failed, unknown (submitted when the server stopped: the SMSC may or may not have
     * it; not resent to avoid a duplicate).
     */
    public record Progress(UUID campaignId, Status status, int total, int processed, int pending, int sent, int skipped,
                           int failed, int delivered, int undelivered, int unknown) {
        public int percentComplete() {
            return total == 0 ? 100 : processed * 100 / total;
        }
    }
}
