package org.opendialer.media.play;

/** Plays a rendered 8 kHz buffer once; the last partial frame is padded with silence. */
public final class PcmSource implements FrameSource {

    private final short[] pcm;
    private int position;

    /** Below this (about -46 dBFS) a sample is a TTS engine's silence, not a soft onset. */
    private static final int QUIET = 164;
    /** Kept before the first word, so its onset (a breathy "h") is not clipped. */
    private static final int LEAD_SAMPLES = 40 * 8;

    public PcmSource(short[] pcm) {
        this(pcm, 0);
    }

    private PcmSource(short[] pcm, int from) {
        this.pcm = pcm;
        this.position = from;
    }

    /**
     * A rendered voice prompt started at its first word: TTS engines open with silence (FreeTTS 220-310 ms), which
     * a person who has just answered hears as dead air. 40 ms before the first sound are kept; a prompt with no
     * sound at all plays whole.
     */
    public static PcmSource speech(short[] pcm) {
        for (int i = 0; i < pcm.length; i++) {
            if (Math.abs(pcm[i]) > QUIET) {
                return new PcmSource(pcm, Math.max(0, i - LEAD_SAMPLES));
            }
        }
        return new PcmSource(pcm);
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
