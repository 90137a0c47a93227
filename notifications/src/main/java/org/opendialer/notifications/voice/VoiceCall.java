package org.opendialer.notifications.voice;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.opendialer.amd.AmdDetector;
import org.opendialer.amd.AmdEvent;
import org.opendialer.amd.AmdParams;
import org.opendialer.amd.MachineEndKind;
import org.opendialer.amd.progress.CallProgressAnalyzer;
import org.opendialer.amd.progress.CallProgressTone;
import org.opendialer.amd.progress.ToneReport;
import org.opendialer.contacts.consent.ConsentSource;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.media.CollectOptions;
import org.opendialer.media.FrameTap;
import org.opendialer.media.MediaSession;
import org.opendialer.media.PlayOptions;
import org.opendialer.media.Playable;
import org.opendialer.media.SdpException;
import org.opendialer.sip.CallEvent;
import org.opendialer.sip.OriginateRequest;
import org.opendialer.sip.Q850;
import org.opendialer.sip.trunk.SerialExecutor;

/**
 * One voice notification from dial to hang-up: originate with our SDP offer, early media to call-progress analysis,
 * after answer AMD on the received audio, then the human path (templated TTS, one key, repeats; 9 = do not call)
 * or the machine path (wait for the beep, leave the message), recording every step on the call's timeline.
 * Everything runs on the call's own serial executor; SIP, media and AMD callbacks hop onto it.
 */
final class VoiceCall {

    private final UUID id;
    private final String number;
    private final CallRequest request;
    private final VoiceNotifications owner;
    private final SerialExecutor exec;
    private final Playable.Tts humanText;
    private final Playable.Tts machineText;
    private final CompletableFuture<Void> humanPrompt;
    private final CompletableFuture<Void> machinePrompt;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final CallTimeline timeline;
    private MediaSession media;
    private String legId;
    private boolean remoteSdpApplied;
    private boolean finished;
    private boolean hangingUp;
    private long startNanos;
    private long answerNanos;
    private long beepNanos;
    private String outcome;
    private FrameTap progressTap;
    private FrameTap amdTap;

    VoiceCall(UUID id, String number, CallRequest request, VoiceNotifications owner) {
        this.id = id;
        this.number = number;
        this.request = request;
        this.owner = owner;
        this.exec = new SerialExecutor(owner.executor());
        this.timeline = new CallTimeline(id, request, owner.store(), owner.webhooks());
        // Render the personalised prompts while the phone rings, so a person hears them right after answer.
        this.humanText = new Playable.Tts(owner.render(request.humanText(), request.variables()));
        this.machineText = request.machineText().isEmpty() || request.amd() == AmdMode.OFF ? null
                : new Playable.Tts(owner.render(request.machineText(), request.variables()));
        this.humanPrompt = owner.media().prefetch(humanText);
        this.machinePrompt = machineText == null ? null : owner.media().prefetch(machineText);
    }

