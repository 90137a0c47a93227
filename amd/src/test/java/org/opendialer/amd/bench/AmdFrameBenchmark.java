package org.opendialer.amd.bench;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.opendialer.amd.AmdDetector;
import org.opendialer.amd.AmdEvent;
import org.opendialer.amd.AmdListener;
import org.opendialer.amd.AmdParams;
import org.opendialer.amd.baseline.AsteriskStyleAmd;
import org.opendialer.amd.eval.WavReader;
import org.opendialer.amd.progress.CallProgressAnalyzer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Per-frame cost (one 20 ms frame of 8 kHz audio) of {@link AmdDetector#onFrame} and
 * {@link CallProgressAnalyzer#onFrame} on a real recording from the shared corpus, loaded once and looped. Not a
 * test (surefire never runs it); run it with {@link #main} as described in {@code amd/BENCH.md}.
 *
 * <p>{@code amdCall}: each call is a fresh detector fed the recording from its start until the detector is done
 * (decision and, for machines, the end of the greeting), then the next call starts; so the figure includes the
 * detector's construction amortised over its frames, as a dialer would pay it. {@code cpa}: one analyser fed the
 * looped recording for ever. {@code earlyMedia}: the same with {@link CallProgressAnalyzer#earlyMedia}, which also
 * listens for announcements (early media of a long ring). {@code baseline}: the app_amd-style baseline, per call
 * like {@code amdCall}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AmdFrameBenchmark {

    /** Recording, relative to the corpus directory (system property {@code amd.realCorpus}). */
    @Param({"machine/composite_vm_greeting/asterisk_en_allison_isunavail_201_with_beep.wav"})
    public String file;

    private short[][] frames;
    private int next;
    private AmdParams params;
    private AmdDetector detector;
    private CallProgressAnalyzer cpa;
    private CallProgressAnalyzer early;
    private AmdDetector baseline;
    private long events;
    private final AmdListener listener = this::count;

    @Setup
    public void load() throws IOException {
        File corpus = new File(System.getProperty("amd.realCorpus", "../../shared/corpus"));
        short[] audio = WavReader.read(new File(corpus, file));
        int n = audio.length / AmdDetector.FRAME_SAMPLES;
        if (n == 0) {
            throw new IOException(file + " is shorter than one frame");
        }
        frames = new short[n][AmdDetector.FRAME_SAMPLES];
        for (int i = 0; i < n; i++) {
            System.arraycopy(audio, i * AmdDetector.FRAME_SAMPLES, frames[i], 0, AmdDetector.FRAME_SAMPLES);
        }
        params = AmdParams.defaults();
        detector = AmdDetector.create(params, listener);
        cpa = CallProgressAnalyzer.create("US,UK,EU", r -> events++);
        early = CallProgressAnalyzer.earlyMedia("US,UK,EU", r -> events++);
        baseline = new AsteriskStyleAmd(listener);
    }

    private void count(AmdEvent e) {
        events++;
    }

    @Benchmark
    public boolean amdCall() {
        if (detector.isDone()) {
            detector = AmdDetector.create(params, listener);
            next = 0;
        }
        detector.onFrame(frames[next]);
        next = next + 1 == frames.length ? 0 : next + 1;
        return detector.isDone();
    }

    /** The app_amd-style baseline, fresh per call like {@link #amdCall}. */
    @Benchmark
    public boolean baseline() {
        if (baseline.isDone()) {
            baseline = new AsteriskStyleAmd(listener);
            next = 0;
        }
        baseline.onFrame(frames[next]);
        next = next + 1 == frames.length ? 0 : next + 1;
        return baseline.isDone();
    }

    @Benchmark
    public boolean cpa() {
        cpa.onFrame(frames[next]);
        next = next + 1 == frames.length ? 0 : next + 1;
        return cpa.toneActive();
    }

    @Benchmark
    public boolean earlyMedia() {
        early.onFrame(frames[next]);
        next = next + 1 == frames.length ? 0 : next + 1;
        return early.toneActive();
    }

    /**
     * Runs the benchmarks (or those matching the first argument, a regular expression) with one fork, 3 x 1 s
     * warm-up and 5 x 1 s measurement, the GC profiler for bytes allocated per frame and {@link ProcessCpuProfiler}
     * for CPU time per frame.
     */
    public static void main(String[] args) throws RunnerException {
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(AmdFrameBenchmark.class.getName() + "." + (args.length > 0 ? args[0] : ""))
                .addProfiler(GCProfiler.class)
                .addProfiler(ProcessCpuProfiler.class)
                .jvmArgsAppend("-Damd.realCorpus="
                        + new File(System.getProperty("amd.realCorpus", "../../shared/corpus")).getAbsolutePath());
        new Runner(o.build()).run();
    }
}
