package org.opendialer.messaging.email;

import java.util.function.Consumer;

/** Sends email through a relay and hands over replies. {@link #send} blocks: call it from virtual threads. */
public interface EmailGateway extends AutoCloseable {

    EmailSendResult send(OutboundEmail email);

    /** Receives replies and bounces; called on the inbound server's threads. */
    void setListener(Consumer<InboundEmail> listener);

    /** Port of the embedded inbound server, or -1 when it is off. */
    int inboundPort();

    /** Whether the relay accepts a TCP connection now (readiness); blocks up to 2 s; false when email is off. */
    boolean relayReachable();

    @Override
    void close();

    static EmailGateway disabled() {
        return new EmailGateway() {
            @Override
            public EmailSendResult send(OutboundEmail email) {
                return new EmailSendResult.Failed("email is not configured (messaging.email.enabled is false)", false, "");
            }

            @Override
            public void setListener(Consumer<InboundEmail> listener) {
            }

            @Override
            public int inboundPort() {
                return -1;
            }

            @Override
            public boolean relayReachable() {
                return false;
            }

            @Override
            public void close() {
            }
        };
    }
}
