package org.opendialer.campaign.messaging;

/** Where a message stands; stored on the message (its interaction) with the history in {@code message_event}. */
public enum MessageStatus {
    /** Stored, not yet handed to the aggregator or relay. */
    QUEUED,
    /** Accepted by the aggregator (submit_sm_resp OK) or the SMTP relay. */
    SENT,
    /** The delivery receipt said delivered. */
    DELIVERED,
    /** The receipt said undeliverable, rejected or deleted. */
    FAILED,
    /** The receipt said expired. */
    EXPIRED,
    /** Refused at submit by the aggregator or relay (the detail has its words). */
    REJECTED,
    /** Not sent: the address is on the do-not-contact ledger at send time. */
    SUPPRESSED,
    /** Email refused for good by the recipient's server (5xx or a delivery report). */
    BOUNCED,
    /** An inbound message. */
    RECEIVED;

    /** Statuses a later event may still change. */
    public boolean isOpen() {
        return this == QUEUED || this == SENT;
    }
}
