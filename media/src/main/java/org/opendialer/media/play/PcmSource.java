package org.opendialer.media.play;

/** Plays a rendered 8 kHz buffer once; the last partial frame is padded with silence. */
public final class PcmSource implements FrameSource {

    private final short[] pcm;
    private int position;

    public PcmSource(short[] pcm) {
        this.pcm = pcm;
    }

    @Override
    public boolean read(short[] out) {
        if (position >= pcm.length) {
            return false;
        }
        int n = Math.min(160, pcm.length - position);
        System.arraycopy(pcm, position, out, 0, n);
        if (n < 160) {
            java.util.Arrays.fill(out, n, 160, (short) 0);
        }
        position += n;
        return true;
    }
}
