package org.opendialer.demo;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.opendialer.call.CallSession;
import org.opendialer.call.SessionEndedException;
import org.opendialer.media.DtmfMode;
import org.opendialer.media.FrameTap;
import org.opendialer.sip.CallControl;
import org.opendialer.sip.Q850;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the far end of one call does, as its rule's {@link Behaviour} says; runs on its own virtual thread and
 * blocks on the session's futures. It ends when the caller hangs up or the script has nothing left to do.
 */
final class CallScript implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(CallScript.class);
    /** How long a no-answer number rings at most before the network gives up (480, Q.850 19). */
    private static final Duration NO_ANSWER_CAP = Duration.ofMinutes(2);
    /** A frame louder than this (mean absolute 16-bit sample) counts as hearing the caller. */
    private static final int HEARD_LEVEL = 300;
    /** A person presses the key after hearing this much of the caller's prompt (50 frames = 1 s). */
    private static final int FRAMES_BEFORE_KEY = 50;

    private final DemoCarrier carrier;
    private final CallControl sip;
    private final CallSession s;
    private final PatternTable.Rule rule;

    CallScript(DemoCarrier carrier, CallControl sip, CallSession s, PatternTable.Rule rule) {
        this.carrier = carrier;
        this.sip = sip;
        this.s = s;
        this.rule = rule;
    }

    @Override
    public void run() {
        s.ended().whenComplete((e, t) -> carrier.ended.increment());
        try {
            switch (rule.behaviour()) {
                case PERSON -> person();
                case VOICEMAIL -> voicemail();
                case BUSY -> s.reject(Q850.USER_BUSY);
                case NO_ANSWER -> {
                    if (!ring(NO_ANSWER_CAP)) {
                        s.reject(Q850.NO_ANSWER);
                    }
                }
                case SIT -> {
                    s.earlyAnswer().join();
                    s.play(DemoAudio.SIT).join();
                    s.reject(Q850.UNALLOCATED_NUMBER);
                }
                case FAX -> {
                    if (answerAfterRinging()) {
                        s.play(DemoAudio.CNG).join();
                        hangUpAfter(Duration.ZERO);
                    }
                }
                case UNREACHABLE -> s.reject(Q850.DESTINATION_OUT_OF_ORDER);
            }
        } catch (RuntimeException e) {
            if (!(rootCause(e) instanceof SessionEndedException)) {
                log.warn("demo call {} ({}) failed: {}", s.callId(), rule.behaviour(), e.toString());
                s.hangup(Q850.TEMPORARY_FAILURE);
            }
        }
    }

    private void person() {
        if (!answerAfterRinging()) {
            return;
        }
        CompletableFuture<Void> heardPrompt = new CompletableFuture<>();
        if (rule.key() != 0) {
            AtomicInteger loud = new AtomicInteger();
            FrameTap tap = (pcm, i) -> {
                if (level(pcm) > HEARD_LEVEL && loud.incrementAndGet() == FRAMES_BEFORE_KEY) {
                    heardPrompt.complete(null);
                }
            };
            // listen only after our hello, so its own echo-free silence is not mistaken for the caller
            s.play(carrier.audio().hello()).join();
            s.media().addTap(tap);
            if (awaitOrEnd(heardPrompt, carrier.maxCall())) {
                s.media().removeTap(tap);
                s.media().sendDtmf(rule.key(), DtmfMode.RFC4733);
                carrier.keysPressed.increment();
            }
        } else {
            s.play(carrier.audio().hello()).join();
        }
        hangUpAfter(carrier.maxCall());
    }

    private void voicemail() {
        if (answerAfterRinging()) {
            s.play(carrier.audio().greeting()).join();
            s.play(DemoAudio.BEEP).join();
            hangUpAfter(carrier.maxCall()); // "records" until the caller hangs up
        }
    }

    /** 180, the rule's ring time, then 200; false when the caller gave up first. */
    private boolean answerAfterRinging() {
        if (ring(rule.ring())) {
            return false;
        }
        s.answer().join();
        carrier.answered.increment();
        return true;
    }

    /** Rings for {@code d}; true when the call ended meanwhile (the caller cancelled). */
    private boolean ring(Duration d) {
        sip.ringing(s.callId());
        return d.isZero() ? s.ended().isDone() : awaitEnd(d);
    }

    /** Waits for the caller to hang up; hangs up itself after {@code d}. */
    private void hangUpAfter(Duration d) {
        if (!awaitEnd(d)) {
            s.hangup(Q850.NORMAL_CLEARING).join();
        }
    }

    private boolean awaitEnd(Duration d) {
        try {
            s.ended().get(Math.max(1, d.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Waits for {@code f} or the call's end, at most {@code d}; true when {@code f} completed normally. */
    private boolean awaitOrEnd(CompletableFuture<?> f, Duration d) {
        try {
            CompletableFuture.anyOf(f, s.ended()).get(Math.max(1, d.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return f.isDone() && !f.isCompletedExceptionally();
    }

    private static int level(short[] pcm) {
        long sum = 0;
        for (short v : pcm) {
            sum += Math.abs(v);
        }
        return (int) (sum / pcm.length);
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
