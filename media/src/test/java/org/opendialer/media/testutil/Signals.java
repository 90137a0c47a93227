package org.opendialer.media.testutil;

import org.opendialer.media.dtmf.DtmfTones;
import org.opendialer.media.dtmf.InbandDtmfDetector;

import java.util.Random;

/** Test signal generators and a detector runner. */
public final class Signals {

    private Signals() {
    }

    /** Dual tone for {@code digit}; {@code lowDb}/{@code highDb} relative to amplitude 8000; frequencies scaled. */
    public static short[] dtmf(char digit, int millis, double lowDb, double highDb, double freqScale, double phase) {
        double f1 = DtmfTones.ROWS[DtmfTones.row(digit)] * freqScale;
        double f2 = DtmfTones.COLS[DtmfTones.col(digit)] * freqScale;
        double a1 = 8000 * Math.pow(10, lowDb / 20);
        double a2 = 8000 * Math.pow(10, highDb / 20);
        short[] out = new short[millis * 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) (a1 * Math.sin(2 * Math.PI * f1 * i / 8000 + phase)
                    + a2 * Math.sin(2 * Math.PI * f2 * i / 8000 + 2 * phase));
        }
        return out;
    }

    public static short[] dtmf(char digit, int millis) {
        return dtmf(digit, millis, 0, 0, 1, 0);
    }

    public static short[] concat(short[]... parts) {
        int n = 0;
        for (short[] p : parts) {
            n += p.length;
        }
        short[] out = new short[n];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    public static short[] silence(int millis) {
        return new short[millis * 8];
    }

    /** Adds white noise of the given RMS (seeded). */
    public static short[] withNoise(short[] in, double rms, long seed) {
        Random r = new Random(seed);
        short[] out = new short[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (short) Math.max(-32768, Math.min(32767, in[i] + r.nextGaussian() * rms));
        }
        return out;
    }

    /** Runs the default detector over {@code pcm} in 20 ms frames; returns the digits. */
    public static String detect(short[] pcm) {
        StringBuilder sb = new StringBuilder();
        InbandDtmfDetector d = new InbandDtmfDetector((digit, start, len) -> sb.append(digit));
        short[] frame = new short[160];
        for (int i = 0; i < pcm.length; i += 160) {
            int n = Math.min(160, pcm.length - i);
            java.util.Arrays.fill(frame, (short) 0);
            System.arraycopy(pcm, i, frame, 0, n);
            d.process(frame, 0, 160);
        }
        d.process(new short[160], 0, 160);
        d.flush();
        return sb.toString();
    }

    /** Power of {@code hz} in {@code pcm} relative to total power (0..1), via a plain DFT bin. */
    public static double toneShare(short[] pcm, int off, int len, double hz) {
        double re = 0;
        double im = 0;
        double e = 0;
        for (int i = 0; i < len; i++) {
            double x = pcm[off + i];
            re += x * Math.cos(2 * Math.PI * hz * i / 8000);
            im -= x * Math.sin(2 * Math.PI * hz * i / 8000);
            e += x * x;
        }
        return e == 0 ? 0 : (2 * (re * re + im * im) / len) / e;
    }
}
