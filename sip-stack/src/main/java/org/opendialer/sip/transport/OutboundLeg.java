package org.opendialer.sip.transport;

import java.time.Duration;
import java.util.List;
import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jitsi.utils.logging2.Logger;
import org.opendialer.sip.CallEvent;
import org.opendialer.sip.CallListener;
import org.opendialer.sip.Disposition;
import org.opendialer.sip.OriginateRequest;
import org.opendialer.sip.Q850;
import org.opendialer.sip.time.Scheduler;

/**
 * UAC leg: tries its {@link Target}s in order (trunk-group failover on 503, 408 and timeouts), answers digest
 * challenges once per attempt, follows up to three redirects, cancels on ring timeout, and maps the final answer to
 * a Q.850 cause and {@link Disposition}.
 */
final class OutboundLeg extends Leg {

    private static final int MAX_REDIRECTS = 3;
    /** How long to wait for the INVITE's final response after our CANCEL (64 x T1, RFC 3261 §9.1). */
    private static final Duration CANCEL_GUARD = Duration.ofSeconds(32);

    private final OriginateRequest request;
    private final List<Target> targets;
    private final ChallengeAnswerer challenges;
    private int attempt = -1;
    private Target current;
    private boolean holdsChannel;
    private ClientTransaction invite;
    private boolean provisional;
    private boolean tryingSeen;
    private boolean ringingSeen;
    private String earlySdp = "";
    private boolean cancelPending;
    private int cancelCause;
    private Disposition cancelDisposition;
    private boolean authTried;
    private int redirects;
    private Scheduler.Cancellable timer;
    private Scheduler.Cancellable refresh;
    private int lastStatus;
    private String lastReason = "no trunk configured for this call";

    OutboundLeg(String id, SipContext ctx, LegRegistry registry, CallListener listener, Logger log,
                OriginateRequest request, List<Target> targets, ChallengeAnswerer challenges) {
        super(id, ctx, registry, listener, log);
        this.request = request;
        this.targets = new java.util.ArrayList<>(targets);
        this.challenges = challenges;
        this.localSdp = request.sdpOffer();
    }

    @Override
    String transport() {
        return current == null ? "udp" : current.transport();
    }

    void start() {
        nextAttempt();
    }

    private void nextAttempt() {
        while (++attempt < targets.size()) {
            Target t = targets.get(attempt);
            if (t.trunk() != null && !t.trunk().tryAcquire()) {
                lastReason = t.label() + (t.trunk().isUp() ? " is full" : " is down");
                continue;
            }
            current = t;
            holdsChannel = t.trunk() != null;
            authTried = false;
            long waitNanos = t.trunk() == null ? 0 : t.trunk().reserveRate();
            if (waitNanos > 0) {
                int thisAttempt = attempt;
                after(Duration.ofNanos(waitNanos), () -> {
                    if (state == State.NEW && attempt == thisAttempt) {
                        sendInvite();
                    }
                });
            } else {
                sendInvite();
            }
            return;
        }
        int cause = lastStatus == 0 ? Q850.NO_CIRCUIT_AVAILABLE : Q850.fromSipStatus(lastStatus);
        Disposition d = lastStatus == 0 ? Disposition.NO_TRUNK : Q850.disposition(cause);
        finish(new CallEvent.Failed(id, lastStatus, cause, d, lastReason, current == null ? "" : current.label()));
    }

    private void sendInvite() {
        try {
            String sipCallId = attempt == 0 && redirects == 0 ? id : ctx.provider.getNewCallId().getCallId();
            registry.alias(sipCallId, this);
            Request invite = ctx.newRequest(Request.INVITE, current.uri(), current.fromUser(), sipCallId,
                    current.proxy(), current.transport());
            CallerIdentity.apply(ctx, invite, current, request.from(), request.fromName());
            ctx.addAllow(invite);
            invite.addHeader(ctx.headers.createHeader("Supported", "timer"));
            ctx.addHeaders(invite, request.headers());
            ctx.setSdp(invite, request.sdpOffer());
            send(ctx.provider.getNewClientTransaction(invite));
            ctx.traffic.invitesOut.increment();
            state = State.CALLING;
            provisional = false;
            cancelTimer();
            timer = after(request.ringTimeout(), this::onRingTimeout);
        } catch (Exception e) {
            log.warn("INVITE via " + current.label() + " could not be sent: " + e.getMessage());
            failOver(0, current.label() + ": " + e.getMessage());
        }
    }

