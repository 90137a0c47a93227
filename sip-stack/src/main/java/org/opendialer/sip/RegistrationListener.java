package org.opendialer.sip;

/**
 * Receives agent registration changes, one at a time and in the order they happened, on a thread of the SIP
 * server's pool (never a SIP stack thread). Registrations loaded from the {@link RegistrationStore} at start are
 * not announced; {@link CallControl#registeredContacts} shows them.
 */
@FunctionalInterface
public interface RegistrationListener {
    void onEvent(RegistrationEvent event);
}
