package org.opendialer.amd;

import java.util.Arrays;
import java.util.Random;

/**
 * Deterministic test signals at 8 kHz built from their definitions: tones, cadences, silence and a speech-like
 * signal (noise shaped to syllables) that is neither pure nor steady.
 */
public final class Signals {

    public static final int RATE = 8000;

    private short[] buf = new short[0];
    private int len;
    private final Random random;

    public Signals(long seed) {
        this.random = new Random(seed);
    }

    public static Signals create() {
        return new Signals(42);
    }

    /** Starts from existing audio (copied), e.g. a recording to pass through a codec or a lossy line. */
    public static Signals of(short[] samples, long seed) {
        Signals s = new Signals(seed);
        s.grow(samples.length);
        System.arraycopy(samples, 0, s.buf, 0, samples.length);
        return s;
    }

    /** Changes the level of everything so far by {@code db}, clipping at full scale. */
    public Signals gain(double db) {
        double g = Math.pow(10, db / 20);
        for (int i = 0; i < len; i++) {
            buf[i] = clip(buf[i] * g);
        }
        return this;
    }

    /** A tone of one or two components, each at {@code dbfs} (sine peak relative to full scale). */
    public Signals tone(int ms, double dbfs, double... hz) {
        int n = ms * RATE / 1000;
        double amp = 32767 * Math.pow(10, dbfs / 20);
        int start = len;
        grow(n);
        for (int i = 0; i < n; i++) {
            double v = 0;
            for (double f : hz) {
                v += amp * Math.sin(2 * Math.PI * f * (start + i) / RATE);
            }
            buf[start + i] = clip(v);
        }
        return this;
    }

    public Signals silence(int ms) {
        grow(ms * RATE / 1000);
        return this;
    }

    /** Repeats on/off pairs of a tone {@code times} times. */
    public Signals cadence(int times, double dbfs, double[] hz, int... onOff) {
        for (int t = 0; t < times; t++) {
            for (int i = 0; i < onOff.length; i += 2) {
                tone(onOff[i], dbfs, hz);
                silence(onOff[i + 1]);
            }
        }
        return this;
    }

    /**
     * Speech-like sound: low-passed noise with a syllable envelope (about 5 syllables a second, 30 ms dips between
     * them), around {@code dbfs} RMS. Its energy is spread over many frequencies, so it is never a tone.
     */
    public Signals speech(int ms, double dbfs) {
        int n = ms * RATE / 1000;
        int start = len;
        grow(n);
        double amp = 32767 * Math.pow(10, dbfs / 20) * 2.0;
        double lp = 0;
        int syllable = RATE / 5;
        for (int i = 0; i < n; i++) {
            lp = 0.6 * lp + 0.4 * random.nextGaussian();
            double phase = (i % syllable) / (double) syllable;
            double env = phase < 0.85 ? Math.sin(Math.PI * phase / 0.85) : 0.05;
            buf[start + i] = clip(amp * env * lp);
        }
        return this;
    }

    /**
     * Speech-like sound (the same low-passed noise as {@link #speech}) in one slow swell, like a drawn-out single
     * syllable: no dips inside, level within 6 dB of its peak over the middle two thirds.
     */
    public Signals swell(int ms, double dbfs) {
        int n = ms * RATE / 1000;
        int start = len;
        grow(n);
        double amp = 32767 * Math.pow(10, dbfs / 20) * 1.4;
        double lp = 0;
        for (int i = 0; i < n; i++) {
            lp = 0.6 * lp + 0.4 * random.nextGaussian();
            buf[start + i] = clip(amp * Math.sin(Math.PI * i / n) * lp);
        }
        return this;
    }

    /** Adds white noise at {@code dbfs} RMS over everything so far. */
    public Signals noise(double dbfs) {
        double sigma = 32767 * Math.pow(10, dbfs / 20);
        for (int i = 0; i < len; i++) {
            buf[i] = clip(buf[i] + sigma * random.nextGaussian());
        }
        return this;
    }

    /**
     * Round trip of everything so far through G.711 (A-law or mu-law) with sox, which the bench needs anyway. Not
     * Java Sound: its A-law encoder turns the samples -1 to -3 into -248, a click in every quiet stretch.
     */
    public Signals g711(boolean alaw) {
        String law = alaw ? "al" : "ul";
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "sox -D -t s16 -r 8000 -c 1 - -t " + law
                + " - | sox -D -t " + law + " -r 8000 -c 1 - -t s16 -");
        byte[] bytes = new byte[2 * len];
        for (int i = 0; i < len; i++) {
            bytes[2 * i] = (byte) buf[i];
            bytes[2 * i + 1] = (byte) (buf[i] >> 8);
        }
        try {
            Process p = pb.start();
            Thread writer = Thread.ofVirtual().start(() -> {
                try (var in = p.getOutputStream()) {
                    in.write(bytes);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            byte[] out = p.getInputStream().readAllBytes();
            writer.join();
            if (p.waitFor() != 0 || out.length != bytes.length) {
                throw new IllegalStateException("sox G.711 round trip failed (apt-get install sox): "
                        + new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
            for (int i = 0; i < len; i++) {
                buf[i] = (short) ((out[2 * i] & 0xff) | (out[2 * i + 1] << 8));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Zeroes each 20 ms frame with probability {@code rate}: lost packets that a jitter buffer fills with silence. */
    public Signals loseFrames(double rate) {
        for (int f = 0; f + 160 <= len; f += 160) {
            if (random.nextDouble() < rate) {
                Arrays.fill(buf, f, f + 160, (short) 0);
            }
        }
        return this;
    }

    public short[] samples() {
        return Arrays.copyOf(buf, len);
    }

    public int lengthMs() {
        return len * 1000 / RATE;
    }

    private void grow(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(2 * buf.length, len + n));
        }
        len += n;
    }

    private static short clip(double v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
    }

    /** Feeds the samples as 20 ms frames (zero-padding the last) through one reused array. */
    public static void feed(short[] samples, java.util.function.Consumer<short[]> sink) {
        short[] frame = new short[160];
        for (int off = 0; off < samples.length; off += 160) {
            int n = Math.min(160, samples.length - off);
            System.arraycopy(samples, off, frame, 0, n);
            Arrays.fill(frame, n, 160, (short) 0);
            sink.accept(frame);
        }
    }
}
