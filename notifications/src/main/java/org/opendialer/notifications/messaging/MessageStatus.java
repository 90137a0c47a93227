package org.opendialer.notifications.messaging;

/** Where a message stands; stored on the message (its interaction) with the history in {@code message_event}. */
public enum MessageStatus {
    /** Stored, not yet handed to the aggregator or relay. */
    QUEUED,
    /**
     * Claimed for sending and being handed to the transport right now. Left over after a crash it is in doubt and
     * becomes {@link #UNKNOWN}, never sent again.
     */
    SUBMITTING,
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
    /**
     * Final: handed to the transport, but no answer was recorded (the server stopped, or the SMSC never answered).
     * The SMSC may or may not have it; not resent, to avoid a duplicate.
     */
    UNKNOWN,
    /** An inbound message. */
    RECEIVED;

    /** Statuses a later event may still change. */
    public boolean isOpen() {
        return this == QUEUED || this == SUBMITTING || this == SENT;
    }
}
