package org.opendialer.notifications.voice;

import static org.opendialer.notifications.voice.NotificationStep.ANALYSING;
import static org.opendialer.notifications.voice.NotificationStep.ANSWERED;
import static org.opendialer.notifications.voice.NotificationStep.DIALING;
import static org.opendialer.notifications.voice.NotificationStep.EARLY;
import static org.opendialer.notifications.voice.NotificationStep.ENDED;
import static org.opendialer.notifications.voice.NotificationStep.HANGING_UP;
import static org.opendialer.notifications.voice.NotificationStep.QUEUED;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.opendialer.amd.progress.CallProgressTone;
import org.opendialer.call.CallSession;
import org.opendialer.call.OriginateSpec;
import org.opendialer.call.SessionEvent;
import org.opendialer.media.DtmfSource;
import org.opendialer.sip.Disposition;
import org.opendialer.sip.Q850;
import org.opendialer.sip.trunk.SerialExecutor;

/**
 * One voice notification from dial to hang-up, on a {@link CallSession}: originate (the session analyses early
 * media with the request's tone country), after answer AMD ({@link VoiceAmd}), then the person path
 * ({@link KeyMenu}: templated TTS, the request's keys) or the machine path (wait for the beep, leave the message);
 * with {@link AmdMode#ASYNC} the person path starts at the answer and a MACHINE decision cuts it,
 * recording every step on the call's timeline. {@link NotificationStep} is the flow's state and its table the only
 * way it moves. Everything runs on the call's own serial executor; session events and API requests hop onto it.
 */
final class VoiceCall {

    private final UUID id;
    private final String number;
    private final CallRequest request;
    private final VoiceNotifications owner;
    private final SerialExecutor exec;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final CallTimeline timeline;
    private final KeyMenu menu;
    private final VoiceAmd amd;
    private NotificationStep step = QUEUED;
    private CallSession session;
    private long startNanos;
    private long answerNanos;
    private String outcome;

    VoiceCall(UUID id, String number, CallRequest request, VoiceNotifications owner) {
        this.id = id;
        this.number = number;
        this.request = request;
        this.owner = owner;
        this.exec = new SerialExecutor(owner.executor());
        this.timeline = new CallTimeline(id, request, owner.store(), owner.webhooks());
        // Render the personalised prompts while the phone rings, so a person hears them right after answer.
        this.menu = new KeyMenu(this, request, owner);
        this.amd = new VoiceAmd(this, request, owner, menu);
    }

    UUID id() {
        return id;
    }

    String number() {
        return number;
    }

    /** Trunk group the call needs a channel in ("" = any trunk). */
    String group() {
        return request.trunkGroup();
    }

    void start() {
        exec.execute(this::dial);
    }

    /** Completes once the call's final state is stored (or refused because the row was already final). */
    CompletableFuture<Void> ended() {
        return ended;
    }

    /** The node stops: a call not yet dialled ends without an INVITE, a live one is hung up through SIP. */
    void shutdown() {
        exec.execute(() -> {
            if (step == ENDED) {
                return;
            }
            event("shutdown", session == null ? "server stopping before the call was dialled"
                    : "server stopping: hanging up");
            if (session == null) {
                finish(CallState.FAILED, "SERVER_STOPPED", null, null, "NOT_DIALED", "local", 0);
                return;
            }
            outcome = answerNanos == 0 ? "SERVER_STOPPED" : outcome;
            hangUp(Q850.NORMAL_CLEARING);
        });
    }

    /** The node stops and the carrier never confirmed the hang-up: end the call without waiting any longer. */
    void forceEnd() {
        exec.execute(() -> finish(CallState.FAILED, outcome != null ? outcome : "SERVER_STOPPED", null, null,
                "INTERRUPTED", "local", 0));
    }

    /** DELETE /calls/{id}: hang up in whatever state; a queued call never dials. */
    void hangup() {
        exec.execute(() -> {
            if (step == ENDED) {
                return;
            }
            event("hangupRequested", "by API");
            if (session == null) {
                finish(CallState.FAILED, "CANCELLED", null, null, "CANCELLED", "api", 0);
            } else {
                hangUp(Q850.NORMAL_CLEARING);
            }
        });
    }

