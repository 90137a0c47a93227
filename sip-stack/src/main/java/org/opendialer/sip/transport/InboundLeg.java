package org.opendialer.sip.transport;

import java.time.Duration;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jitsi.utils.logging2.Logger;
import org.opendialer.sip.CallEvent;
import org.opendialer.sip.CallListener;
import org.opendialer.sip.Disposition;
import org.opendialer.sip.Q850;
import org.opendialer.sip.time.Scheduler;

/**
 * UAS leg of an inbound INVITE: 100 at once, 180, 183 with SDP (early answer) and 200 when the upper layer says,
 * 487 when the caller cancels, answered only once our 200 is acknowledged.
 */
final class InboundLeg extends Leg {

    /** 64 x T1: after this without ACK our 200 is given up (RFC 3261 §13.3.1.4). */
    private static final Duration ACK_WAIT = Duration.ofSeconds(32);
    /**
     * A set-up still running after this (no 18x, 2xx or final sent: a stuck handler) gives its lane place up, so a
     * few stuck calls cannot stop every new one. The same 64 x T1 as {@link #ACK_WAIT}.
     */
    private static final Duration SETUP_BUDGET = ACK_WAIT;

    private final ServerTransaction st;
    private final Request invite;
    private final String toTag = SipContext.newTag();
    private final String transport;
    private final String source;
    private boolean okSent;
    /** A hang-up asked between our 200 and the caller's ACK: its cause, sent as BYE once the ACK is in; else 0. */
    private int byeAfterAck;
    /** Our SDP sent in a 183, which the 200 must repeat; null without early answer. */
    private String earlySdp;
    private Scheduler.Cancellable ackTimer;
    /** Our place in the new-call lane, left at our first 18x, 2xx or final response, or at the end. */
    private volatile SetupLane.Ticket setup;
    private SetupLane lane;
    private Scheduler.Cancellable setupTimer;

    InboundLeg(String id, SipContext ctx, LegRegistry registry, Logger log, ServerTransaction st, String transport,
               String source) {
        super(id, ctx, registry, null, log);
        this.st = st;
        this.invite = st.getRequest();
        this.transport = transport;
        this.source = source;
        this.dialog = st.getDialog();
    }

    @Override
    String transport() {
        return transport;
    }

    String offer() {
        return SipContext.body(invite);
    }

    String source() {
        return source;
    }

    /** Set before the ticket enters {@code lane}, so that any end of this leg frees its place there. */
    void holdSetup(SetupLane lane, SetupLane.Ticket ticket) {
        this.lane = lane;
        this.setup = ticket;
    }

    /** On the leg's executor when its set-up starts: arms the {@link #SETUP_BUDGET}. */
    void setupStarted() {
        if (setup != null) {
            setupTimer = after(SETUP_BUDGET, () -> {
                if (setup != null) {
                    log.warn("set-up still running after " + SETUP_BUDGET.toSeconds() + " s: its lane place is freed");
                    leaveSetup();
                }
            });
        }
    }

    private void leaveSetup() {
        SetupLane.Ticket t = setup;
        if (t != null) {
            setup = null;
            lane.leave(t);
        }
        if (setupTimer != null) {
            setupTimer.cancel();
            setupTimer = null;
        }
    }

    /** Overload: 503 with Retry-After (RFC 3261 §21.5.4), before any set-up work. */
    void refuse(int retryAfterSeconds) {
        if (state != State.NEW || okSent) {
            return;
        }
        try {
            Response response = ctx.response(Response.SERVICE_UNAVAILABLE, invite);
            ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(toTag);
            response.addHeader(ctx.headers.createRetryAfterHeader(retryAfterSeconds));
            st.sendResponse(response);
        } catch (Exception e) {
            log.warn("503 could not be sent: " + e.getMessage());
        }
        finish(new CallEvent.Failed(id, Response.SERVICE_UNAVAILABLE, Q850.SWITCHING_CONGESTION,
                Q850.disposition(Q850.SWITCHING_CONGESTION), "refused by us: overload", source));
    }

