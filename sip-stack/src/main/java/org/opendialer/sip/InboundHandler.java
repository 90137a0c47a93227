package org.opendialer.sip;

/**
 * Takes an inbound call routed to it by DID. It must eventually {@link CallControl#answer answer} or
 * {@link CallControl#reject reject} the leg; the returned listener receives the leg's later events.
 */
@FunctionalInterface
public interface InboundHandler {
    CallListener onInbound(InboundCall call);
}