    UUID id() {
        return id;
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
            if (finished) {
                return;
            }
            event("shutdown", legId == null ? "server stopping before the call was dialled"
                    : "server stopping: hanging up");
            if (legId == null) {
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
            event("hangup_requested", "by API");
            if (legId == null) {
                finish(CallState.FAILED, "CANCELLED", null, null, "CANCELLED", "api", 0);
            } else {
                hangUp(Q850.NORMAL_CLEARING);
            }
        });
    }

    private void dial() {
        if (finished) {
            return;
        }
        if (owner.stopping()) {
            finish(CallState.FAILED, "SERVER_STOPPED", null, null, "NOT_DIALED", "local", 0);
            return;
        }
        startNanos = System.nanoTime();
        try {
            media = owner.media().createSession(id.toString());
        } catch (RuntimeException e) {
            event("failed", "no media port: " + e.getMessage());
            finish(CallState.FAILED, "FAILED", null, null, "FAILED", "local", 0);
            return;
        }
        // DIALING is stored before the INVITE leaves: a call still QUEUED in the database was never dialled.
        if (!timeline.moveTo(CallState.DIALING, "dialing", number)) {
            finish(CallState.FAILED, "FAILED", null, null, "FAILED", "local", 0);
            return;
        }
        OriginateRequest originate = new OriginateRequest(number, request.from(), request.trunkGroup(),
                request.ringTimeout(), media.createOffer(), false, Map.of("X-Dialer-Call-Id", id.toString()));
        legId = owner.calls().originate(originate, e -> exec.execute(() -> onCallEvent(e)));
    }

    private void onCallEvent(CallEvent e) {
        if (finished) {
            return;
        }
        switch (e) {
            case CallEvent.Trying t -> event("trying", "");
            case CallEvent.Ringing r -> timeline.moveTo(CallState.RINGING, "ringing", "");
            case CallEvent.EarlyMedia m -> {
                applyRemote(m.remoteSdp());
                timeline.moveTo(CallState.RINGING, "early_media", "");
                listenToEarlyMedia();
            }
            case CallEvent.Answered a -> onAnswered(a);
            case CallEvent.Modified m -> event("reinvite", m.onHold() ? "hold" : "resume");
            case CallEvent.InfoDtmf d -> event("info_dtmf", String.valueOf(d.digit()));
            case CallEvent.Refer r -> owner.calls().referProgress(legId, 603); // notifications do not transfer
            case CallEvent.Failed f -> {
                event("failed", f.sipStatus() + " " + f.reason() + " (Q.850 " + f.q850() + ")");
                String why = outcome != null ? outcome : f.disposition().name();
                finish(CallState.FAILED, why, f.sipStatus(), f.q850(), f.disposition().name(),
                        f.disposition().name().equals("CANCELLED") ? "local" : "remote", 0);
            }
            case CallEvent.Ended x -> {
                event("ended", "by " + x.side().name().toLowerCase() + ", Q.850 " + x.q850());
                finish(CallState.COMPLETED, outcome == null ? "ANSWERED" : outcome, 200, x.q850(),
                        x.disposition().name(), x.side().name().toLowerCase(), x.talkMillis());
            }
        }
    }

    private void applyRemote(String sdp) {
        if (remoteSdpApplied || sdp == null || sdp.isEmpty()) {
            return;
        }
        try {
            media.acceptAnswer(sdp);
            remoteSdpApplied = true;
        } catch (SdpException ex) {
            event("media_refused", ex.getMessage());
            hangUp(Q850.INTERWORKING);
        }
    }

    /** Carrier SITs and busy tones before answer: no need to wait for the final response. */
    private void listenToEarlyMedia() {
        if (progressTap != null) {
            return;
        }
        CallProgressAnalyzer cpa = CallProgressAnalyzer.create("US", r -> exec.execute(() -> onEarlyTone(r)));
        progressTap = (pcm, index) -> cpa.onFrame(pcm);
        media.addTap(progressTap);
    }

    private void onEarlyTone(ToneReport r) {
        if (finished || answerNanos != 0 || r.tone() == CallProgressTone.RINGBACK
                || r.tone() == CallProgressTone.SILENCE) {
            return;
        }
        event("early_tone", r.tone() + (r.sitCode() == null ? "" : " " + r.sitCode()));
        if (r.tone() == CallProgressTone.SIT || r.tone() == CallProgressTone.BUSY
                || r.tone() == CallProgressTone.REORDER) {
            outcome = r.tone().name();
            hangUp(Q850.NORMAL_CLEARING);
        }
    }

    private void onAnswered(CallEvent.Answered a) {
        applyRemote(a.remoteSdp());
        answerNanos = System.nanoTime();
        if (progressTap != null) {
            media.removeTap(progressTap);
        }
        timeline.moveTo(CallState.ANSWERED, "answered", "");
        long ringMs = TimeUnit.NANOSECONDS.toMillis(answerNanos - startNanos);
        owner.store().update(id, CallStore.Update.answered(Instant.now(), ringMs));
        media.firstAudioSent().thenAccept(at -> exec.execute(() -> onFirstAudio(at)));
        if (request.amd() == AmdMode.OFF) {
            outcome = "HUMAN";
            speakToHuman(1);
            return;
        }
        AmdParams params = AmdParams.defaults().withOverrides(Map.of("awaitMachineEnd",
                request.amd() == AmdMode.END_OF_GREETING)).withOverrides(request.amdOverrides());
        AmdDetector amd = AmdDetector.create(params, ev -> exec.execute(() -> onAmd(ev)));
        amdTap = (pcm, index) -> {
            if (!amd.isDone()) {
                amd.onFrame(pcm);
            }
        };
        media.addTap(amdTap);
    }

    private void onFirstAudio(long atNanos) {
        long ms = TimeUnit.NANOSECONDS.toMillis(atNanos - (beepNanos != 0 ? beepNanos : answerNanos));
        event("first_audio", ms + " ms after " + (beepNanos != 0 ? "the end of the greeting" : "answer"));
        if (beepNanos != 0 || "HUMAN".equals(outcome) || "UNKNOWN".equals(outcome)) {
            owner.store().update(id, CallStore.Update.firstAudio(ms, beepNanos != 0));
        }
    }

    private void onAmd(AmdEvent ev) {
        if (finished || hangingUp) {
            return;
        }
        switch (ev) {
            case AmdEvent.Decision d -> onDecision(d);
            case AmdEvent.MachineEnd m -> {
                beepNanos = System.nanoTime();
                removeAmdTap();
                event(m.kind() == MachineEndKind.MACHINE_END_BEEP ? "beep" : "machine_end",
                        m.kind() + " at " + m.atMs() + " ms" + (m.beepHz() > 0 ? ", " + Math.round(m.beepHz()) + " Hz"
                                : ""));
                leaveMessage();
            }
            case AmdEvent.Tone t -> event("tone", t.tone() + (t.sitCode() == null ? "" : " " + t.sitCode()));
        }
    }

    private void onDecision(AmdEvent.Decision d) {
        outcome = d.result().name();
        String json = AmdJson.of(d);
        event("amd", d.result() + " confidence " + String.format(java.util.Locale.ROOT, "%.2f", d.confidence())
                + " after " + d.decisionMs() + " ms (" + d.evidence().reason() + ")");
        owner.store().update(id, CallStore.Update.amd(outcome, json, d.decisionMs()));
        owner.metrics().amdDecision(outcome, d.decisionMs());
        switch (d.result()) {
            case HUMAN, UNKNOWN -> {
                removeAmdTap(); // UNKNOWN gets the human message: a person taken for a machine is an abandoned call
                speakToHuman(1);
            }
            case MACHINE -> {
                if (request.amd() != AmdMode.END_OF_GREETING) {
                    removeAmdTap();
                    beepNanos = System.nanoTime();
                    leaveMessage();
                }
            }
            default -> {
                removeAmdTap();
                hangUp(Q850.NORMAL_CLEARING); // fax, SIT, no speech: nobody to talk to
            }
        }
    }

    private void speakToHuman(int round) {
        whenRendered(humanPrompt, () -> {
            event("prompt", "human message, play " + round + " of " + request.repeats());
            CollectOptions one = new CollectOptions(1, (char) 0, request.keyTimeout(), request.keyTimeout());
            media.playAndCollect(humanText, one)
                    .whenComplete((digits, e) -> exec.execute(() -> afterCollect(round, digits)));
        });
    }

    /** Runs {@code play} on the call's executor once {@code prompt} is rendered, unless the call is ending by then. */
    private void whenRendered(CompletableFuture<Void> prompt, Runnable play) {
        prompt.whenComplete((ready, err) -> exec.execute(() -> {
            if (finished || hangingUp) {
                return;
            }
            if (err != null) {
                event("prompt_failed", err.toString());
                hangUp(Q850.NORMAL_CLEARING);
                return;
            }
            play.run();
        }));
    }

    private void afterCollect(int round, String digits) {
        if (finished || hangingUp) {
            return;
        }
        if (digits == null || digits.isEmpty()) {
            if (round < request.repeats()) {
                speakToHuman(round + 1);
            } else {
                event("no_key", "no key after " + round + " plays");
                hangUp(Q850.NORMAL_CLEARING);
            }
            return;
        }
        char key = digits.charAt(0);
        event("key", String.valueOf(key));
        owner.store().update(id, CallStore.Update.key(String.valueOf(key)));
        if (KeyActions.optsOut(key)) {
            owner.ledger().add(ContactChannel.PHONE, number, ConsentSource.IVR_OPTOUT, "pressed " + key + " on call " + id);
            event("dnc_added", number + " added to the do-not-call list");
        }
        sayThenHangUp(KeyActions.goodbye(key));
    }

    private void leaveMessage() {
        if (machinePrompt == null) {
            event("no_machine_message", "hanging up on the machine");
            hangUp(Q850.NORMAL_CLEARING);
            return;
        }
        whenRendered(machinePrompt, () -> {
            event("prompt", "machine message");
            media.play(machineText, PlayOptions.DEFAULT)
                    .whenComplete((r, e) -> exec.execute(() -> hangUp(Q850.NORMAL_CLEARING)));
        });
    }

    private void sayThenHangUp(String text) {
        Playable.Tts goodbye = new Playable.Tts(text);
        whenRendered(owner.media().prefetch(goodbye), () -> {
            event("prompt", "goodbye");
            media.play(goodbye, PlayOptions.DEFAULT)
                    .whenComplete((r, e) -> exec.execute(() -> hangUp(Q850.NORMAL_CLEARING)));
        });
    }

    private void removeAmdTap() {
        if (amdTap != null) {
            media.removeTap(amdTap);
            amdTap = null;
        }
    }

    private void hangUp(int cause) {
        if (!hangingUp && legId != null) {
            hangingUp = true;
            owner.calls().hangup(legId, cause);
        }
    }

    private void event(String type, String detail) {
        timeline.event(type, detail);
    }

    private void finish(CallState state, String why, Integer sipStatus, Integer q850, String disposition,
                        String by, long talkMs) {
        if (finished) {
            return;
        }
        finished = true;
        try {
            if (media != null) {
                media.close();
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
