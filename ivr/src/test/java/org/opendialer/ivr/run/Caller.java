package org.opendialer.ivr.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.opendialer.call.CallSession;
import org.opendialer.call.SessionEvent;
import org.opendialer.call.SessionListener;
import org.opendialer.media.DtmfMode;
import org.opendialer.media.FrameTap;

/**
 * The far end of a flow call, as a phone hears it: the loudness of every 20 ms frame received over RTP (and when
 * it arrived), and the session's events. Digits go out as RFC 4733 telephone-events.
 */
final class Caller {

    /** RMS above which a received frame counts as speech (TTS peaks in the thousands; silence decodes to ~0). */
    static final int VOICED_RMS = 300;

    final List<SessionEvent> events = new CopyOnWriteArrayList<>();
    final SessionListener listener = events::add;
    private final List<Integer> rms = new ArrayList<>();
    private final List<Long> arrivedNanos = new ArrayList<>();
    private final List<Long> arrivedMillis = new ArrayList<>();
    CallSession session;

    void attach(CallSession s) {
        session = s;
        s.media().addTap(tap());
    }

    private FrameTap tap() {
        return (pcm, index) -> {
            long sum = 0;
            for (short x : pcm) {
                sum += (long) x * x;
            }
            synchronized (this) {
                rms.add((int) Math.sqrt(sum / (double) pcm.length));
                arrivedNanos.add(System.nanoTime());
                arrivedMillis.add(System.currentTimeMillis());
            }
        };
    }

    synchronized int voicedFrames() {
        return (int) rms.stream().filter(r -> r > VOICED_RMS).count();
    }

    /** Frames from the first voiced one to the last one, in {@code [from, to)} of the received frames. */
    synchronized int voicedSpan() {
        return span(rms.stream().mapToInt(Integer::intValue).toArray());
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
     * Wall-clock millis when speech began again at or after {@code sinceMillis}: the first voiced frame that follows
     * at least {@code quietFrames} unvoiced ones (so the tail of an earlier prompt does not count), or -1.
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

    /** Wall-clock millis of the first received frame (the first RTP packet through the jitter buffer), or -1. */
    synchronized long firstFrameMillis() {
        return arrivedMillis.isEmpty() ? -1 : arrivedMillis.getFirst();
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

    SessionEvent.Ended ended(long seconds) throws Exception {
        return session.ended().get(seconds, TimeUnit.SECONDS);
    }
}