    private void send(ClientTransaction ct) throws Exception {
        ct.setApplicationData(current);
        invite = ct;
        dialog = ct.getDialog();
        ct.sendRequest();
    }

    void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (!Request.INVITE.equals(cseq.getMethod())) {
            return;
        }
        int status = response.getStatusCode();
        ClientTransaction ct = event.getClientTransaction();
        if (state == State.ANSWERED || state == State.ENDED || (ct != null && ct != invite)) {
            strayInviteResponse(event, status);
            return;
        }
        if (status == 100) {
            if (!tryingSeen) {
                tryingSeen = true;
                emit(new CallEvent.Trying(id));
            }
        } else if (status < 200) {
            onProvisional(response);
        } else if (status < 300) {
            onSuccess(event);
        } else {
            onFailure(event, status);
        }
    }

    private void onProvisional(Response response) {
        provisional = true;
        if (cancelPending) {
            sendCancel();
            return;
        }
        if (state == State.CANCELLING) {
            return;
        }
        String sdp = SipContext.body(response);
        if (!sdp.isEmpty() && !sdp.equals(earlySdp)) {
            earlySdp = sdp;
            state = State.EARLY;
            emit(new CallEvent.EarlyMedia(id, sdp));
        } else if (sdp.isEmpty() && !ringingSeen) {
            ringingSeen = true;
            emit(new CallEvent.Ringing(id));
        }
    }

    private void onSuccess(ResponseEvent event) {
        cancelTimer();
        Response response = event.getResponse();
        dialog = event.getDialog();
        try {
            long seq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
            dialog.sendAck(dialog.createAck(seq));
        } catch (Exception e) {
            log.warn("ACK failed: " + e.getMessage());
        }
        if (state == State.CANCELLING) {
            // CANCEL lost the race with the 200 (RFC 3261 §9.1): end the session we did not want any more.
            state = State.ANSWERED;
            try {
                Request bye = dialog.createRequest(Request.BYE);
                ctx.addReason(bye, cancelCause);
                dialog.sendRequest(ctx.provider.getNewClientTransaction(bye));
            } catch (Exception e) {
                log.warn("BYE after CANCEL race failed: " + e.getMessage());
            }
            failCancelled(200);
            return;
        }
        String sdp = SipContext.body(response);
        scheduleSessionRefresh(response); // armed before anyone hears of the answer: its time counts from the 200
        markAnswered(sdp.isEmpty() ? earlySdp : sdp);
    }

    /**
     * RFC 4028: when the 200 makes us (the UAC) the refresher, re-INVITE at half the interval so the peer does not
     * tear the session down as stale. When the peer refreshes, its re-INVITEs are answered by {@link Leg}.
     */
    private void scheduleSessionRefresh(Response ok) {
        javax.sip.header.Header se = ok.getHeader("Session-Expires");
        if (se == null) {
            return;
        }
        String value = se.toString().substring(se.toString().indexOf(':') + 1).trim();
        String[] parts = value.split(";");
        int seconds = parseIntOr(parts[0].trim(), 0);
        boolean weRefresh = value.toLowerCase(java.util.Locale.ROOT).contains("refresher=uac");
        if (seconds <= 0 || !weRefresh) {
            return;
        }
        Duration period = Duration.ofMillis(Math.max(500, seconds * 500L));
        String header = seconds + ";refresher=uac";
        refresh = ctx.timers.scheduleWithFixedDelay(() -> executor.execute(() -> {
            if (state == State.ANSWERED) {
                reinvite(localSdp, header);
            }
        }), period, period);
    }

    private void onFailure(ResponseEvent event, int status) {
        Response response = event.getResponse();
        if (state == State.CANCELLING) {
            failCancelled(status);
            return;
        }
        if ((status == 401 || status == 407) && !authTried && challenges.canAnswer(current)) {
            authTried = true;
            try {
                send(challenges.answer(response, event.getClientTransaction()));
                return;
            } catch (Exception e) {
                log.warn("digest challenge could not be answered: " + e.getMessage());
            }
        }
        if (status >= 300 && status < 400 && redirects < MAX_REDIRECTS) {
            ContactHeader contact = (ContactHeader) response.getHeader(ContactHeader.NAME);
            URI uri = contact == null ? null : contact.getAddress().getURI();
            if (uri instanceof SipURI sip) {
                redirects++;
                current = current.redirectedTo(sip);
                targets.set(attempt, current);
                sendInvite();
                return;
            }
        }
        String label = current.label();
        String text = status + " " + response.getReasonPhrase() + " from " + label;
        if (status == 503 || status == 408) {
            failOver(status, text);
            return;
        }
        cancelTimer();
        int cause = reasonCause(response).orElse(Q850.fromSipStatus(status));
        finish(new CallEvent.Failed(id, status, cause, Q850.disposition(cause), text, label));
    }

    /** 408/503/timeout/send error on this trunk: release it and try the next target. */
    private void failOver(int status, String reason) {
        cancelTimer();
        if (current.trunk() != null) {
            current.trunk().countFailover();
        }
        releaseChannel();
        lastStatus = status;
        lastReason = reason;
        state = State.NEW;
        nextAttempt();
    }

    void onTimeout() {
        if (state == State.CANCELLING) {
            failCancelled(408);
        } else if (state == State.CALLING || state == State.EARLY) {
            failOver(408, "no response from " + current.label());
        }
    }

    private void onRingTimeout() {
        if (state == State.CALLING || state == State.EARLY) {
            cancel(Q850.NO_ANSWER, Disposition.NO_ANSWER);
        }
    }

    @Override
    void hangup(int cause) {
        switch (state) {
            case NEW -> finish(new CallEvent.Failed(id, 0, cause, Disposition.CANCELLED,
                    "hung up before the INVITE was sent", current == null ? "" : current.label()));
            case CALLING, EARLY -> cancel(cause, Disposition.CANCELLED);
            case ANSWERED -> sendBye(cause);
            default -> { }
        }
    }

    private void cancel(int cause, Disposition disposition) {
        state = State.CANCELLING;
        cancelCause = cause;
        cancelDisposition = disposition;
        cancelTimer();
        if (provisional) {
            sendCancel();
        } else {
            cancelPending = true; // RFC 3261 §9.1: no CANCEL before a provisional response
        }
        timer = after(CANCEL_GUARD, () -> {
            if (state == State.CANCELLING) {
                failCancelled(408);
            }
        });
    }

    private void sendCancel() {
        cancelPending = false;
        try {
            Request cancel = invite.createCancel();
            ctx.addReason(cancel, cancelCause);
            ctx.provider.getNewClientTransaction(cancel).sendRequest();
        } catch (Exception e) {
            log.warn("CANCEL failed: " + e.getMessage());
        }
    }

    private void failCancelled(int status) {
        String why = cancelDisposition == Disposition.NO_ANSWER
                ? "no answer within " + request.ringTimeout().toSeconds() + " s" : "cancelled by us";
        finish(new CallEvent.Failed(id, status, cancelCause, cancelDisposition, why, current.label()));
    }

    /** A 2xx for an attempt we already gave up on, or a retransmission after answer. */
    private void strayInviteResponse(ResponseEvent event, int status) {
        if (status < 200 || status >= 300) {
            return;
        }
        if (state == State.ANSWERED && event.getDialog() == dialog) {
            ackReinvite(event.getResponse());
            return;
        }
        try {
            var stray = event.getDialog();
            long seq = ((CSeqHeader) event.getResponse().getHeader(CSeqHeader.NAME)).getSeqNumber();
            stray.sendAck(stray.createAck(seq));
            stray.sendRequest(ctx.provider.getNewClientTransaction(stray.createRequest(Request.BYE)));
        } catch (Exception e) {
            log.warn("could not end a stray answer: " + e.getMessage());
        }
    }

    private void releaseChannel() {
        if (holdsChannel) {
            holdsChannel = false;
            current.trunk().release();
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    @Override
    void released() {
        cancelTimer();
        if (refresh != null) {
            refresh.cancel();
        }
        releaseChannel();
    }

    String trunkLabel() {
        return current == null ? "" : current.label();
    }
}
