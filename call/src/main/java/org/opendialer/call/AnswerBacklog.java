package org.opendialer.call;

import org.opendialer.media.FrameTap;

/**
 * What an outbound leg heard from its answer until AMD starts, so that AMD hears the line from the answer and not
 * from when the flow got round to starting it. Between the answer and AMD's tap lie the answer's event, the flow's
 * own work (storing the answer) and AMD's creation; under load that took 0.5 s, long enough for a person's whole
 * "Hello?" to pass unheard (NO_SPEECH on a line that delivered every packet).
 *
 * <p>Added to the leg at the answer; {@link #handTo} gives it AMD's tap, which then gets the kept frames (with what
 * was sent beside each, for the echo canceller) and the leg's live ones after them, in order. The live frame joins
 * the queue and {@value #REPLAY_PER_TICK} more than a tick adds are handed on per tick, the rate at which a leg
 * catches up skipped ticks, so a long backlog never holds the media loop. A flow that starts AMD {@value #MAX_FRAMES} frames after the answer or
 * later hears from its start, as before: the kept frames are then dropped.
 *
 * <p>Frames arrive on the leg's media loop; {@link #handTo} may be called from any thread. Allocates its ring at
 * the answer and again only when it must grow.
 */
final class AnswerBacklog implements FrameTap {

    /** 3 s: six times the longest delay seen under load, longer than AMD's initial silence (2.5 s). */
    static final int MAX_FRAMES = 150;
    /** Kept frames handed on per tick beside the tick's own (the media loop's catch-up rate). */
    static final int REPLAY_PER_TICK = 8;
    private static final int FRAME = 160;

    /** Frames the ring holds at first: AMD usually starts within half a second of the answer. */
    static final int FIRST_CAPACITY = 25;

    // a ring of whole frames, grown (doubled, up to MAX_FRAMES) only when a flow is slow to start AMD: every
    // answered outbound leg keeps one, most for a few frames
    private short[] heard = new short[FIRST_CAPACITY * FRAME];
    private short[] sent = new short[FIRST_CAPACITY * FRAME];
    private boolean[] sentSomething = new boolean[FIRST_CAPACITY];
    private long[] index = new long[FIRST_CAPACITY];
    private final short[] heardOut = new short[FRAME];
    private final short[] sentOut = new short[FRAME];
    private int first;
    private int count;
    /** Frames and no-audio ticks seen so far, until the backlog is handed on or expires. */
    private int seen;
    private int noAudioTicks;
    private boolean expired;
    private volatile FrameTap target;

    /** From now on {@code tap} gets the kept frames, then the live ones. */
    void handTo(FrameTap tap) {
        target = tap;
    }

    @Override
    public void onFrame(short[] pcm160, long frameIndex) {
        onFrame(pcm160, null, frameIndex);
    }

    @Override
    public void onFrame(short[] pcm160, short[] sentBeside, long frameIndex) {
        FrameTap t = target;
        if (t == null) {
            keep(pcm160, sentBeside, frameIndex);
            return;
        }
        replayNoAudio(t);
        if (count == 0) {
            t.onFrame(pcm160, sentBeside, frameIndex);
            return;
        }
        replayOne(t); // makes room: the live frame goes behind the kept ones
        keep(pcm160, sentBeside, frameIndex);
        for (int i = 0; i < REPLAY_PER_TICK && count > 0; i++) {
            replayOne(t);
        }
        if (count == 0) {
            heard = null; // all handed on: the ring is not needed again
            sent = null;
        }
    }

    @Override
    public void onNoAudio() {
        FrameTap t = target;
        if (t != null) {
            replayNoAudio(t);
            t.onNoAudio();
        } else if (!expired && ++seen <= MAX_FRAMES) {
            noAudioTicks++;
        } else {
            expire();
        }
    }

    private void keep(short[] pcm, short[] sentBeside, long frameIndex) {
        if (expired || heard == null || (target == null && ++seen > MAX_FRAMES)) {
            expire();
            return;
        }
        if (count == index.length) {
            grow();
        }
        int slot = (first + count) % index.length;
        System.arraycopy(pcm, 0, heard, slot * FRAME, FRAME);
        sentSomething[slot] = sentBeside != null;
        if (sentBeside != null) {
            System.arraycopy(sentBeside, 0, sent, slot * FRAME, FRAME);
        }
        index[slot] = frameIndex;
        count++;
    }

    private void replayOne(FrameTap t) {
        int slot = first;
        System.arraycopy(heard, slot * FRAME, heardOut, 0, FRAME);
        short[] s = null;
        if (sentSomething[slot]) {
            System.arraycopy(sent, slot * FRAME, sentOut, 0, FRAME);
            s = sentOut;
        }
        first = (first + 1) % index.length;
        count--;
        t.onFrame(heardOut, s, index[slot]);
    }

    /** Doubles the ring (at most {@value #MAX_FRAMES} frames, which {@link #keep} never exceeds), oldest first. */
    private void grow() {
        int capacity = Math.min(index.length * 2, MAX_FRAMES);
        short[] h = new short[capacity * FRAME];
        short[] s = new short[capacity * FRAME];
        boolean[] some = new boolean[capacity];
        long[] at = new long[capacity];
        for (int i = 0; i < count; i++) {
            int slot = (first + i) % index.length;
            System.arraycopy(heard, slot * FRAME, h, i * FRAME, FRAME);
            System.arraycopy(sent, slot * FRAME, s, i * FRAME, FRAME);
            some[i] = sentSomething[slot];
            at[i] = index[slot];
        }
        heard = h;
        sent = s;
        sentSomething = some;
        index = at;
        first = 0;
    }

    private void replayNoAudio(FrameTap t) {
        for (; noAudioTicks > 0; noAudioTicks--) {
            t.onNoAudio();
        }
    }

    /** AMD was not started within {@value #MAX_FRAMES} frames: drop what was kept, pass live frames only. */
    private void expire() {
        if (!expired) {
            expired = true;
            count = 0;
            noAudioTicks = 0;
            heard = null;
            sent = null;
        }
    }
}
