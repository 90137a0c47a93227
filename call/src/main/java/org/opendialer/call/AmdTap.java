package org.opendialer.call;

import org.opendialer.amd.AmdDetector;
import org.opendialer.amd.AmdParams;
import org.opendialer.media.FrameTap;
import org.opendialer.media.echo.EchoCanceller;

/**
 * Feeds AMD what the line says without our own echo: AMD keeps listening while we play a message (async AMD), and
 * on a line that echoes, our message heard back would be a long "greeting" (a machine). The canceller passes the
 * audio through unchanged while we send silence, so AMD before we speak hears exactly what it always did.
 *
 * <p>Runs on the leg's media loop; allocates nothing per frame.
 */
final class AmdTap implements FrameTap {

    private final AmdDetector amd;
    private final EchoCanceller echo = new EchoCanceller();
    private final short[] clean = new short[EchoCanceller.FRAME];
    private final short[] silence = new short[EchoCanceller.FRAME];
    /** Ticks without any audio packet after which AMD hears them as silence (its whole analysis time). */
    private final int noAudioGrace;
    private int noAudioTicks;

    /**
     * @param noAudioGraceMs on a line that has sent no audio packet at all this long, AMD is fed digital silence for
     *                       every further tick so that it still decides: a carrier that answers and never sends
     *                       RTP left a synchronous AMD waiting for ever, and the call with it. Before the grace a
     *                       late first packet is waited for, as ever, so AMD's timeline starts with the audio.
     */
    AmdTap(AmdDetector amd, int noAudioGraceMs) {
        this.amd = amd;
        this.noAudioGrace = AmdParams.frames(noAudioGraceMs);
    }

    @Override
    public void onFrame(short[] pcm160, long frameIndex) {
        onFrame(pcm160, null, frameIndex);
    }

    @Override
    public void onFrame(short[] pcm160, short[] sent, long frameIndex) {
        if (!amd.isDone()) {
            echo.process(pcm160, sent, clean);
            amd.onFrame(clean);
        }
    }

    @Override
    public void onNoAudio() {
        if (!amd.isDone() && ++noAudioTicks > noAudioGrace) {
            amd.onFrame(silence);
        }
    }

    EchoCanceller canceller() {
        return echo;
    }
}
