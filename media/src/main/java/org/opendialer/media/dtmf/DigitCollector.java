package org.opendialer.media.dtmf;

import org.opendialer.media.CollectOptions;

import java.util.concurrent.CompletableFuture;

/**
 * Collects digits against {@link CollectOptions} in media ticks (virtual time in tests). States: WAITING (for the
 * prompt to end; digits are kept), FIRST (first-digit timeout running), NEXT (inter-digit timeout running), DONE.
 * Not thread-safe: owned by the leg's event loop.
 */
public final class DigitCollector {

    private enum State { WAITING, FIRST, NEXT, DONE }

    private final CollectOptions options;
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private final StringBuilder digits = new StringBuilder();
    private State state;
    private long deadlineTick;

    /** @param armed false while a prompt plays: timeouts start at {@link #arm}, digits are collected already */
    public DigitCollector(CollectOptions options, boolean armed, long nowTick) {
        this.options = options;
        this.state = State.WAITING;
        if (armed) {
            arm(nowTick);
        }
    }

    public CompletableFuture<String> result() {
        return result;
    }

    public boolean done() {
        return state == State.DONE;
    }

    /** Starts the timeouts (the prompt has ended). */
    public void arm(long nowTick) {
        if (state == State.WAITING) {
            state = digits.isEmpty() ? State.FIRST : State.NEXT;
            deadlineTick = nowTick + ticks(digits.isEmpty() ? options.firstDigitTimeout() : options.interDigitTimeout());
        }
    }

    public void onDigit(char d, long nowTick) {
        if (state == State.DONE) {
            return;
        }
        if (d == options.terminator() && options.terminator() != 0) {
            complete();
            return;
        }
        digits.append(d);
        if (digits.length() >= options.maxDigits()) {
            complete();
            return;
        }
        if (state != State.WAITING) {
            state = State.NEXT;
            deadlineTick = nowTick + ticks(options.interDigitTimeout());
        }
    }

    public void onTick(long nowTick) {
        if ((state == State.FIRST || state == State.NEXT) && nowTick >= deadlineTick) {
            complete();
        }
    }

    public void cancel() {
        complete();
    }

    private void complete() {
        state = State.DONE;
        result.complete(digits.toString());
    }

    private static long ticks(java.time.Duration d) {
        return Math.max(1, d.toMillis() / 20);
    }
}