    void setListener(CallListener listener) {
        this.listener = listener;
    }

    void trying() {
        respond(Response.TRYING, null);
    }

    void ringing() {
        if (state == State.NEW) {
            respond(Response.RINGING, null);
        }
    }

    void earlyAnswer(String sdp) {
        if (state != State.NEW || okSent) {
            return;
        }
        if (earlySdp == null) {
            earlySdp = sdp;
        }
        respond(Response.SESSION_PROGRESS, earlySdp);
    }

    void answer(String sdp) {
        if (state != State.NEW || okSent) {
            return;
        }
        if (earlySdp != null && !earlySdp.equals(sdp)) {
            log.debug(() -> "answer after early answer: the 200 repeats the SDP of the 183");
        }
        localSdp = earlySdp != null ? earlySdp : sdp;
        okSent = true;
        respond(Response.OK, localSdp);
        ackTimer = after(ACK_WAIT, () -> {
            if (state == State.NEW && okSent) {
                log.warn("no ACK for our 200 OK: ending the call");
                sendBye(Q850.RECOVERY_ON_TIMER_EXPIRY);
            }
        });
    }

    @Override
    void onAck(Request ack) {
        if (state == State.NEW && okSent) {
            if (ackTimer != null) {
                ackTimer.cancel();
            }
            String sdp = SipContext.body(ack);
            markAnswered(sdp.isEmpty() ? offer() : sdp);
            if (byeAfterAck != 0) {
                sendBye(byeAfterAck);
            }
        }
    }

    void reject(int cause) {
        if (state != State.NEW || okSent) {
            return;
        }
        int status = Q850.toSipStatus(cause);
        try {
            Response response = ctx.response(status, invite);
            ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(toTag);
            ctx.addReason(response, cause);
            st.sendResponse(response);
        } catch (Exception e) {
            log.warn("final response " + status + " failed: " + e.getMessage());
        }
        finish(new CallEvent.Failed(id, status, cause, Q850.disposition(cause), "rejected by us with " + status,
                source));
    }

    @Override
    void hangup(int cause) {
        if (state == State.NEW && okSent) {
            // no BYE before the ACK of our 200 (RFC 3261 §15): the dialog is not confirmed yet; the ACK timer's
            // BYE covers an ACK that never comes
            byeAfterAck = cause;
        } else if (state == State.ANSWERED || okSent) {
            sendBye(cause);
        } else if (state == State.NEW) {
            reject(cause);
        }
    }

    /** The caller's CANCEL: 200 for the CANCEL, 487 for the INVITE (RFC 3261 §9.2). */
    void onCancel(RequestEvent event) {
        try {
            event.getServerTransaction().sendResponse(ctx.response(Response.OK, event.getRequest()));
        } catch (Exception e) {
            log.warn("200 for CANCEL failed: " + e.getMessage());
        }
        if (state != State.NEW || okSent) {
            return;
        }
        respond(Response.REQUEST_TERMINATED, null);
        int cause = reasonCause(event.getRequest()).orElse(Q850.NORMAL_CLEARING);
        finish(new CallEvent.Failed(id, 487, cause, Disposition.CANCELLED, "caller cancelled before answer", source));
    }

    private void respond(int status, String sdp) {
        try {
            Response response = ctx.response(status, invite);
            if (status > 100) {
                ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(toTag);
                response.addHeader(ctx.contact(transport));
            }
            if (status == Response.OK) {
                ctx.addAllow(response);
            }
            if (sdp != null) {
                ctx.setSdp(response, sdp);
            }
            st.sendResponse(response);
        } catch (Exception e) {
            log.warn(status + " could not be sent: " + e.getMessage());
        }
        if (status >= Response.RINGING) {
            leaveSetup(); // ringing, answered or refused: the rest waits on people, not on our CPU
        }
    }

    @Override
    void released() {
        leaveSetup();
        if (ackTimer != null) {
            ackTimer.cancel();
        }
    }
}
