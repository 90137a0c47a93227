package org.opendialer.call;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Test audio made by the tools a carrier test already needs (espeak-ng, sox), and a tone meter for frames. */
public final class Audio {

    private Audio() {
    }

    /** Runs {@code command} with {raw} and {out} replaced by files in {@code dir}; returns {out}. */
    public static Path generate(Path dir, String name, String command) throws Exception {
        Path out = dir.resolve(name);
        Path raw = dir.resolve("raw-" + name);
        Process p = new ProcessBuilder("sh", "-c", command.replace("{raw}", raw.toString())
                .replace("{out}", out.toString())).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(out)) {
            throw new IllegalStateException("could not make " + name + ": " + log);
        }
        return out;
    }

    /**
     * Share of a frame's energy at {@code hz} (Goertzel), 0..~1; a frame of that pure tone gives about 1. Silence
     * (RMS under 100) gives 0.
     */
    public static double toneShare(short[] pcm, double hz) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / 8000);
        double s1 = 0, s2 = 0, energy = 0;
        for (short x : pcm) {
            double s = x + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
            energy += (double) x * x;
        }
        if (energy / pcm.length < 100 * 100) {
            return 0;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return power / (energy * pcm.length / 2);
    }

    /**
     * The best normalised cross-correlation of {@code ref} against {@code signal} over lags near the alignment of
     * their onsets (first sample above 500); 1 for identical waveforms, 0 for silence.
     */
    public static double correlation(short[] signal, short[] ref) {
        int guess = onset(signal) - onset(ref);
        double refEnergy = 0;
        for (short r : ref) {
            refEnergy += (double) r * r;
        }
        double best = 0;
        for (int lag = guess - 800; lag <= guess + 800; lag++) {
            double dot = 0;
            double energy = 0;
            for (int i = 0; i < ref.length; i++) {
                int j = i + lag;
                if (j >= 0 && j < signal.length) {
                    dot += (double) signal[j] * ref[i];
                    energy += (double) signal[j] * signal[j];
                }
            }
            if (energy > 0 && refEnergy > 0) {
                best = Math.max(best, dot / Math.sqrt(energy * refEnergy));
            }
        }
        return best;
    }

    private static int onset(short[] pcm) {
        for (int i = 0; i < pcm.length; i++) {
            if (Math.abs(pcm[i]) > 500) {
                return i;
            }
        }
        return 0;
    }
}
