package org.opendialer.call;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.opendialer.amd.AmdDetector;
import org.opendialer.amd.AmdEvent;
import org.opendialer.amd.AmdParams;
import org.opendialer.amd.AmdResult;
import org.opendialer.amd.progress.CallProgressAnalyzer;
import org.opendialer.media.CollectOptions;
import org.opendialer.media.FrameTap;
import org.opendialer.media.MediaSession;
import org.opendialer.media.PlayOptions;
import org.opendialer.media.PlayResult;
import org.opendialer.media.Playable;

/**
 * The media side of one session: playback, digit collection, call-progress analysis of early media (with the
 * call's tone country) and AMD after answer (with the call's own parameters). Detectors run on the media loop
 * inside frame taps; what they and the media session report hops onto the session's executor, where it becomes
 * {@link SessionEvent}s and completes the verbs' futures, after the events that came before it.
 */
final class SessionMedia {

    private final Session session;
    private final MediaSession media;
    private final Executor exec;
    private final Clock clock;
    private FrameTap cpaTap;
    /** The tap feeding AMD on the leg: {@link #backlog} once AMD started with one, else AMD's own. */
    private FrameTap amdTap;
    /** An outbound leg's audio since the answer, until AMD starts (null: none kept, or handed to AMD). */
    private AnswerBacklog backlog;
    private CompletableFuture<AmdEvent.Decision> decision;

    SessionMedia(Session session, MediaSession media, Executor exec, Clock clock) {
        this.session = session;
        this.media = media;
        this.exec = exec;
        this.clock = clock;
        media.onDtmf(d -> exec.execute(() -> session.emitIfLive(new SessionEvent.Digit(session.callId(),
                clock.instant(), d.digit(), d.source(), d.durationMs()))));
    }

    CompletableFuture<PlayResult> play(Playable playable, PlayOptions options) {
        CompletableFuture<PlayResult> done = new CompletableFuture<>();
        media.play(playable, options).whenComplete((r, e) -> exec.execute(() -> {
            PlayResult result = e != null ? PlayResult.failed(String.valueOf(e)) : r;
            session.emitIfLive(new SessionEvent.PlaybackDone(session.callId(), clock.instant(), result));
            done.complete(result);
        }));
        return done;
    }

    CompletableFuture<String> collectDigits(CollectOptions options) {
        return onExec(media.collectDigits(options).toCompletableFuture());
    }

    CompletableFuture<String> playAndCollect(Playable prompt, CollectOptions options) {
        return onExec(media.playAndCollect(prompt, options).toCompletableFuture());
    }

    private <T> CompletableFuture<T> onExec(CompletableFuture<T> f) {
        CompletableFuture<T> out = new CompletableFuture<>();
        f.whenComplete((v, e) -> exec.execute(() -> relay(v, e, out)));
        return out;
    }

    static <T> void relay(T value, Throwable error, CompletableFuture<T> to) {
        if (error != null) {
            to.completeExceptionally(error);
        } else {
            to.complete(value);
        }
    }

    /**
     * Early media has started: listen for ringback, busy, SIT and recorded announcements (speech before the answer
     * is a recording, never a person) until {@link #answered}. On the executor.
     */
    void startProgress(String toneCountry) {
        if (cpaTap != null) {
            return;
        }
        CallProgressAnalyzer cpa = CallProgressAnalyzer.earlyMedia(toneCountry, r -> exec.execute(() ->
                session.emitIfLive(new SessionEvent.CpaTone(session.callId(), clock.instant(), r.tone(), r.sitCode(),
                        r.frequencyHz(), true))));
        cpaTap = (pcm, index) -> cpa.onFrame(pcm);
        media.addTap(cpaTap);
    }

    void answered() {
        if (cpaTap != null) {
            media.removeTap(cpaTap);
            cpaTap = null;
        }
    }

    /**
     * An outbound call was answered: keep what the line says from now on for AMD, which the flow starts only after
     * its own work on the answer (see {@link AnswerBacklog}). On the executor, before the answer's event is emitted.
     */
    void keepAnswerForAmd() {
        if (backlog == null && decision == null) {
            backlog = new AnswerBacklog();
            media.addTap(backlog);
        }
    }

    /** {@link #startAmd} on the executor, refused unless the call is answered. */
    CompletableFuture<AmdEvent.Decision> startAmdWhenAnswered(AmdParams params) {
        CompletableFuture<AmdEvent.Decision> out = new CompletableFuture<>();
        exec.execute(() -> {
            if (session.isAnswered()) {
                startAmd(params).whenComplete((d, e) -> relay(d, e, out));
            } else {
                out.completeExceptionally(session.isEnded() ? session.endedError()
                        : new IllegalStateException("AMD needs an answered call: " + session.callId()));
            }
        });
        return out;
    }

    /** Starts AMD once per session; a second call returns the first run's decision. On the executor. */
    private CompletableFuture<AmdEvent.Decision> startAmd(AmdParams params) {
        if (decision != null) {
            return decision;
        }
        decision = new CompletableFuture<>();
        AmdDetector amd = AmdDetector.create(params, ev -> exec.execute(() -> onAmd(ev, params)));
        AmdTap tap = new AmdTap(amd, params.totalAnalysisMs()); // without our own echo: AMD may listen while we speak
        if (backlog != null) {
            backlog.handTo(tap); // AMD hears the line from the answer
            amdTap = backlog;
            backlog = null;
        } else {
            amdTap = tap;
            media.addTap(tap);
        }
        return decision;
    }

    private void onAmd(AmdEvent ev, AmdParams params) {
        if (amdTap == null) {
            return; // stopped meanwhile: the flow has moved on
        }
        String id = session.callId();
        switch (ev) {
            case AmdEvent.Decision d -> {
                if (!params.awaitMachineEnd() || d.result() != AmdResult.MACHINE) {
                    stopAmd(); // no MachineEnd follows
                }
                session.emitIfLive(new SessionEvent.AmdDecision(id, clock.instant(), d));
                decision.complete(d);
            }
            case AmdEvent.MachineEnd m -> {
                stopAmd();
                session.emitIfLive(new SessionEvent.Beep(id, clock.instant(), m.kind(), m.beepHz(), m.atMs()));
            }
            case AmdEvent.Tone t -> session.emitIfLive(new SessionEvent.CpaTone(id, clock.instant(), t.tone(),
                    t.sitCode(), t.frequencyHz(), false));
        }
    }

    /** Stops feeding AMD (after its decision when no beep is awaited, or when the flow moves on). On the executor. */
    void stopAmd() {
        if (backlog != null) { // never started: nothing more to keep
            media.removeTap(backlog);
            backlog = null;
        }
        if (amdTap != null) {
            media.removeTap(amdTap);
            amdTap = null;
        }
    }

    /** The session ended: detectors stop, a pending AMD decision fails with {@code why}. On the executor. */
    void ended(SessionEndedException why) {
        answered();
        stopAmd();
        if (decision != null) {
            decision.completeExceptionally(why);
        }
    }
}
