package org.opendialer.media.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.opendialer.media.play.EspeakNgEngine;
import org.opendialer.media.play.FreeTtsEngine;
import org.opendialer.media.play.PromptCache;
import org.opendialer.media.play.TtsEngines;

/**
 * Render time per phrase, per voice: cold (a phrase not rendered before: the engine runs), from memory (the same
 * phrase again) and from the disk cache (a new cache on the same directory, as after a restart); then cold phrases
 * requested all at once, to show the render slots. Each phrase is one sentence of about two seconds of speech.
 *
 * <pre>java -cp ... org.opendialer.media.bench.TtsBench [phrases per voice] [espeak-ng slots]</pre>
 */
public final class TtsBench {

    private static final String[][] VOICES = {
        {"kevin16", "Your appointment number %d is confirmed for Tuesday"},
        {"espeak-ng:en", "Your appointment number %d is confirmed for Tuesday"},
        {"espeak-ng:ko", "고객님의 예약 번호 %d 번이 화요일로 확정되었습니다"},
        {"espeak-ng:fr", "Votre rendez-vous numéro %d est confirmé pour mardi"},
        {"espeak-ng:es", "Su cita número %d está confirmada para el martes"},
    };

    private TtsBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int slots = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        Path dir = Files.createTempDirectory("tts-bench");
        System.out.printf("TtsBench: %d phrases per voice, %d espeak-ng slots, %d cores, JDK %s, cache in %s%n", n,
                slots, Runtime.getRuntime().availableProcessors(), Runtime.version(), dir);
        System.out.printf("%-14s %12s %12s %12s %12s %14s%n", "voice", "cold p50 ms", "cold p99 ms", "memory µs",
                "disk µs", "burst ms/phr");
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            TtsEngines engines = new TtsEngines(new FreeTtsEngine(),
                    new EspeakNgEngine("espeak-ng", slots, Duration.ofSeconds(30)));
            for (String[] v : VOICES) {
                engines.render("warm up", v[0]); // loads FreeTTS's voice, lists espeak-ng's voices once
                PromptCache cache = new PromptCache(engines, workers, 10_000, PromptCache.DEFAULT_MAX_SAMPLES, dir);
                double[] cold = new double[n];
                for (int i = 0; i < n; i++) {
                    String text = v[1].formatted(i);
                    cold[i] = millis(() -> cache.tts(text, v[0]).join());
                }
                double memory = 0;
                for (int i = 0; i < n; i++) {
                    String text = v[1].formatted(i);
                    memory += millis(() -> cache.tts(text, v[0]).join());
                }
                PromptCache restarted = new PromptCache(engines, workers, 10_000, PromptCache.DEFAULT_MAX_SAMPLES,
                        dir);
                double disk = 0;
                for (int i = 0; i < n; i++) {
                    String text = v[1].formatted(i);
                    disk += millis(() -> restarted.tts(text, v[0]).join());
                }
                PromptCache burst = new PromptCache(engines, workers, 10_000, PromptCache.DEFAULT_MAX_SAMPLES, null);
                double all = millis(() -> {
                    List<CompletableFuture<short[]>> fs = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        fs.add(burst.tts(v[1].formatted(n + i), v[0]));
                    }
                    fs.forEach(CompletableFuture::join);
                });
                Arrays.sort(cold);
                System.out.printf("%-14s %12.1f %12.1f %12.1f %12.1f %14.1f%n", v[0], cold[n / 2],
                        cold[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)], memory / n * 1000, disk / n * 1000,
                        all / n);
            }
        }
    }

    private static double millis(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e6;
    }
}
