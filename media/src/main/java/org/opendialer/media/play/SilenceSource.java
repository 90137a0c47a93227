package org.opendialer.media.play;

/** {@code frames} frames of silence. */
public final class SilenceSource implements FrameSource {

    private int left;

    public SilenceSource(int frames) {
        this.left = frames;
    }

    @Override
    public boolean read(short[] out) {
        if (left <= 0) {
            return false;
        }
        left--;
        java.util.Arrays.fill(out, 0, 160, (short) 0);
        return true;
    }
}
