package org.opendialer.media.dtmf;

/**
 * Generates in-band DTMF: each queued digit as {@code toneMs} of its two tones (low group -9 dBm0, high group
 * -7 dBm0: 2 dB of "normal" twist as telephones send) followed by {@code gapMs} of silence. Phase-continuous
 * oscillators; allocation-free; not thread-safe.
 */
public final class DtmfToneGenerator {

    private static final double LOW_AMPLITUDE = 5000;
    private static final double HIGH_AMPLITUDE = 6300;

    private final char[] queue = new char[64];
    private int head;
    private int size;
    private final int toneSamples;
    private final int gapSamples;
    private char current;
    private int position;
    private double lowStep;
    private double highStep;

    public DtmfToneGenerator(int toneMs, int gapMs) {
        this.toneSamples = toneMs * 8;
        this.gapSamples = gapMs * 8;
    }

    public boolean enqueue(char digit) {
        if (!DtmfTones.isDigit(digit) || size == queue.length) {
            return false;
        }
        queue[(head + size++) % queue.length] = Character.toUpperCase(digit);
        return true;
    }

    public boolean busy() {
        return current != 0 || size > 0;
    }

    /** Fills {@code out[0..160)}; returns false (and leaves {@code out} alone) when idle. */
    public boolean read(short[] out) {
        if (current == 0) {
            if (size == 0) {
                return false;
            }
            current = queue[head];
            head = (head + 1) % queue.length;
            size--;
            position = 0;
            lowStep = 2 * Math.PI * DtmfTones.ROWS[DtmfTones.row(current)] / 8000;
            highStep = 2 * Math.PI * DtmfTones.COLS[DtmfTones.col(current)] / 8000;
        }
        for (int i = 0; i < 160; i++) {
            int p = position + i;
            out[i] = p < toneSamples
                    ? (short) (LOW_AMPLITUDE * Math.sin(lowStep * p) + HIGH_AMPLITUDE * Math.sin(highStep * p))
                    : 0;
        }
        position += 160;
        if (position >= toneSamples + gapSamples) {
            current = 0;
        }
        return true;
    }
}
