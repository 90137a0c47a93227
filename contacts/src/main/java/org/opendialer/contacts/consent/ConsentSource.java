package org.opendialer.contacts.consent;

/** Who or what put an address on (or took it off) the ledger. */
public enum ConsentSource {
    /** An SMS keyword (STOP, START ...) from the subscriber. */
    SMS_STOP,
    /** The opt-out option of an IVR flow. */
    IVR_OPTOUT,
    /** An agent, on the customer's request. */
    AGENT,
    /** The REST API. */
    API,
    /** A DNC list upload. */
    UPLOAD,
    /** The one-click unsubscribe link of an email (RFC 8058). */
    UNSUBSCRIBE_LINK
}
