package org.opendialer.notifications.voice;

import static org.opendialer.notifications.voice.NotificationStep.ANALYSING;
import static org.opendialer.notifications.voice.NotificationStep.HUMAN_MESSAGE;
import static org.opendialer.notifications.voice.NotificationStep.MACHINE_MESSAGE;
import static org.opendialer.notifications.voice.NotificationStep.MACHINE_WAIT;
import static org.opendialer.notifications.voice.NotificationStep.MESSAGE_ANALYSING;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.opendialer.amd.AmdEvent;
import org.opendialer.amd.AmdParams;
import org.opendialer.amd.MachineEndKind;
import org.opendialer.media.MediaStats;
import org.opendialer.call.SessionEvent;
import org.opendialer.media.Playable;
import org.opendialer.sip.Q850;

/**
 * The AMD side of one voice notification: starts AMD with the request's parameters, acts on its decision (the
 * person path through {@link KeyMenu}, the machine path: wait for the beep, leave the machine message; UNKNOWN per
 * {@link CallRequest#amdUnknown()}) and, with {@link AmdMode#ASYNC}, cuts the human message on a machine. Runs on
 * the call's executor, through the call's {@link NotificationStep} table.
 */
final class VoiceAmd {

    private final VoiceCall call;
    private final CallRequest request;
    private final VoiceNotifications owner;
    private final KeyMenu menu;
    private final Playable.Tts machineText;
    private final CompletableFuture<Void> machinePrompt;
    /** When the machine's greeting ended (beep, silence, or the decision when no beep is awaited); 0 before. */
    private long beepNanos;

    VoiceAmd(VoiceCall call, CallRequest request, VoiceNotifications owner, KeyMenu menu) {
        this.call = call;
        this.request = request;
        this.owner = owner;
        this.menu = menu;
        // rendered while the phone rings, like the human message
        this.machineText = request.machineText().isEmpty() || request.amd() == AmdMode.OFF ? null
                : new Playable.Tts(owner.render(request.machineText(), request.variables()), request.voice());
        this.machinePrompt = machineText == null ? null : owner.media().prefetch(machineText);
    }

    void start() {
        AmdParams params = call.session().defaultAmdParams().withOverrides(Map.of("awaitMachineEnd",
                request.amd().awaitsMachineEnd())).withOverrides(request.amdOverrides());
        call.session().startAmd(params); // its decision and beep arrive as session events
    }

    long beepNanos() {
        return beepNanos;
    }

    /** AMD async: while it still listens, the human message plays in MESSAGE_ANALYSING. */
    boolean analysing() {
        return request.amd() == AmdMode.ASYNC && (call.step() == NotificationStep.ANSWERED
                || call.step() == MESSAGE_ANALYSING);
    }

    /** A key during the message: only a person presses one, so AMD (if still listening) is not needed any more. */
    void personPressed(String key) {
        if (call.step() == MESSAGE_ANALYSING) {
            call.session().stopAmd();
            call.outcome("HUMAN");
            call.event("amdStopped", "key " + key + " pressed before AMD decided: a person");
        }
    }

    void onDecision(AmdEvent.Decision d) {
        NotificationStep step = call.step();
        if (step != ANALYSING && step != MESSAGE_ANALYSING) {
            return;
        }
        String outcome = d.result().name();
        call.outcome(outcome);
        // what the line delivered while AMD listened: a silence decision on audio that came late or not at all (a
        // starved peer, lost packets) is told apart from one on a quiet line
        MediaStats line = call.session().media().stats();
        call.event("amd", d.result() + " confidence " + String.format(Locale.ROOT, "%.2f", d.confidence())
                + " after " + d.decisionMs() + " ms (" + d.evidence().reason() + "); line: " + line.packetsIn()
                + " packets in, " + line.packetsLate() + " late, " + line.framesUnderrun() + " frames missing, "
                + line.framesConcealed() + " concealed, " + line.jitterResyncs() + " resyncs, "
                + line.framesCaughtUp() + " caught up late");
        owner.store().update(call.id(), CallStore.Update.amd(outcome, AmdJson.of(d), d.decisionMs()));
        owner.metrics().amdDecision(outcome, d.decisionMs());
        boolean speaking = step == MESSAGE_ANALYSING;
        switch (d.result()) {
            case HUMAN -> asPerson(speaking);
            case UNKNOWN -> onUnknown(speaking);
            // async: someone listening in silence may be a person; sync: nobody to talk to
            case NO_SPEECH -> {
                if (speaking) {
                    call.move(HUMAN_MESSAGE);
                } else {
                    call.hangUp(Q850.NORMAL_CLEARING);
                }
            }
            case MACHINE -> {
                if (speaking) {
                    call.move(MACHINE_WAIT);
                    call.event("messageCut", menu.cut() + ": AMD decided MACHINE");
                } else if (request.amd().awaitsMachineEnd()) {
                    call.move(MACHINE_WAIT);
                } else {
                    machineMessageNow();
                }
            }
            default -> call.hangUp(Q850.NORMAL_CLEARING); // fax, SIT: nobody to talk to
        }
    }

    /** A person's decision: the human message, or (async) the one playing goes on without AMD. */
    private void asPerson(boolean speaking) {
        if (speaking) {
            call.move(HUMAN_MESSAGE);
        } else {
            menu.speak(1);
        }
    }

    private void onUnknown(boolean speaking) {
        AmdUnknownAction action = request.amdUnknown();
        if (action != AmdUnknownAction.AS_PERSON) {
            call.event("amdUnknown", action.name() + (speaking ? ": " + menu.cut() : ""));
        }
        switch (action) {
            case AS_PERSON -> asPerson(speaking);
            case AS_MACHINE -> {
                if (speaking) {
                    call.move(MACHINE_WAIT); // the message was cut: the machine's path, with no beep to wait for
                }
                machineMessageNow();
            }
            case HANG_UP -> call.hangUp(Q850.NORMAL_CLEARING);
        }
    }

    /** The machine message without waiting for a beep (AMD stops listening for one). */
    private void machineMessageNow() {
        call.session().stopAmd();
        beepNanos = System.nanoTime();
        leaveMessage();
    }

    void onMachineEnd(SessionEvent.Beep b) {
        if (call.step() != MACHINE_WAIT) {
            return;
        }
        beepNanos = System.nanoTime();
        call.event(b.kind() == MachineEndKind.MACHINE_END_BEEP ? "beep" : "machineEnd", b.kind() + " at "
                + b.audioMs() + " ms" + (b.beepHz() > 0 ? ", " + Math.round(b.beepHz()) + " Hz" : ""));
        leaveMessage();
    }

    private void leaveMessage() {
        if (machinePrompt == null) {
            call.event("noMachineMessage", "hanging up on the machine");
            call.hangUp(Q850.NORMAL_CLEARING);
            return;
        }
        if (!call.move(MACHINE_MESSAGE)) {
            return;
        }
        call.whenRendered(machinePrompt, () -> {
            call.event("prompt", "machine message");
            call.session().play(machineText).whenComplete((r, e) -> call.onExec(() -> call.hangUp(Q850.NORMAL_CLEARING)));
        });
    }
}
