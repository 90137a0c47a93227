package org.opendialer.sip;

/** The SIP stack could not start; the message names the address, port or transport at fault. */
public class SipStartException extends RuntimeException {
    public SipStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
