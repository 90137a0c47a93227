package org.opendialer.media.session;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.opendialer.media.CollectOptions;
import org.opendialer.media.DtmfMode;
import org.opendialer.media.PlayOptions;
import org.opendialer.media.PlayResult;
import org.opendialer.media.Playable;
import org.opendialer.media.dtmf.DigitCollector;
import org.opendialer.media.dtmf.DtmfTones;

/**
 * A leg's DTMF verbs (collect, play and collect, flush, signal, send), apart from {@link RtpMediaSession}'s
 * channels, ticks and playback: each hands its work to the leg's loop, where {@link DigitRouter} and the send path's
 * DTMF queues live, and times collections in the leg's ticks.
 */
final class LegDtmf {

    private final EventLoop loop;
    private final DigitRouter digits;
    private final SendPath tx;
    /** The leg's current tick; read on the loop only. */
    private final LongSupplier tick;
    private final BooleanSupplier closed;
    private final BiFunction<Playable, PlayOptions, CompletionStage<PlayResult>> play;

    LegDtmf(EventLoop loop, DigitRouter digits, SendPath tx, LongSupplier tick, BooleanSupplier closed,
            BiFunction<Playable, PlayOptions, CompletionStage<PlayResult>> play) {
        this.loop = loop;
        this.digits = digits;
        this.tx = tx;
        this.tick = tick;
        this.closed = closed;
        this.play = play;
    }

    CompletionStage<Character> collectDigit(Duration timeout) {
        return collectDigits(new CollectOptions(1, (char) 0, timeout, timeout))
                .thenApply(s -> s.isEmpty() ? (char) 0 : s.charAt(0));
    }

    CompletionStage<String> collectDigits(CollectOptions options) {
        CompletableFuture<String> result = new CompletableFuture<>();
        loop.execute(() -> digits.addCollector(new DigitCollector(options, true, tick.getAsLong()), result));
        return result;
    }

    CompletionStage<String> playAndCollect(Playable prompt, CollectOptions options) {
        CompletableFuture<String> result = new CompletableFuture<>();
        loop.execute(() -> {
            DigitCollector c = new DigitCollector(options, false, tick.getAsLong());
            if (digits.addCollector(c, result)) {
                // a key pressed before the prompt barges in before its first word: it never starts
                c.arm(tick.getAsLong());
            } else {
                play.apply(prompt, PlayOptions.BARGE_IN)
                        .whenComplete((r, e) -> loop.execute(() -> c.arm(tick.getAsLong())));
            }
        });
        return result;
    }

    void flushDigits() {
        if (loop.inEventLoop()) {
            digits.flushTypeAhead();
        } else if (!closed.getAsBoolean() && !loop.isShuttingDown()) { // closing clears it anyway (cancelAll)
            loop.execute(digits::flushTypeAhead);
        }
    }

    void signalDigit(char digit, int durationMs) {
        loop.execute(() -> digits.onSignalled(digit, durationMs));
    }

    void sendDtmf(char digit, DtmfMode mode) {
        if (!DtmfTones.isDigit(digit)) {
            throw new IllegalArgumentException("not a DTMF digit: " + digit);
        }
        loop.execute(() -> {
            if (mode == DtmfMode.RFC4733 && tx.eventPt >= 0) {
                tx.events.enqueue(digit);
            } else {
                tx.tones.enqueue(digit); // in-band, also the fallback when the peer has no telephone-event
            }
        });
    }
}
