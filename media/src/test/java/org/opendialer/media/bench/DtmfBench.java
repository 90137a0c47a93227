package org.opendialer.media.bench;

import org.opendialer.media.dtmf.InbandDtmfDetector;
import org.opendialer.media.play.WavFile;
import org.opendialer.media.testutil.Signals;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of {@link InbandDtmfDetector} per 20 ms frame (not a test; see media/BENCH.md), by kind of audio: digital
 * silence, quiet line noise, loud noise, speech (a corpus prompt) and DTMF (a corpus recording). Thread CPU time,
 * median of several rounds after a warm-up, so other processes on the machine inflate it less than wall time.
 *
 * <pre>java ... org.opendialer.media.bench.DtmfBench [frames per round] [rounds]</pre>
 */
public final class DtmfBench {

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path corpus = Path.of(System.getProperty("corpus.dir", "../shared/corpus"));
        Map<String, short[]> signals = new LinkedHashMap<>();
        signals.put("digital silence", Signals.silence(2000));
        signals.put("line noise, RMS 8", Signals.withNoise(Signals.silence(2000), 8, 1));
        signals.put("noise, RMS 300", Signals.withNoise(Signals.silence(2000), 300, 2));
        signals.put("speech (vm-intro.wav)", WavFile.read(corpus.resolve("machine/asterisk_en_allison/vm-intro.wav")));
        signals.put("DTMF (100by100 0-9*#A-D)",
                WavFile.read(corpus.resolve("dtmf/100by100at8000Hz__0123456789psABCD.wav")));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] sink = new long[1];
        System.out.printf("%-28s %12s %10s%n", "audio", "ns/frame", "digits");
        for (var e : signals.entrySet()) {
            short[] pcm = e.getValue();
            long[] perRound = new long[rounds];
            long digits = 0;
            for (int r = -2; r < rounds; r++) { // two warm-up rounds
                InbandDtmfDetector d = new InbandDtmfDetector((digit, start, len) -> sink[0]++);
                int n = pcm.length / 160;
                long t0 = mx.getCurrentThreadCpuTime();
                for (int f = 0; f < frames; f++) {
                    d.process(pcm, (f % n) * 160, 160);
                }
                long took = mx.getCurrentThreadCpuTime() - t0;
                if (r >= 0) {
                    perRound[r] = took / frames;
                    digits = d.digitsDetected();
                }
            }
            java.util.Arrays.sort(perRound);
            System.out.printf("%-28s %12d %10d%n", e.getKey(), perRound[rounds / 2], digits);
        }
        System.out.println("(sink " + sink[0] + ")");
    }
}
