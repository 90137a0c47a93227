package org.opendialer.media.session;

import org.opendialer.media.DtmfEvent;
import org.opendialer.media.DtmfListener;
import org.opendialer.media.DtmfSource;
import org.opendialer.media.dtmf.DigitCollector;
import org.opendialer.media.dtmf.InbandDtmfDetector;
import org.opendialer.media.dtmf.Rfc4733Receiver;
import org.opendialer.media.play.Player;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where a leg's received digits go, from either detector or from signalling: digit starts interrupt barge-in playback; digit ends
 * reach listeners and collectors. A digit that arrives as RFC 4733 and also as tones in the audio (some gateways
 * send both) is reported once. A digit no collector is waiting for (pressed during a greeting, before a menu or
 * between two collects) is kept as type-ahead and handed to the next collector before any later digit, until
 * the leg is bridged, unbridged or answered ({@link #flushTypeAhead}). Runs on the leg's event loop, except listener
 * registration.
 */
final class DigitRouter implements Rfc4733Receiver.Listener, InbandDtmfDetector.Listener {

    private static final int DUPLICATE_WINDOW_TICKS = 30;
    /** Type-ahead kept at most; when full the oldest key goes (the latest keys are what the caller means now). */
    static final int TYPE_AHEAD_LIMIT = 32;

    private final Player player;
    private final List<DtmfListener> listeners = new CopyOnWriteArrayList<>();
    private final List<DigitCollector> collectors = new ArrayList<>();
    private final ArrayDeque<Character> typeAhead = new ArrayDeque<>(TYPE_AHEAD_LIMIT);
    private char lastEventDigit;
    private long lastEventTick = -1000;
    private long tick;
    long received;
    long typeAheadDropped;

    DigitRouter(Player player) {
        this.player = player;
    }

    void addListener(DtmfListener l) {
        listeners.add(l);
    }

    /**
     * Starts {@code c}, whose digits complete {@code into}; it first takes the type-ahead in order until it is done
     * (digits it leaves stay for the next collector). True when it took any, so a barge-in prompt need not start.
     */
    boolean addCollector(DigitCollector c, CompletableFuture<String> into) {
        c.result().whenComplete((s, e) -> into.complete(s));
        boolean took = false;
        while (!c.done() && !typeAhead.isEmpty()) {
            c.onDigit(typeAhead.poll(), tick);
            took = true;
        }
        collectors.add(c);
        return took;
    }

    @Override
    public void onEventStart(char digit) {
        player.onDigit(digit);
    }

    @Override
    public void onEventEnd(char digit, int durationMs) {
        lastEventDigit = digit;
        lastEventTick = tick;
        deliver(digit, DtmfSource.RFC4733, durationMs);
    }

    @Override
    public void onDigitStart(char digit, long startSample) {
        player.onDigit(digit);
    }

    @Override
    public void onDigitEnd(char digit, long startSample, long samples) {
        if (digit == lastEventDigit && tick - lastEventTick <= DUPLICATE_WINDOW_TICKS) {
            return;
        }
        deliver(digit, DtmfSource.INBAND, (int) (samples / 8));
    }

    /** A digit from signalling (SIP INFO) has no start/end pair: it interrupts and is delivered at once. */
    void onSignalled(char digit, int durationMs) {
        player.onDigit(digit);
        deliver(digit, DtmfSource.SIP_INFO, durationMs);
    }

    private void deliver(char digit, DtmfSource source, int durationMs) {
        received++;
        DtmfEvent event = new DtmfEvent(digit, source, durationMs);
        for (DtmfListener l : listeners) {
            l.onDtmf(event);
        }
        boolean taken = false;
        for (int i = 0; i < collectors.size(); i++) {
            DigitCollector c = collectors.get(i);
            if (!c.done()) { // a finished collector stays listed until the next tick: it must not swallow the digit
                c.onDigit(digit, tick);
                taken = true;
            }
        }
        if (!taken) {
            if (typeAhead.size() == TYPE_AHEAD_LIMIT) {
                typeAhead.poll();
                typeAheadDropped++;
            }
            typeAhead.add(digit);
        }
    }

    /** Runs collector timeouts (virtual time: media ticks). */
    void onTick(long now) {
        tick = now;
        for (int i = collectors.size() - 1; i >= 0; i--) {
            DigitCollector c = collectors.get(i);
            c.onTick(now);
            if (c.done()) {
                collectors.remove(i);
            }
        }
    }

    /**
     * Drops the type-ahead (collectors keep running): keys typed for one party must not answer the next one's
     * menu, so a leg handed to another party starts clean, as FreeSWITCH flushes a channel's queued DTMF when it
     * resets a session for a bridge.
     */
    void flushTypeAhead() {
        typeAhead.clear();
    }

    void cancelAll() {
        collectors.forEach(DigitCollector::cancel);
        collectors.clear();
        typeAhead.clear();
    }
}
