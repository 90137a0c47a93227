package org.opendialer.notifications.messaging;

import org.opendialer.contacts.consent.ContactChannel;

/** The messaging channel of a message or campaign. */
public enum Channel {
    SMS, EMAIL;

    /** The consent that governs it: SMS shares the phone number's consent with voice calls. */
    public ContactChannel consent() {
        return this == SMS ? ContactChannel.PHONE : ContactChannel.EMAIL;
    }
}
