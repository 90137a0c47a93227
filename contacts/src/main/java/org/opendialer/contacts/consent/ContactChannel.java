package org.opendialer.contacts.consent;

/** How a contact is reached: a phone number (calls and SMS share one consent) or an email address. */
public enum ContactChannel {
    PHONE, EMAIL
}
