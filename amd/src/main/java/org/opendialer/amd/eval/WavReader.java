package org.opendialer.amd.eval;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Reads a WAV file as 8 kHz 16-bit mono samples: Java Sound decodes the encoding (PCM of any width, u-law, A-law),
 * channels are averaged, and other sample rates are resampled with a windowed-sinc low-pass interpolator.
 */
public final class WavReader {

    static final int RATE = 8000;

    private WavReader() {
    }

    public static short[] read(File file) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file)) {
            AudioFormat src = in.getFormat();
            int channels = Math.max(1, src.getChannels());
            AudioFormat pcm = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, src.getSampleRate(), 16, channels,
                    2 * channels, src.getSampleRate(), false);
            byte[] bytes;
            try (AudioInputStream conv = AudioSystem.getAudioInputStream(pcm, in)) {
                bytes = conv.readAllBytes();
            }
            ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int n = bytes.length / (2 * channels);
            double[] mono = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int c = 0; c < channels; c++) {
                    s += bb.getShort();
                }
                mono[i] = s / channels;
            }
            return toShorts(Math.round(src.getSampleRate()) == RATE ? mono : resample(mono, src.getSampleRate()));
        } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Band-limited resampling to 8 kHz with a Hann-windowed sinc of 16 zero crossings a side. */
    static double[] resample(double[] x, double fromRate) {
        double ratio = RATE / fromRate;
        int outLen = (int) Math.floor(x.length * ratio);
        double cutoff = Math.min(1.0, ratio) * 0.95;
        int half = 16;
        double[] y = new double[outLen];
        for (int j = 0; j < outLen; j++) {
            double t = j / ratio;
            int center = (int) Math.floor(t);
            double acc = 0, norm = 0;
            int reach = (int) Math.ceil(half / cutoff);
            for (int i = center - reach; i <= center + reach; i++) {
                double d = (t - i) * cutoff;
                if (i < 0 || i >= x.length || Math.abs(d) >= half) {
                    continue;
                }
                double w = 0.5 + 0.5 * Math.cos(Math.PI * d / half);
                double sinc = d == 0 ? 1 : Math.sin(Math.PI * d) / (Math.PI * d);
                acc += x[i] * sinc * w;
                norm += sinc * w;
            }
            y[j] = norm == 0 ? 0 : acc / norm;
        }
        return y;
    }

    private static short[] toShorts(double[] x) {
        short[] out = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(x[i])));
        }
        return out;
    }
}
