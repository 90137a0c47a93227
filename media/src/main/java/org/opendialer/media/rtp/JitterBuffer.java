package org.opendialer.media.rtp;

import io.netty.buffer.ByteBuf;
import org.opendialer.media.codec.G711;

/**
 * Fixed-delay jitter buffer indexed by RTP timestamp, with simple loss concealment.
 *
 * <p>Payloads are decoded straight into a ring of 8 kHz PCM on arrival, so reordered packets, duplicates and any
 * ptime fall into place by timestamp. The media clock pulls one 20 ms frame per tick with {@link #read}; ticks an
 * overloaded loop skipped are {@link #owe owed}, and {@link #readOwed} hands out owed frames that have arrived, so
 * the playout point returns to its delay behind the sender instead of drifting until the ring overflows. Playout
 * starts {@code depthFrames} frames behind the first packet (the priming delay). A missing frame is concealed by
 * repeating the last good frame at half amplitude per repetition, then silence (after three). A packet later than
 * the playout point is dropped; one further ahead of it than the ring holds (sender restarted its timeline, or the
 * reader fell that far behind) resynchronises the buffer, discarding the frames not yet played.
 * After {@link #IDLE_FRAMES} frames without audio the buffer goes idle and reprimes on the next packet.
 *
 * <p>Preallocated; no allocation per packet or frame. Not thread-safe: owned by the session's event loop.
 */
public final class JitterBuffer {

    /** Frames without any packet after which the stream is considered paused (1 s). */
    public static final int IDLE_FRAMES = 50;
    private static final int N = G711.FRAME_SAMPLES;

    private final int capacityFrames;
    private final int depthFrames;
    private final short[] ring;
    private final long[] frameTag;
    private final short[] lastGood = new short[N];

    private boolean playing;
    private long origin;          // extended timestamp of playout frame 0
    private long playFrame;       // next frame number to play
    private long newestFrame;     // highest frame number written
    private int concealRun;
    private int framesSincePacket;
    private long lastExtTs;
    private boolean haveTs;

    private long framesPlayed;
    private long framesConcealed;
    private long framesUnderrun;
    private long packetsLate;
    private long resyncs;
    private long framesDiscarded;
    private long framesCaughtUp;
    /** Reads owed for skipped ticks: how far the playout point is behind where the media clock says it should be. */
    private int owed;

    /**
     * @param depthFrames    playout delay in 20 ms frames (2..capacity/2); 3 = 60 ms is a good LAN/WAN default
     * @param capacityFrames ring size in frames; packets further ahead than this force a resync
     */
    public JitterBuffer(int depthFrames, int capacityFrames) {
        if (depthFrames < 1 || depthFrames > capacityFrames / 2) {
            throw new IllegalArgumentException("depthFrames: need 1..capacityFrames/2, was " + depthFrames);
        }
        this.depthFrames = depthFrames;
        this.capacityFrames = capacityFrames;
        this.ring = new short[capacityFrames * N];
        this.frameTag = new long[capacityFrames];
        java.util.Arrays.fill(frameTag, -1);
    }

    /** Extends a 32-bit RTP timestamp to 64 bits relative to the previous one (handles wrap both ways). */
    public long unwrap(long timestamp32) {
        if (!haveTs) {
            haveTs = true;
            lastExtTs = timestamp32 + (1L << 32); // room below for reordered packets right after the start
            return lastExtTs;
        }
        int delta = (int) (timestamp32 - lastExtTs);
        long ext = lastExtTs + delta;
        if (delta > 0) {
            lastExtTs = ext;
        }
        return ext;
    }

    /**
     * Decodes {@code len} G.711 bytes at {@code buf[offset..]} into the frame(s) starting at extended timestamp
     * {@code extTs}.
     */
    public void write(long extTs, ByteBuf buf, int offset, int len, G711 codec) {
        if (!playing) {
            playing = true;
            origin = extTs - (long) depthFrames * N;
            playFrame = 0;
            newestFrame = -1;
            concealRun = 0;
            java.util.Arrays.fill(frameTag, -1);
        }
        long rel = extTs - origin;
        if (rel < playFrame * N) {
            packetsLate++;
            return;
        }
        if (rel + len > (playFrame + capacityFrames) * N) {
            resyncs++;
            discardUnplayed();
            origin = extTs - (long) depthFrames * N - playFrame * N;
            rel = extTs - origin;
            owed = 0; // the playout point is now the usual delay behind this packet: nothing is owed any more
        }
        framesSincePacket = 0;
        int ringSamples = ring.length;
        for (int i = 0; i < len; i++) {
            ring[(int) ((rel + i) % ringSamples)] = codec.decode(buf.getByte(offset + i));
        }
        long first = rel / N;
        long last = (rel + len - 1) / N;
        for (long f = first; f <= last; f++) {
            frameTag[(int) (f % capacityFrames)] = f;
        }
        newestFrame = Math.max(newestFrame, last);
    }

