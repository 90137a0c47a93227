package org.opendialer.call;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.opendialer.amd.AmdEvent;
import org.opendialer.amd.AmdParams;
import org.opendialer.media.CollectOptions;
import org.opendialer.media.MediaSession;
import org.opendialer.media.PlayOptions;
import org.opendialer.media.PlayResult;
import org.opendialer.media.Playable;
import org.opendialer.media.Recording;
import org.opendialer.media.RecordingLimits;
import org.opendialer.sip.CallEvent;
import org.opendialer.sip.InboundCall;
import org.opendialer.sip.trunk.SerialExecutor;

/**
 * The one {@link CallSession} implementation: SIP events, media callbacks and verbs all meet on one serial executor.
 * The leg's signalling and its {@link SessionState} are {@link SessionSignalling}'s, playback, digits and analysis
 * {@link SessionMedia}'s, bridging across sessions {@link Bridges}'; this class joins them and delivers the events.
 */
final class Session implements CallSession {

    private final CallSessions owner;
    private final Clock clock;
    private final MediaSession media;
    private final LogContext log;
    private final Executor exec;
    private final InboundCall inbound;
    private final String toneCountry;
    private final SessionMedia mediaSide;
    private final SessionSignalling sip;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private volatile String callId;
    /** Guarded by {@link Bridges}' lock. */
    volatile Session partner;

    Session(CallSessions owner, MediaSession media, InboundCall inbound, String toneCountry) {
        this.owner = owner;
        this.clock = owner.clock();
        this.media = media;
        this.inbound = inbound;
        this.toneCountry = toneCountry;
        this.log = new LogContext(owner.logger());
        this.exec = log.around(new SerialExecutor(owner.executor()));
        this.mediaSide = new SessionMedia(this, media, exec, clock);
        this.sip = new SessionSignalling(this, owner.calls(), media, mediaSide, inbound, exec);
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
        sip.onSip(e);
    }

    Instant now() {
        return clock.instant();
    }

    /** The leg has ended: the owner forgets it and its media is closed, before the last event goes out. */
    void released() {
        owner.ended(this);
        media.close();
    }

    void emit(SessionEvent event) {
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
        if (!isEnded()) {
            emit(event);
        }
    }

    /** Emits an event made by another component (bridging) on this session's executor, unless it has ended. */
    CompletableFuture<Void> emitLater(Function<Instant, SessionEvent> event) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        exec.execute(() -> {
            if (!isEnded()) {
                emit(event.apply(clock.instant()));
            }
            done.complete(null);
        });
        return done;
    }

    /** Reports a REFER's outcome to the peer that sent it, once. */
    void referDone(int sipStatus) {
        sip.referDone(sipStatus);
    }

    boolean isAnswered() {
        return sip.state() == SessionState.ANSWERED;
    }

    boolean isEnded() {
        return sip.state() == SessionState.ENDED;
    }

    Executor executor() {
        return exec;
    }

    /** The end, once reached (for verbs refused after it). */
    SessionEndedException endedError() {
        return sip.endedError();
    }

    // ---- verbs ----

    @Override
    public CompletableFuture<Void> answer() {
        return sip.sendAnswer(false).thenCompose(v -> sip.answered());
    }

    @Override
    public CompletableFuture<Void> sendAnswer() {
        return sip.sendAnswer(false);
    }

    @Override
    public CompletableFuture<Void> earlyAnswer() {
        return sip.sendAnswer(true);
    }

    @Override
    public void reject(int q850) {
        sip.reject(q850);
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
        return sip.hangup(q850);
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
        return sip.answered();
    }

    @Override
    public CompletableFuture<SessionEvent.Ended> ended() {
        return sip.ended();
    }

    @Override
    public String toString() {
        return "CallSession[" + callId + " " + sip.state() + "]";
    }
}
