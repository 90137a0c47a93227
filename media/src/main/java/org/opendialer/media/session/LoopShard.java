package org.opendialer.media.session;

import io.netty.channel.EventLoop;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The legs living on one event loop, and that loop's share of each media tick. A tick request from the clock
 * thread schedules one preallocated task; if the loop is still busy with an earlier tick the requests coalesce and
 * the task catches up tick by tick — up to {@value #MAX_CATCH_UP} ticks; beyond that the loop is overloaded and
 * skips to the current tick (counted), so it still finds time for socket I/O. Sending keeps real time (a skipped
 * tick's frames are never sent late), but every leg is told how many ticks it missed and its receive side reads
 * those frames over the next ticks ({@link ReceivePath#catchUpFrame}), so analysis and recording lose nothing.
 */
final class LoopShard {

    /** Ticks a busy loop may fall behind (100 ms) before it skips to the current one. */
    private static final int MAX_CATCH_UP = 5;

    private final EventLoop loop;
    private final MediaClock clock;
    private volatile RtpMediaSession[] legs = new RtpMediaSession[0];
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long requested;
    private volatile long requestedAtNanos;
    private long done;
    private final Runnable task = this::run;
    private final TickLateness lateness = new TickLateness();
    private volatile Thread thread;

    LoopShard(EventLoop loop, MediaClock clock) {
        this.loop = loop;
        this.clock = clock;
        loop.execute(() -> thread = Thread.currentThread());
    }

    EventLoop loop() {
        return loop;
    }

    Thread thread() {
        return thread;
    }

    /** Called on the clock thread. */
    void request(long index, long scheduledNanos, boolean synchronous) {
        requestedAtNanos = scheduledNanos;
        requested = index;
        if (synchronous) {
            loop.submit(task).syncUninterruptibly();
        } else if (pending.compareAndSet(false, true)) {
            loop.execute(task);
        }
    }

    private void run() {
        pending.set(false);
        long target = requested;
        long due = requestedAtNanos;
        long wake = Math.max(0, clock.nanoTime() - due);
        lateness.wakeBuckets[(int) Math.min(lateness.wakeBuckets.length - 1, wake / 100_000)]++;
        if (done == 0) {
            done = target - 1;
        }
        if (target - done > MAX_CATCH_UP) {
            // overloaded: skip the backlog instead of never catching up, so the loop keeps time for socket I/O and
            // for binding new legs; the skipped frames are not sent but their timestamps pass (a gap the peer
            // conceals), and they are owed on receipt
            lateness.skipped += target - done - 1;
            owe(target - done - 1);
            done = target - 1;
        }
        while (done < target) {
            done++;
            RtpMediaSession[] l = legs;
            for (RtpMediaSession leg : l) {
                leg.sendTick(done);
                long now = clock.nanoTime();
                recordFrame(now - due); // when this leg's frame left, against when it was due
                if (leg.lastFrameNanos != 0) {
                    recordInterval(Math.abs(now - leg.lastFrameNanos - MediaClock.TICK_NANOS));
                }
                leg.lastFrameNanos = now;
            }
            for (RtpMediaSession leg : l) {
                leg.receiveTick(done); // DSP after every frame of the tick has left
            }
        }
        lateness.ticks++;
        lateness.maxNanos = Math.max(lateness.maxNanos, clock.nanoTime() - due);
    }

    private void owe(long ticks) {
        for (RtpMediaSession leg : legs) {
            leg.rx.owe(ticks);
            leg.tx.skip(ticks);
        }
    }

    private void recordInterval(long deviationNanos) {
        lateness.intervalBuckets[(int) Math.min(lateness.intervalBuckets.length - 1, deviationNanos / 100_000)]++;
    }

    private void recordFrame(long lateNanos) {
        long late = Math.max(0, lateNanos);
        lateness.buckets[(int) Math.min(lateness.buckets.length - 1, late / 100_000)]++;
        lateness.frames++;
    }

    void resetLateness() {
        Arrays.fill(lateness.buckets, 0);
        Arrays.fill(lateness.wakeBuckets, 0);
        Arrays.fill(lateness.intervalBuckets, 0);
        lateness.ticks = 0;
        lateness.frames = 0;
        lateness.skipped = 0;
        lateness.maxNanos = 0;
    }

    /** Adds this loop's histogram to {@code total} (racy snapshot; good enough for reporting). */
    void addTo(TickLateness total) {
        for (int i = 0; i < total.buckets.length; i++) {
            total.buckets[i] += lateness.buckets[i];
            total.wakeBuckets[i] += lateness.wakeBuckets[i];
            total.intervalBuckets[i] += lateness.intervalBuckets[i];
        }
        total.ticks += lateness.ticks;
        total.frames += lateness.frames;
        total.skipped += lateness.skipped;
        total.maxNanos = Math.max(total.maxNanos, lateness.maxNanos);
    }

    /** On the loop. */
    void add(RtpMediaSession leg) {
        if (!leg.isClosed()) {
            RtpMediaSession[] n = Arrays.copyOf(legs, legs.length + 1);
            n[legs.length] = leg;
            legs = n;
        }
    }

    /** On the loop. */
    void remove(RtpMediaSession leg) {
        RtpMediaSession[] l = legs;
        for (int i = 0; i < l.length; i++) {
            if (l[i] == leg) {
                RtpMediaSession[] n = new RtpMediaSession[l.length - 1];
                System.arraycopy(l, 0, n, 0, i);
                System.arraycopy(l, i + 1, n, i, l.length - i - 1);
                legs = n;
                return;
            }
        }
    }

    RtpMediaSession[] snapshot() {
        return legs;
    }
}