    private void dial() {
        if (step != QUEUED) {
            return;
        }
        if (owner.stopping()) {
            finish(CallState.FAILED, "SERVER_STOPPED", null, null, "NOT_DIALED", "local", 0);
            return;
        }
        // DIALING is stored before the INVITE leaves: a call still QUEUED in the database was never dialled.
        if (!timeline.moveTo(CallState.DIALING, "dialing", number)) {
            finish(CallState.FAILED, "FAILED", null, null, "FAILED", "local", 0);
            return;
        }
        move(DIALING);
        startNanos = System.nanoTime();
        OriginateSpec spec = new OriginateSpec(number, request.from(), request.trunkGroup(), request.ringTimeout(),
                false, Map.of("X-Dialer-Call-Id", id.toString()), request.toneCountry());
        try {
            session = owner.sessions().originate(spec, e -> exec.execute(() -> onEvent(e)));
        } catch (RuntimeException e) {
            event("failed", "no media port: " + e.getMessage());
            finish(CallState.FAILED, "FAILED", null, null, "FAILED", "local", 0);
            return;
        }
        session.logContext().put("notificationId", id.toString());
    }

    private void onEvent(SessionEvent e) {
        if (step == ENDED) {
            return;
        }
        switch (e) {
            case SessionEvent.Progress p -> onProgress(p.stage());
            case SessionEvent.CpaTone t -> onTone(t);
            case SessionEvent.AmdDecision d -> amd.onDecision(d.decision());
            case SessionEvent.Beep b -> amd.onMachineEnd(b);
            case SessionEvent.Digit d -> {
                if (d.source() == DtmfSource.SIP_INFO) {
                    event("infoDtmf", String.valueOf(d.digit())); // collected by the menu like any other key
                }
            }
            case SessionEvent.TransferRequested r -> session.declineTransfer(); // only the agent key transfers
            case SessionEvent.Bridged b -> event("bridged", "to call " + b.otherCallId());
            case SessionEvent.Unbridged u -> { }
            case SessionEvent.PlaybackDone p -> { }
            case SessionEvent.Ended x -> onEnded(x);
        }
    }

    private void onProgress(SessionEvent.Stage stage) {
        switch (stage) {
            case TRYING -> event("trying", "");
            case RINGING -> timeline.moveTo(CallState.RINGING, "ringing", "");
            case EARLY_MEDIA -> {
                timeline.moveTo(CallState.RINGING, "earlyMedia", "");
                move(EARLY);
            }
            case ANSWERED -> onAnswered();
        }
    }

    /** Carrier SITs and busy tones before answer end the call at once; tones after answer are only recorded. */
    private void onTone(SessionEvent.CpaTone t) {
        String what = t.tone() + (t.sitCode() == null ? "" : " " + t.sitCode());
        if (!t.beforeAnswer()) {
            if (step.active()) {
                event("tone", what);
            }
            return;
        }
        if (answerNanos != 0 || !step.active() || t.tone() == CallProgressTone.RINGBACK
                || t.tone() == CallProgressTone.SILENCE) {
            return;
        }
        event("earlyTone", what);
        if (t.tone() == CallProgressTone.SIT || t.tone() == CallProgressTone.BUSY
                || t.tone() == CallProgressTone.REORDER) {
            outcome = t.tone().name();
            hangUp(Q850.NORMAL_CLEARING);
        }
    }

    private void onAnswered() {
        answerNanos = System.nanoTime();
        boolean live = move(ANSWERED); // false: hanging up already (a SIT heard just before the answer)
        if (live && request.amd() == AmdMode.ASYNC) {
            // before anything is stored: each write ahead of the first word would be dead air for the person
            amd.start();
            menu.speak(1);
        }
        timeline.moveTo(CallState.ANSWERED, "answered", "");
        long ringMs = TimeUnit.NANOSECONDS.toMillis(answerNanos - startNanos);
        owner.store().update(id, CallStore.Update.answered(Instant.now(), ringMs));
        session.media().firstAudioSent().thenAccept(at -> exec.execute(() -> onFirstAudio(at)));
        if (!live || request.amd() == AmdMode.ASYNC) {
            return;
        }
        if (request.amd() == AmdMode.OFF) {
            outcome = "HUMAN";
            menu.speak(1);
            return;
        }
        move(ANALYSING);
        amd.start();
    }

