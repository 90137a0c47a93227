package org.opendialer.ivr.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.opendialer.call.CallSession;
import org.opendialer.call.SessionEvent;
import org.opendialer.call.SessionListener;
import org.opendialer.media.DtmfMode;

/**
 * The far end of a flow call, as a phone hears it, on two tracks: every 20 ms frame played out of its jitter
 * buffer ({@link #heard}), and every audio packet as it arrived at its socket, before that buffer ({@link #wire}).
 * Each keeps the loudness of what came and when. Digits go out as RFC 4733 telephone-events.
 */
final class Caller {

    /** RMS above which a received frame counts as speech (TTS peaks in the thousands; silence decodes to ~0). */
    static final int VOICED_RMS = 300;

    final List<SessionEvent> events = new CopyOnWriteArrayList<>();
    final SessionListener listener = events::add;
    /** Frames after the caller's jitter buffer (3 frames deep, our engine's default): what the ear gets. */
    final Track heard = new Track();
    /** Packets as read from the caller's socket: what the wire delivers (our send time plus loopback transit). */
    final Track wire = new Track();
    CallSession session;

    void attach(CallSession s) {
        session = s;
        s.media().addTap((pcm, index) -> heard.add(pcm, pcm.length));
        s.media().addPacketTap((pcm, n, ts, marker) -> wire.add(pcm, n));
    }

    /** Loudness and arrival time of each frame or packet of one track. */
    static final class Track {
        private final List<Integer> rms = new ArrayList<>();
        private final List<Long> arrivedNanos = new ArrayList<>();
        private final List<Long> arrivedMillis = new ArrayList<>();

        void add(short[] pcm, int n) {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += (long) pcm[i] * pcm[i];
            }
            synchronized (this) {
                rms.add((int) Math.sqrt(sum / (double) Math.max(1, n)));
                arrivedNanos.add(System.nanoTime());
                arrivedMillis.add(System.currentTimeMillis());
            }
        }

        /** System.nanoTime() when the first voiced frame arrived at or after {@code sinceNanos}, or -1. */
        synchronized long firstVoiceAfter(long sinceNanos) {
            for (int i = 0; i < rms.size(); i++) {
                if (arrivedNanos.get(i) >= sinceNanos && rms.get(i) > VOICED_RMS) {
                    return arrivedNanos.get(i);
                }
            }
            return -1;
        }

        /**
         * Wall-clock millis when speech began again at or after {@code sinceMillis}: the first voiced frame that
         * follows at least {@code quietFrames} unvoiced ones (so the tail of an earlier prompt does not count), or -1.
         */
        synchronized long onsetAfterMillis(long sinceMillis, int quietFrames) {
            int quiet = 0;
            for (int i = 0; i < rms.size(); i++) {
                boolean voiced = rms.get(i) > VOICED_RMS;
                if (voiced && quiet >= quietFrames && arrivedMillis.get(i) >= sinceMillis) {
                    return arrivedMillis.get(i);
                }
                quiet = voiced ? 0 : quiet + 1;
            }
            return -1;
        }

        /** Wall-clock millis of the first frame, or -1. */
        synchronized long firstMillis() {
            return arrivedMillis.isEmpty() ? -1 : arrivedMillis.getFirst();
        }

        synchronized int voicedFrames() {
            return (int) rms.stream().filter(r -> r > VOICED_RMS).count();
        }

        synchronized int voicedSpan() {
            return span(rms.stream().mapToInt(Integer::intValue).toArray());
        }

        /** Frames or packets since the last voiced one, or -1 before any voice. */
        synchronized int quietSinceVoice() {
            for (int i = rms.size() - 1; i >= 0; i--) {
                if (rms.get(i) > VOICED_RMS) {
                    return rms.size() - 1 - i;
                }
            }
            return -1;
        }
    }

    int voicedFrames() {
        return heard.voicedFrames();
    }

    /** Span (frames) from the first to the last voiced frame of a signal given as per-frame RMS values. */
    static int span(int[] frameRms) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < frameRms.length; i++) {
            if (frameRms[i] > VOICED_RMS) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        return first < 0 ? 0 : last - first + 1;
    }

    /** Longest run of unvoiced frames between the first and the last voiced frame (a pause inside speech). */
    static int longestPause(int[] frameRms) {
        int longest = 0;
        int run = -1; // -1 until the first voiced frame: leading silence is no pause
        for (int r : frameRms) {
            if (r > VOICED_RMS) {
                longest = Math.max(longest, Math.max(run, 0));
                run = 0;
            } else if (run >= 0) {
                run++;
            }
        }
        return longest;
    }

    /** Per-frame RMS of 8 kHz audio, 160 samples a frame. */
    static int[] frameRms(short[] pcm) {
        int[] out = new int[pcm.length / 160];
        for (int f = 0; f < out.length; f++) {
            long sum = 0;
            for (int i = 0; i < 160; i++) {
                sum += (long) pcm[f * 160 + i] * pcm[f * 160 + i];
            }
            out[f] = (int) Math.sqrt(sum / 160.0);
        }
        return out;
    }

    void press(String digits) {
        for (char d : digits.toCharArray()) {
            session.media().sendDtmf(d, DtmfMode.RFC4733);
        }
    }

    /** Waits (bounded) until at least {@code frames} voiced frames were heard. */
    void awaitVoice(int frames, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (voicedFrames() < frames) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("heard " + voicedFrames() + " voiced frames, not " + frames + ", in " + seconds
                        + " s; events " + events);
            }
            Thread.sleep(10);
        }
    }

    /**
     * Waits (bounded) until {@code packets} unvoiced packets arrived after the last voiced one: speech has ended on
     * the wire when that is more than its longest pause (our engine sends silence packets when nothing plays).
     */
    void awaitQuietOnTheWire(int packets, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (wire.quietSinceVoice() < packets) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + packets + " quiet packets after voice in " + seconds + " s (had "
                        + wire.quietSinceVoice() + "); events " + events);
            }
            Thread.sleep(10);
        }
    }

    SessionEvent.Ended ended(long seconds) throws Exception {
        return session.ended().get(seconds, TimeUnit.SECONDS);
    }
}