    /**
     * Marks {@code len} samples from {@code extTs} as silence: the time an RFC 4733 event replaced the audio
     * (§2.5.1.1), so it is neither concealed with old audio nor counted as loss.
     */
    public void writeSilence(long extTs, int len) {
        if (!playing) {
            return;
        }
        long rel = extTs - origin;
        long first = Math.max(rel, playFrame * N);
        long end = Math.min(rel + len, (playFrame + capacityFrames) * N);
        if (first >= end) {
            return;
        }
        int ringSamples = ring.length;
        for (long s = first; s < end; s++) {
            ring[(int) (s % ringSamples)] = 0;
        }
        for (long f = first / N; f <= (end - 1) / N; f++) {
            frameTag[(int) (f % capacityFrames)] = f;
        }
        newestFrame = Math.max(newestFrame, (end - 1) / N);
        framesSincePacket = 0;
    }

    /** Forgets the current stream (SSRC change, hold); the next packet reprimes. */
    public void reset() {
        if (playing) {
            discardUnplayed();
        }
        playing = false;
        haveTs = false;
        owed = 0;
    }

    private void discardUnplayed() {
        for (int i = 0; i < capacityFrames; i++) {
            if (frameTag[i] >= playFrame) {
                framesDiscarded++;
            }
            frameTag[i] = -1;
        }
    }

    /**
     * Records {@code ticks} reads the media clock skipped (an overloaded loop). Ignored while idle: the next
     * packet reprimes relative to its own arrival. Capped at the ring's size, beyond which the ring has resynced.
     */
    public void owe(long ticks) {
        if (playing) {
            owed = (int) Math.min(capacityFrames, owed + ticks);
        }
    }

    /**
     * Reads one owed frame into {@code out} if one is owed and it (or a later frame) has arrived; a frame not
     * yet here is left for a later call, so catching up never plays the future as concealment.
     *
     * @return false when nothing is owed or nothing owed has arrived yet
     */
    public boolean readOwed(short[] out) {
        if (owed == 0 || !playing || playFrame > newestFrame) {
            return false;
        }
        owed--;
        framesCaughtUp++;
        return read(out);
    }

    /**
     * Fills {@code out[0..160)} with the next frame.
     *
     * @return false if the buffer is idle (nothing received yet or paused); {@code out} then holds silence
     */
    public boolean read(short[] out) {
        if (!playing) {
            java.util.Arrays.fill(out, 0, N, (short) 0);
            return false;
        }
        long f = playFrame++;
        int slot = (int) (f % capacityFrames);
        if (frameTag[slot] == f) {
            System.arraycopy(ring, slot * N, out, 0, N);
            System.arraycopy(out, 0, lastGood, 0, N);
            frameTag[slot] = -1;
            concealRun = 0;
            framesPlayed++;
        } else if (f < depthFrames && newestFrame >= depthFrames) {
            java.util.Arrays.fill(out, 0, N, (short) 0); // priming delay, not loss
        } else {
            conceal(out, f);
        }
        if (++framesSincePacket > IDLE_FRAMES && f > newestFrame) {
            playing = false;
            owed = 0;
        }
        return true;
    }

    private void conceal(short[] out, long f) {
        if (concealRun < 3) {
            for (int i = 0; i < N; i++) {
                lastGood[i] = (short) (lastGood[i] >> 1);
            }
            System.arraycopy(lastGood, 0, out, 0, N);
        } else {
            java.util.Arrays.fill(out, 0, N, (short) 0);
        }
        concealRun++;
        if (f <= newestFrame) {
            framesConcealed++;
        } else {
            framesUnderrun++;
        }
    }

    public long framesPlayed() {
        return framesPlayed;
    }

    /** Frames that were due but missing while later ones had arrived (lost, or later than the playout delay). */
    public long framesConcealed() {
        return framesConcealed;
    }

    /** Frames that were due when nothing newer had arrived (sender paused, or packets behind the playout delay). */
    public long framesUnderrun() {
        return framesUnderrun;
    }

    public long packetsLate() {
        return packetsLate;
    }

    public long resyncs() {
        return resyncs;
    }

    /** Frames received but thrown away unplayed: at a resync, or when the source changed ({@link #reset}). */
    public long framesDiscarded() {
        return framesDiscarded;
    }

    /** Frames read for skipped ticks ({@link #readOwed}). */
    public long framesCaughtUp() {
        return framesCaughtUp;
    }

    public boolean playing() {
        return playing;
    }
}