    /** AMD async: while it still listens, the human message plays in MESSAGE_ANALYSING. */
    boolean analysing() {
        return amd.analysing();
    }

    /** A key during the message: only a person presses one, so AMD (if still listening) is not needed any more. */
    void personPressed(String key) {
        amd.personPressed(key);
    }

    private void onFirstAudio(long atNanos) {
        long beepNanos = amd.beepNanos();
        long ms = TimeUnit.NANOSECONDS.toMillis(atNanos - (beepNanos != 0 ? beepNanos : answerNanos));
        event("firstAudio", ms + " ms after " + (beepNanos != 0 ? "the end of the greeting" : "answer"));
        // async: the first audio is the human message, heard before AMD decides, whatever it decides
        if (beepNanos != 0 || "HUMAN".equals(outcome) || "UNKNOWN".equals(outcome) || request.amd() == AmdMode.ASYNC) {
            owner.store().update(id, CallStore.Update.firstAudio(ms, beepNanos != 0));
        }
    }

    /** Runs {@code play} on the call's executor once {@code prompt} is rendered, unless the call is ending by then. */
    void whenRendered(CompletableFuture<Void> prompt, Runnable play) {
        if (prompt.isDone() && !prompt.isCompletedExceptionally()) {
            if (step.active()) {
                play.run(); // already rendered (prefetched while ringing): no hop, no wait behind queued work
            }
            return;
        }
        prompt.whenComplete((ready, err) -> exec.execute(() -> {
            if (!step.active()) {
                return;
            }
            if (err != null) {
                event("promptFailed", err.toString());
                hangUp(Q850.NORMAL_CLEARING);
                return;
            }
            play.run();
        }));
    }

    private void onEnded(SessionEvent.Ended x) {
        String disposition = x.disposition().name();
        if (!x.answered()) {
            event("failed", x.sipStatus() + " " + x.reason() + " (Q.850 " + x.q850() + ")");
            finish(CallState.FAILED, outcome != null ? outcome : disposition, x.sipStatus(), x.q850(), disposition,
                    x.disposition() == Disposition.CANCELLED ? "local" : "remote", 0);
            return;
        }
        String by = x.side().name().toLowerCase(java.util.Locale.ROOT);
        event("ended", "by " + by + ", Q.850 " + x.q850());
        finish(CallState.COMPLETED, outcome == null ? "ANSWERED" : outcome, 200, x.q850(), disposition, by,
                x.talkMillis());
    }

    // ---- for the key menu and AMD ----

    void outcome(String outcome) {
        this.outcome = outcome;
    }

    CallSession session() {
        return session;
    }

    NotificationStep step() {
        return step;
    }

    /** Moves along {@link NotificationStep}'s table; false (nothing changes) when the move is not in it. */
    boolean move(NotificationStep next) {
        if (!step.canMoveTo(next)) {
            return false;
        }
        step = next;
        return true;
    }

    void onExec(Runnable task) {
        exec.execute(task);
    }

    void hangUp(int cause) {
        if (session != null && move(HANGING_UP)) {
            session.hangup(cause);
        }
    }

    void event(String type, String detail) {
        timeline.event(type, detail);
    }

    private void finish(CallState state, String why, Integer sipStatus, Integer q850, String disposition,
                        String by, long talkMs) {
        if (step == ENDED) {
            return;
        }
        step = ENDED;
        try {
            if (session != null) {
                session.media().close(); // already closed when the session ended; not when the carrier never answered
            }
            if (timeline.end(CallStore.Update.end(state, why, sipStatus, q850, disposition, by, Instant.now(), talkMs))) {
                owner.metrics().finished(why, disposition);
            }
        } finally {
            ended.complete(null);
            owner.finished(this);
        }
    }
}
