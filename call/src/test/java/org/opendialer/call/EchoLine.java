package org.opendialer.call;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.opendialer.amd.eval.WavReader;
import org.opendialer.media.codec.G711;

/**
 * A telephone line that echoes what we send, for async AMD: the far end's answer (a recording from
 * {@code ../shared/corpus}) plus our message coming back after a bulk delay through a hybrid's dispersive echo path,
 * attenuated by an echo return loss, both directions through μ-law. Our message is an espeak-ng rendering (peak
 * -12 dBFS) starting 90 ms after the answer and repeated, as a message does until AMD decides; the line stays open
 * {@link #TAIL_SECONDS} s after the recording with our message still playing.
 */
public final class EchoLine {

    public static final int RATE = 8000;
    static final int TAIL_SECONDS = 6;
    static final String MESSAGE = "Hello, this is Riverside Dental with a reminder of your appointment tomorrow at"
            + " ten thirty in the morning. Press 1 to confirm, press 2 to cancel, or press 9 to stop these calls.";

    /** What we sent and what we heard, sample for sample. */
    public record Mix(String name, short[] sent, short[] heard) { }

    private static short[] message;

    private EchoLine() {
    }

    /** The shared corpus ({@code ../shared/corpus} from the module, or {@code -Damd.realCorpus}); fails when absent. */
    public static Path corpus() {
        Path real = Path.of(System.getProperty("amd.realCorpus", "../../shared/corpus"));
        if (!Files.isDirectory(real.resolve("human/fsdd"))) {
            fail("corpus not found at " + real.toAbsolutePath() + " (set -Damd.realCorpus=DIR)");
        }
        return real;
    }

    /** The 60 fsdd people (real voices answering, 2.5 s of line silence after). */
    public static List<Path> people() throws IOException {
        return wavs(corpus().resolve("human/fsdd"));
    }

    /** Voicemail greetings and network announcements of the corpus. */
    public static List<Path> machines() throws IOException {
        return wavs(corpus().resolve("machine"));
    }

    private static List<Path> wavs(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
    }

    /** Our message at 8 kHz, peak -12 dBFS, rendered once per JVM with espeak-ng. */
    public static synchronized short[] message() throws IOException, InterruptedException {
        if (message == null) {
            Path wav = Path.of("target/echo-line-message.wav");
            Files.createDirectories(wav.getParent());
            Process p = new ProcessBuilder("espeak-ng", "-v", "en-us", "-s", "165", "-w", wav.toString(), MESSAGE)
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                fail("espeak-ng failed (apt-get install espeak-ng): " + log);
            }
            short[] x = WavReader.read(wav.toFile());
            int peak = 1;
            for (short v : x) {
                peak = Math.max(peak, Math.abs(v));
            }
            double gain = 32767 * Math.pow(10, -12 / 20.0) / peak;
            for (int i = 0; i < x.length; i++) {
                x[i] = (short) Math.round(x[i] * gain);
            }
            message = x;
        }
        return message;
    }

    /**
     * The far end's recording on a line with echo.
     *
     * @param erlDb echo return loss; {@code Double.POSITIVE_INFINITY} for a line without echo
     * @param seed  chooses the bulk delay (40-280 ms) and the echo path's shape
     */
    public static Mix mix(Path recording, double erlDb, long seed) throws IOException, InterruptedException {
        short[] far = WavReader.read(recording.toFile());
        short[] msg = message();
        int n = far.length + TAIL_SECONDS * RATE;
        double[] sent = new double[n];
        int start = RATE * 90 / 1000;
        for (int at = start; at < n; at += msg.length + RATE) { // the message repeats after a second's pause
            for (int i = 0; i < msg.length && at + i < n; i++) {
                sent[at + i] = msg[i];
            }
        }
        short[] sentPcm = new short[n];
        for (int i = 0; i < n; i++) {
            sentPcm[i] = (short) sent[i];
        }
        double[] echo = echo(ulaw(sent), erlDb, seed);
        double[] heard = new double[n];
        for (int i = 0; i < n; i++) {
            heard[i] = (i < far.length ? far[i] : 0) + echo[i];
        }
        short[] line = new short[n];
        double[] coded = ulaw(heard);
        for (int i = 0; i < n; i++) {
            line[i] = (short) coded[i];
        }
        return new Mix(recording.getFileName().toString(), sentPcm, line);
    }

    /** Bulk delay, then a hybrid's impulse response (8 ms, decaying, no DC), scaled to the return loss. */
    static double[] echo(double[] x, double erlDb, long seed) {
        double[] y = new double[x.length];
        if (Double.isInfinite(erlDb)) {
            return y;
        }
        Random r = new Random(seed);
        int delay = RATE * (40 + 60 * r.nextInt(5)) / 1000;
        double[] h = new double[64];
        double mean = 0;
        for (int i = 0; i < h.length; i++) {
            h[i] = Math.exp(-i / 10.0) * r.nextGaussian();
            mean += h[i] / h.length;
        }
        for (int i = 0; i < h.length; i++) {
            h[i] -= mean;
        }
        double px = 0;
        double py = 0;
        for (int i = 0; i < x.length; i++) {
            double acc = 0;
            for (int k = 0; k < h.length; k++) {
                int j = i - delay - k;
                if (j >= 0) {
                    acc += h[k] * x[j];
                }
            }
            y[i] = acc;
            px += x[i] * x[i];
            py += acc * acc;
        }
        double gain = py == 0 ? 0 : Math.sqrt(Math.pow(10, -erlDb / 10) * px / py);
        for (int i = 0; i < y.length; i++) {
            y[i] *= gain;
        }
        return y;
    }

    private static double[] ulaw(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            short s = (short) Math.max(-32768, Math.min(32767, Math.round(x[i])));
            out[i] = G711.PCMU.decode(G711.PCMU.encode(s));
        }
        return out;
    }
}
