package org.opendialer.notifications.voice;

import static org.opendialer.notifications.voice.NotificationStep.GOODBYE;
import static org.opendialer.notifications.voice.NotificationStep.HUMAN_MESSAGE;
import static org.opendialer.notifications.voice.NotificationStep.MESSAGE_ANALYSING;
import static org.opendialer.notifications.voice.NotificationStep.TRANSFERRING;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.opendialer.call.OriginateSpec;
import org.opendialer.contacts.consent.ConsentSource;
import org.opendialer.contacts.consent.ContactChannel;
import org.opendialer.media.CollectOptions;
import org.opendialer.media.MediaSession;
import org.opendialer.media.Playable;
import org.opendialer.sip.Q850;

/**
 * The person path of a notification: the human message with barge-in and one key, repeated while no key comes;
 * then the action the request gave that key ({@link CallRequest#keyActions()}: confirm, cancel, opt out, transfer
 * to an agent) and its goodbye. Runs on the call's executor, through the call's {@link NotificationStep} table.
 */
final class KeyMenu {

    private final VoiceCall call;
    private final CallRequest request;
    private final VoiceNotifications owner;
    private final Playable.Tts humanText;
    private final CompletableFuture<Void> humanPrompt;
    private int round;
    private long playingSince;
    /** A key ended the collection: a first-audio notice arriving after it belongs to the goodbye, not the message. */
    private boolean keyed;

    KeyMenu(VoiceCall call, CallRequest request, VoiceNotifications owner) {
        this.call = call;
        this.request = request;
        this.owner = owner;
        this.humanText = new Playable.Tts(owner.render(request.humanText(), request.variables()), request.voice());
        this.humanPrompt = owner.media().prefetch(humanText);
    }

    /**
     * Plays the human message ({@code round} of the request's repeats) and waits for one key; while AMD still
     * listens (async) in MESSAGE_ANALYSING, else in HUMAN_MESSAGE.
     */
    void speak(int round) {
        if (!call.move(call.analysing() ? MESSAGE_ANALYSING : HUMAN_MESSAGE)) {
            return;
        }
        call.whenRendered(humanPrompt, () -> {
            CollectOptions one = new CollectOptions(1, (char) 0, request.keyTimeout(), request.keyTimeout());
            // play first: the timeline's write would be dead air before the first word. A key pressed since the
            // answer (while AMD listened) is the media's type-ahead: collected at once, the message never starts.
            this.round = round;
            playingSince = System.nanoTime();
            call.session().playAndCollect(humanText, one)
                    .whenComplete((digits, e) -> call.onExec(() -> afterCollect(round, digits)));
            MediaSession media = call.session().media();
            if (media.firstAudioSentAtNanos() < 0) {
                // nothing played on this call yet: the message's first packet says it really plays; a key kept
                // while AMD listened skips it (afterCollect says so) and no line may claim it played
                media.firstAudioSent().thenRun(() -> call.onExec(() -> {
                    if (this.round == round && !keyed) {
                        played(round);
                    }
                }));
            } else {
                played(round);
            }
        });
    }

    private void played(int round) {
        call.event("prompt", "human message, play " + round + " of " + request.repeats());
    }

    /** AMD said MACHINE while the human message played: it stops; says how far it got, for the timeline. */
    String cut() {
        call.session().stopPlayback();
        return "human message stopped " + (System.nanoTime() - playingSince) / 1_000_000 + " ms into play " + round
                + " of " + request.repeats();
    }

    private void afterCollect(int round, String digits) {
        if (!call.step().speaking()) {
            return;
        }
        if (digits == null || digits.isEmpty()) {
            if (round < request.repeats()) {
                speak(round + 1);
            } else {
                call.event("noKey", "no key after " + round + " plays");
                call.hangUp(Q850.NORMAL_CLEARING);
            }
            return;
        }
        String key = digits.substring(0, 1);
        boolean typedAhead = call.session().media().firstAudioSentAtNanos() < 0;
        keyed = true;
        if (typedAhead) {
            call.event("prompt", "human message skipped: " + key + " pressed before it began");
        }
        call.personPressed(key);
        KeyAction action = request.keyActions().get(key);
        call.event("key", action == null ? key : key + " " + action.kind().json());
        owner.store().update(call.id(), CallStore.Update.key(key));
        if (action == null) {
            sayThenHangUp(KeyActions.OTHER);
            return;
        }
        switch (action.kind()) {
            case OPT_OUT -> {
                owner.ledger().add(ContactChannel.PHONE, call.number(), ConsentSource.IVR_OPTOUT,
                        "pressed " + key + " on call " + call.id());
                call.event("dncAdded", call.number() + " added to the do-not-call list");
                sayThenHangUp(action.goodbye());
            }
            case CONFIRM, CANCEL -> sayThenHangUp(action.goodbye());
            case AGENT -> transfer(action);
        }
    }

    private void sayThenHangUp(String text) {
        call.move(GOODBYE);
        say(text, () -> call.hangUp(Q850.NORMAL_CLEARING));
    }

    /** Says {@code template} (Mustache over the request's variables), then runs {@code next} on the executor. */
    private void say(String template, Runnable next) {
        String text = owner.render(template, request.variables());
        Playable.Tts words = new Playable.Tts(text, request.voice());
        call.whenRendered(owner.media().prefetch(words), () -> {
            call.event("prompt", "goodbye: " + text);
            call.session().play(words).whenComplete((r, e) -> call.onExec(next));
        });
    }

    /**
     * The agent key: the goodbye (if any) is said, then the call is transferred to the key's number over the call's
     * trunk group; it ends when either side hangs up. A transfer that fails ends the call.
     */
    private void transfer(KeyAction action) {
        call.move(TRANSFERRING);
        Runnable go = () -> {
            call.event("transfer", action.to());
            OriginateSpec to = new OriginateSpec(action.to(), request.from(), request.trunkGroup(), null, false,
                    Map.of("X-Dialer-Call-Id", call.id().toString()), request.toneCountry());
            call.session().transfer(to).whenComplete((leg, err) -> call.onExec(() -> {
                if (call.step() != TRANSFERRING) {
                    return;
                }
                if (err != null) {
                    call.event("transferFailed", String.valueOf(err.getCause() != null ? err.getCause() : err));
                    call.hangUp(Q850.NORMAL_CLEARING);
                } else {
                    call.event("transferred", "to call " + leg.callId());
                }
            }));
        };
        if (action.goodbye().isEmpty()) {
            go.run();
        } else {
            say(action.goodbye(), go);
        }
    }
}
