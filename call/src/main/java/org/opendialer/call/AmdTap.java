package org.opendialer.call;

import org.opendialer.amd.AmdDetector;
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

    AmdTap(AmdDetector amd) {
        this.amd = amd;
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

    EchoCanceller canceller() {
        return echo;
    }
}
