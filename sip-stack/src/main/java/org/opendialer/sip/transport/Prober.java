package org.opendialer.sip.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import org.jitsi.utils.logging2.Logger;

/**
 * OPTIONS probes: trunk keep-alive (up/down) and agent contact qualify. Any response, even 404 or 405, proves the
 * peer alive; no response marks it dead, at the transaction timeout (64 x T1 = 32 s) or at the probe's own
 * earlier deadline.
 */
final class Prober {

    private final SipContext ctx;
    private final Logger log;
    private final Map<String, Consumer<Boolean>> pending = new ConcurrentHashMap<>();
    /** RFC 3261 T1, the stack's own default; the transaction times out at 64 x T1. */
    private static final int DEFAULT_T1_MILLIS = 500;
    /** T1 of the probes' transactions; left to the stack unless a test shortened it. */
    private volatile int t1Millis = DEFAULT_T1_MILLIS;

    Prober(SipContext ctx, Logger log) {
        this.ctx = ctx;
        this.log = log;
    }

    void probe(SipURI target, String transport, String proxy, Consumer<Boolean> alive) {
        probe(target, transport, proxy, 0, alive);
    }

    /** @param deadlineMillis no answer within this marks the peer dead (0 = the transaction timeout only) */
    void probe(SipURI target, String transport, String proxy, long deadlineMillis, Consumer<Boolean> alive) {
        String callId = ctx.provider.getNewCallId().getCallId();
        try {
            Request options = ctx.newRequest(Request.OPTIONS, target, "keepalive", callId, proxy, transport);
            pending.put(callId, alive);
            ClientTransaction ct = ctx.provider.getNewClientTransaction(options);
            if (t1Millis != DEFAULT_T1_MILLIS) {
                ct.setRetransmitTimer(t1Millis);
            }
            ct.sendRequest();
            if (deadlineMillis > 0) {
                ctx.timers.schedule(() -> onTimeout(callId), java.time.Duration.ofMillis(deadlineMillis));
            }
        } catch (Exception e) {
            pending.remove(callId);
            log.debug(() -> "OPTIONS to " + target + " not sent: " + e.getMessage());
            alive.accept(false);
        }
    }

    /**
     * Sets T1 for the probes sent from now on, so a test sees the same transaction timeout (64 x T1) in seconds
     * instead of 32 s; the product keeps the default.
     */
    void t1(java.time.Duration t1) {
        if (t1.toMillis() <= 0) {
            throw new IllegalArgumentException("T1 must be positive, was " + t1);
        }
        t1Millis = (int) t1.toMillis();
    }

    /** True when the response belonged to a probe. */
    boolean onResponse(String callId) {
        Consumer<Boolean> done = pending.remove(callId);
        if (done != null) {
            done.accept(true);
        }
        return done != null;
    }

    boolean onTimeout(String callId) {
        Consumer<Boolean> done = pending.remove(callId);
        if (done != null) {
            done.accept(false);
        }
        return done != null;
    }

    int pending() {
        return pending.size();
    }
}
