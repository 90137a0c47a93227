package org.opendialer.call;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.opendialer.call.SessionEvent.Stage;
import org.opendialer.media.MediaSession;
import org.opendialer.media.SdpException;
import org.opendialer.sip.CallControl;
import org.opendialer.sip.CallEvent;
import org.opendialer.sip.Disposition;
import org.opendialer.sip.HangupSide;
import org.opendialer.sip.InboundCall;
import org.opendialer.sip.Q850;

/**
 * The SIP side of one session: the leg's events become the {@link SessionState}, forward-only progress stages and
 * the session's end; the answer (183/200 with our SDP, made once), rejection, hang-up and REFER replies go out
 * through {@link CallControl}. Everything here runs on the session's serial executor.
 */
final class SessionSignalling {

    private final Session session;
    private final CallControl calls;
    private final MediaSession media;
    private final SessionMedia mediaSide;
    private final InboundCall inbound;
    private final Executor exec;
    private final CompletableFuture<Void> answered = new CompletableFuture<>();
    private final CompletableFuture<SessionEvent.Ended> ended = new CompletableFuture<>();
    private volatile SessionState state;
    private Stage reached;
    private String ourSdp;
    private boolean remoteApplied;
    private boolean referPending;
    private boolean endingLocally;

    SessionSignalling(Session session, CallControl calls, MediaSession media, SessionMedia mediaSide, InboundCall inbound,
                      Executor exec) {
        this.session = session;
        this.calls = calls;
        this.media = media;
        this.mediaSide = mediaSide;
        this.inbound = inbound;
        this.exec = exec;
        this.state = inbound == null ? SessionState.DIALING : SessionState.OFFERED;
    }

    SessionState state() {
        return state;
    }

    CompletableFuture<Void> answered() {
        return answered;
    }

    CompletableFuture<SessionEvent.Ended> ended() {
        return ended;
    }

    void onSip(CallEvent e) {
        if (state == SessionState.ENDED) {
            return;
        }
        switch (e) {
            case CallEvent.Trying t -> progress(Stage.TRYING);
            case CallEvent.Ringing r -> {
                move(SessionState.RINGING);
                progress(Stage.RINGING);
            }
            case CallEvent.EarlyMedia m -> {
                applyRemote(m.remoteSdp());
                move(SessionState.EARLY);
                progress(Stage.EARLY_MEDIA);
                mediaSide.startProgress(session.toneCountry());
            }
            case CallEvent.Answered a -> {
                if (inbound == null) {
                    applyRemote(a.remoteSdp());
                    media.flushDigits(); // keys heard before the answer were the network's (early media), not the callee's
                    mediaSide.keepAnswerForAmd();
                }
                mediaSide.answered();
                move(SessionState.ANSWERED);
                progress(Stage.ANSWERED);
                answered.complete(null);
            }
            case CallEvent.Modified m -> session.logContext().logger().info(() -> "peer re-INVITE" + (m.onHold() ? " (hold)" : ""));
            case CallEvent.InfoDtmf d -> media.signalDigit(d.digit(), d.durationMs()); // a Digit via the media listener
            case CallEvent.Refer r -> {
                referPending = true;
                session.emit(new SessionEvent.TransferRequested(session.callId(), session.now(), r.target(), r.referredBy(),
                        r.replaces()));
            }
            case CallEvent.Failed f -> end(false, f.disposition(), f.q850(), f.sipStatus(), failedBy(f), f.reason(), 0);
            case CallEvent.Ended x -> end(true, x.disposition(), x.q850(), 200, x.side(),
                    "hung up by " + x.side().name().toLowerCase(java.util.Locale.ROOT), x.talkMillis());
        }
    }

    private void applyRemote(String sdp) {
        if (remoteApplied || sdp == null || sdp.isEmpty()) {
            return;
        }
        try {
            media.acceptAnswer(sdp);
            remoteApplied = true;
        } catch (SdpException ex) {
            session.logContext().logger().warn("remote SDP refused, hanging up: " + ex.getMessage());
            endingLocally = true;
            calls.hangup(session.callId(), Q850.INTERWORKING);
        }
    }

    private void move(SessionState next) {
        if (state.canMoveTo(next)) {
            state = next;
        }
    }

    /**
     * Stages only move forward: the SIP stack's listener threads may hand over a 100 after the 180 that followed
     * it on the wire, and a consumer must never see a call go back from ringing to trying.
     */
    private void progress(Stage stage) {
        if (reached == null || stage.compareTo(reached) > 0) {
            reached = stage;
            session.emit(new SessionEvent.Progress(session.callId(), session.now(), stage));
        }
    }

    /** Who ended a call never answered: we (hang-up, reject, our CANCEL on ring timeout) or the far side. */
    private HangupSide failedBy(CallEvent.Failed f) {
        boolean ourCancel = inbound == null && f.disposition() == Disposition.CANCELLED;
        return endingLocally || ourCancel ? HangupSide.LOCAL : HangupSide.REMOTE;
    }

    private void end(boolean wasAnswered, Disposition disposition, int q850, int sipStatus, HangupSide side, String reason,
                     long talkMillis) {
        state = SessionState.ENDED;
        SessionEvent.Ended last = new SessionEvent.Ended(session.callId(), session.now(), wasAnswered, disposition, q850,
                sipStatus, side, reason, talkMillis);
        SessionEndedException why = new SessionEndedException(last);
        mediaSide.ended(why);
        session.released();
        session.logContext().logger().info(() -> "ended: " + disposition + ", Q.850 " + q850 + ", " + reason);
        session.emit(last);
        answered.completeExceptionally(why);
        ended.complete(last);
    }

    /** 183 or 200 with our SDP answer, made once: a 200 after a 183 must carry the same (RFC 3261 §13.2.1). */
    CompletableFuture<Void> sendAnswer(boolean early) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        exec.execute(() -> {
            String callId = session.callId();
            if (inbound == null || !state.beforeAnswer()) {
                sent.completeExceptionally(inbound == null ? new IllegalStateException("not an inbound call: " + callId)
                        : state == SessionState.ENDED ? endedError()
                        : new IllegalStateException("already answered: " + callId));
                return;
            }
            try {
                ourSdp = ourSdp != null ? ourSdp : media.answer(inbound.sdpOffer());
            } catch (SdpException ex) {
                session.logContext().logger().warn("caller's SDP refused: " + ex.getMessage());
                endingLocally = true;
                calls.reject(callId, Q850.INTERWORKING); // 488-class: no common codec
                sent.completeExceptionally(ex);
                return;
            }
            if (early) {
                calls.earlyAnswer(callId, ourSdp);
                move(SessionState.EARLY);
                progress(Stage.EARLY_MEDIA);
            } else {
                calls.answer(callId, ourSdp);
            }
            sent.complete(null);
        });
        return sent;
    }

    void reject(int q850) {
        exec.execute(() -> {
            if (inbound != null && state.beforeAnswer()) {
                endingLocally = true;
                calls.reject(session.callId(), q850);
            }
        });
    }

    CompletableFuture<SessionEvent.Ended> hangup(int q850) {
        exec.execute(() -> {
            if (state != SessionState.ENDED) {
                endingLocally = true;
                calls.hangup(session.callId(), q850);
            }
        });
        return ended;
    }

    /** Reports a REFER's outcome to the peer that sent it, once. */
    void referDone(int sipStatus) {
        exec.execute(() -> {
            if (referPending) {
                referPending = false;
                calls.referProgress(session.callId(), sipStatus);
            }
        });
    }

    /** The end, once reached (for verbs refused after it). */
    SessionEndedException endedError() {
        return new SessionEndedException(ended.join());
    }
}
