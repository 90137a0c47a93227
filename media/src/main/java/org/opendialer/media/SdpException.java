package org.opendialer.media;

/** The remote SDP cannot be accepted; the message says why (suitable for a SIP 488 Warning header). */
public class SdpException extends Exception {
    public SdpException(String reason) {
        super(reason);
    }
}
