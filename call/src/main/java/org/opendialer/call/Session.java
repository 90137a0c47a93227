package org.opendialer.call;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.opendialer.amd.AmdEvent;
import org.opendialer.amd.AmdParams;
import org.opendialer.call.SessionEvent.Stage;
import org.opendialer.media.CollectOptions;
import org.opendialer.media.MediaSession;
import org.opendialer.media.PlayOptions;
import org.opendialer.media.PlayResult;
import org.opendialer.media.Playable;
import org.opendialer.media.Recording;
import org.opendialer.media.RecordingLimits;
import org.opendialer.media.SdpException;
import org.opendialer.sip.CallEvent;
import org.opendialer.sip.CallControl;
import org.opendialer.sip.HangupSide;
import org.opendialer.sip.InboundCall;
import org.opendialer.sip.Q850;
import org.opendialer.sip.trunk.SerialExecutor;

/**
 * The one {@link CallSession} implementation: SIP events, media callbacks and verbs all meet on one serial executor,
 * where the {@link SessionState} lives; bridging across sessions is {@link Bridges}'s.
 */
final class Session implements CallSession {

    private final CallSessions owner;
    private final CallControl calls;
    private final Clock clock;
    private final MediaSession media;
    private final LogContext log;
    private final Executor exec;
    private final InboundCall inbound;
    private final String toneCountry;
    private final SessionMedia mediaSide;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> answered = new CompletableFuture<>();
    private final CompletableFuture<SessionEvent.Ended> ended = new CompletableFuture<>();
    private volatile String callId;
    private volatile SessionState state;
    /** Guarded by {@link Bridges}' lock. */
    volatile Session partner;
    private Stage reached;
    private String ourSdp;
    private boolean remoteApplied;
    private boolean referPending;
    private boolean endingLocally;

    Session(CallSessions owner, MediaSession media, InboundCall inbound, String toneCountry) {
        this.owner = owner;
        this.calls = owner.calls();
        this.clock = owner.clock();
        this.media = media;
        this.inbound = inbound;
        this.toneCountry = toneCountry;
        this.log = new LogContext(owner.logger());
        this.exec = log.around(new SerialExecutor(owner.executor()));
        this.state = inbound == null ? SessionState.DIALING : SessionState.OFFERED;
        this.mediaSide = new SessionMedia(this, media, exec, clock);
        if (inbound != null) {
            bind(inbound.callId());
        }
    }

    void bind(String id) {
        callId = id;
        log.put("callId", id);
        owner.register(this);
    }

    // ---- events ----

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
                mediaSide.startProgress(toneCountry);
            }
            case CallEvent.Answered a -> {
                if (inbound == null) {
                    applyRemote(a.remoteSdp());
                }
                mediaSide.answered();
                move(SessionState.ANSWERED);
                progress(Stage.ANSWERED);
                answered.complete(null);
            }
            case CallEvent.Modified m -> log.logger().info(() -> "peer re-INVITE" + (m.onHold() ? " (hold)" : ""));
            case CallEvent.InfoDtmf d -> media.signalDigit(d.digit(), d.durationMs()); // a Digit via the media listener
            case CallEvent.Refer r -> {
                referPending = true;
                emit(new SessionEvent.TransferRequested(callId, clock.instant(), r.target(), r.referredBy(),
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
            log.logger().warn("remote SDP refused, hanging up: " + ex.getMessage());
            endingLocally = true;
            calls.hangup(callId, Q850.INTERWORKING);
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
            emit(new SessionEvent.Progress(callId, clock.instant(), stage));
        }
    }

    /** Who ended a call never answered: we (hang-up, reject, our CANCEL on ring timeout) or the far side. */
    private HangupSide failedBy(CallEvent.Failed f) {
        boolean ourCancel = inbound == null && f.disposition() == org.opendialer.sip.Disposition.CANCELLED;
        return endingLocally || ourCancel ? HangupSide.LOCAL : HangupSide.REMOTE;
    }

    private void end(boolean wasAnswered, org.opendialer.sip.Disposition disposition, int q850, int sipStatus,
                     HangupSide side, String reason, long talkMillis) {
        state = SessionState.ENDED;
        SessionEvent.Ended last = new SessionEvent.Ended(callId, clock.instant(), wasAnswered, disposition, q850,
                sipStatus, side, reason, talkMillis);
        SessionEndedException why = new SessionEndedException(last);
        mediaSide.ended(why);
        owner.ended(this);
        media.close();
        log.logger().info(() -> "ended: " + disposition + ", Q.850 " + q850 + ", " + reason);
        emit(last);
        answered.completeExceptionally(why);
        ended.complete(last);
    }

    private void emit(SessionEvent event) {
        for (SessionListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException ex) {
                log.logger().warn("session listener failed on " + event.getClass().getSimpleName(), ex);
            }
        }
    }

    /** Emits on the executor's current task unless the session has ended (nothing follows {@link SessionEvent.Ended}). */
    void emitIfLive(SessionEvent event) {
        if (state != SessionState.ENDED) {
            emit(event);
        }
    }

    /** Emits an event made by another component (bridging) on this session's executor, unless it has ended. */
    CompletableFuture<Void> emitLater(Function<java.time.Instant, SessionEvent> event) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        exec.execute(() -> {
            if (state != SessionState.ENDED) {
                emit(event.apply(clock.instant()));
            }
            done.complete(null);
        });
        return done;
    }

    /** Reports a REFER's outcome to the peer that sent it, once. */
    void referDone(int sipStatus) {
        exec.execute(() -> {
            if (referPending) {
                referPending = false;
                calls.referProgress(callId, sipStatus);
            }
        });
    }

    boolean isAnswered() {
        return state == SessionState.ANSWERED;
    }

    boolean isEnded() {
        return state == SessionState.ENDED;
    }

    Executor executor() {
        return exec;
    }

    /** The end, once reached (for verbs refused after it). */
    SessionEndedException endedError() {
        return new SessionEndedException(ended.join());
    }

    // ---- verbs ----

    @Override
    public CompletableFuture<Void> answer() {
        return sendAnswer(false).thenCompose(v -> answered);
    }

    @Override
    public CompletableFuture<Void> earlyAnswer() {
        return sendAnswer(true);
    }

    /** 183 or 200 with our SDP answer, made once: a 200 after a 183 must carry the same (RFC 3261 §13.2.1). */
    private CompletableFuture<Void> sendAnswer(boolean early) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        exec.execute(() -> {
            if (inbound == null || !state.beforeAnswer()) {
                sent.completeExceptionally(inbound == null ? new IllegalStateException("not an inbound call: " + callId)
                        : state == SessionState.ENDED ? endedError()
                        : new IllegalStateException("already answered: " + callId));
                return;
            }
            try {
                ourSdp = ourSdp != null ? ourSdp : media.answer(inbound.sdpOffer());
            } catch (SdpException ex) {
                log.logger().warn("caller's SDP refused: " + ex.getMessage());
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

    @Override
    public void reject(int q850) {
        exec.execute(() -> {
            if (inbound != null && state.beforeAnswer()) {
                endingLocally = true;
                calls.reject(callId, q850);
            }
        });
    }

    @Override
    public CompletableFuture<PlayResult> play(Playable playable, PlayOptions options) {
        return mediaSide.play(playable, options);
    }

    @Override
    public void stopPlayback() {
        media.stopPlayback();
    }

    @Override
    public CompletableFuture<String> collectDigits(CollectOptions options) {
        return mediaSide.collectDigits(options);
    }

    @Override
    public CompletableFuture<String> playAndCollect(Playable prompt, CollectOptions options) {
        return mediaSide.playAndCollect(prompt, options);
    }

    @Override
    public Recording record(Path wav, RecordingLimits limits) {
        return media.record(wav, limits);
    }

    @Override
    public AmdParams defaultAmdParams() {
        return AmdParams.defaults().withOverrides(java.util.Map.of("toneCountries", toneCountry));
    }

    @Override
    public CompletableFuture<AmdEvent.Decision> startAmd(AmdParams params) {
        return mediaSide.startAmdWhenAnswered(params);
    }

    @Override
    public void stopAmd() {
        exec.execute(mediaSide::stopAmd);
    }

    @Override
    public CompletableFuture<Void> bridge(CallSession other) {
        if (!(other instanceof Session s)) {
            throw new IllegalArgumentException("not a session of these CallSessions: " + other);
        }
        return owner.bridges().bridge(this, s);
    }

    @Override
    public CompletableFuture<Void> unbridge() {
        return owner.bridges().unbridge(this);
    }

    @Override
    public Optional<CallSession> partner() {
        return Optional.ofNullable(partner);
    }

    @Override
    public CompletableFuture<CallSession> transfer(OriginateSpec target) {
        return owner.bridges().transfer(this, target);
    }

    @Override
    public CompletableFuture<Void> attendedTransfer(SessionEvent.TransferRequested request) {
        return owner.bridges().attendedTransfer(this, request);
    }

    @Override
    public void declineTransfer() {
        referDone(603);
    }

    @Override
    public CompletableFuture<SessionEvent.Ended> hangup(int q850) {
        exec.execute(() -> {
            if (state != SessionState.ENDED) {
                endingLocally = true;
                calls.hangup(callId, q850);
            }
        });
        return ended;
    }

    // ---- accessors ----

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public Optional<InboundCall> inbound() {
        return Optional.ofNullable(inbound);
    }

    @Override
    public String toneCountry() {
        return toneCountry;
    }

    @Override
    public LogContext logContext() {
        return log;
    }

    @Override
    public MediaSession media() {
        return media;
    }

    @Override
    public void subscribe(SessionListener listener) {
        listeners.add(listener);
    }

    @Override
    public void unsubscribe(SessionListener listener) {
        listeners.remove(listener);
    }

    @Override
    public CompletableFuture<Void> answered() {
        return answered;
    }

    @Override
    public CompletableFuture<SessionEvent.Ended> ended() {
        return ended;
    }

    @Override
    public String toString() {
        return "CallSession[" + callId + " " + state + "]";
    }
}
