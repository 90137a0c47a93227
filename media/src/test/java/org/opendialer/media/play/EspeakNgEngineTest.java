package org.opendialer.media.play;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real espeak-ng (Debian package) behind the prompt cache; where a test needs to see or hold the processes, a
 * shell wrapper in a temp dir logs each render's arguments and then runs the real program.
 */
class EspeakNgEngineTest {

    private static final ExecutorService WORKERS = Executors.newVirtualThreadPerTaskExecutor();
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @AfterAll
    static void stop() {
        WORKERS.shutdownNow();
    }

    private static PromptCache cache(EspeakNgEngine espeak, Path persistDir) {
        return new PromptCache(new TtsEngines(new FreeTtsEngine(), espeak), WORKERS, 100,
                PromptCache.DEFAULT_MAX_SAMPLES, persistDir);
    }

    private static short[] get(CompletableFuture<short[]> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    static Path script(Path dir, String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    /** espeak-ng behind a wrapper that logs each render and waits for the file {@code go} before rendering. */
    private Path loggingEspeak() throws IOException {
        return script(dir, "espeak-logged", """
                if [ "$1" = "--voices" ]; then exec espeak-ng "$@"; fi
                printf '%%s\\n' "$*" >> %1$s/runs.log
                i=0; while [ ! -f %1$s/go ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done
                exec espeak-ng "$@"
                """.formatted(dir));
    }

    private List<String> runs() throws IOException {
        Path log = dir.resolve("runs.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private static void assertSpeech(short[] pcm, String what) {
        assertThat(pcm.length).as(what + " length").isBetween(8000, 8000 * 6); // 1 to 6 s of 8 kHz speech
        long energy = 0;
        for (short s : pcm) {
            energy += (long) s * s;
        }
        assertThat(energy / pcm.length).as(what + " mean power").isGreaterThan(100_000); // speech, not silence
    }

    @Test
    void frenchAndSpanishRenderAndARegionWithoutAVoiceFallsBackToItsLanguage() throws Exception {
        EspeakNgEngine espeak = new EspeakNgEngine("espeak-ng", 2, LIMIT);
        PromptCache cache = cache(espeak, null);
        short[] fr = get(cache.tts("Bonjour et bienvenue chez nous", "espeak-ng:fr"));
        short[] es = get(cache.tts("Hola y bienvenido a nuestra empresa", "espeak-ng:es"));
        assertSpeech(fr, "French");
        assertSpeech(es, "Spanish");

        // espeak-ng's fr-CA voices are MBROLA ones (a separate program): fr-CA speaks with the fr voice
        assertThat(espeak.resolve("fr-CA")).isEqualTo(espeak.resolve("fr")).isEqualTo("roa/fr");
        assertThat(get(cache.tts("Bonjour et bienvenue chez nous", "espeak-ng:fr-CA"))).isEqualTo(fr);
        // a region espeak-ng does have picks its own voice
        assertThat(espeak.resolve("es_MX")).isEqualTo("roa/es-419");
        assertThat(espeak.resolve("ko-KR")).isEqualTo("ko");
    }

    @Test
    void unknownLanguageFailsNamingItAndTheLanguagesEspeakHas() {
        EspeakNgEngine espeak = new EspeakNgEngine("espeak-ng", 2, LIMIT);
        PromptCache cache = cache(espeak, null);
        assertThat(cache.tts("Hello", "espeak-ng:xx-YY")).failsWithin(Duration.ofSeconds(30))
                .withThrowableOfType(ExecutionException.class).havingCause()
                .isInstanceOf(IllegalArgumentException.class)
                .withMessageStartingWith("espeak-ng has no voice for language 'xx-YY' (it has: ")
                .withMessageContaining(" ko,").withMessageContaining(" fr,").withMessageContaining(" es,");
        assertThat(cache.tts("Hello", "espeak-ng:--help")).failsWithin(Duration.ofSeconds(30))
                .withThrowableOfType(ExecutionException.class).havingCause()
                .withMessage("'--help' is not a language tag such as ko, fr or fr-CA");
        assertThatThrownBy(() -> new EspeakNgEngine(dir.resolve("none").toString(), 1, LIMIT)
                .render("Hello", "espeak-ng:en"))
                .hasMessageStartingWith("espeak-ng: cannot run " + dir.resolve("none"));
    }

    @Test
    void aHangingRenderIsKilledWithItsChildrenAtTheLimitAndFreesItsSlot() throws Exception {
        Path hang = script(dir, "espeak-hangs", """
                if [ "$1" = "--voices" ]; then exec espeak-ng "$@"; fi
                echo $$ > %1$s/pid
                sleep 60 &
                echo $! > %1$s/child
                wait
                """.formatted(dir));
        EspeakNgEngine espeak = new EspeakNgEngine(hang.toString(), 1, Duration.ofMillis(700));
        for (int round = 0; round < 2; round++) { // one slot: the second round runs only if the first freed it
            Files.deleteIfExists(dir.resolve("child"));
            assertThatThrownBy(() -> espeak.render("Hello", "espeak-ng:en"))
                    .isInstanceOf(TimeoutException.class)
                    .hasMessageMatching("espeak-ng did not finish within PT0\\.7S; process \\d+ killed");
            long pid = Long.parseLong(Files.readString(dir.resolve("pid")).strip());
            long child = Long.parseLong(Files.readString(dir.resolve("child")).strip());
            awaitGone(pid);
            awaitGone(child);
        }
        assertThat(espeak.processesStarted()).isEqualTo(3); // the voice listing and two renders
    }

    private static void awaitGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            assertThat(System.nanoTime()).as("process " + pid + " still alive").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void concurrentRequestsForOnePhraseStartOneProcessAndLaterOnesUseTheCacheAlsoAfterARestart() throws Exception {
        EspeakNgEngine espeak = new EspeakNgEngine(loggingEspeak().toString(), 2, LIMIT);
        Path persisted = dir.resolve("prompts");
        PromptCache cache = cache(espeak, persisted);
        CompletableFuture<short[]> a = cache.tts("Un seul rendu suffit", "espeak-ng:fr");
        CompletableFuture<short[]> b = cache.tts("Un seul rendu suffit", "espeak-ng:fr");
        assertThat(a).as("the wrapper holds the render until 'go'").isNotDone();
        Files.createFile(dir.resolve("go"));
        assertSpeech(get(a), "French");
        assertThat(get(b)).isEqualTo(get(a));
        assertThat(runs()).hasSize(1);
        assertThat(cache.renders()).isEqualTo(1);
        assertThat(cache.hits()).isEqualTo(1);

        assertThat(get(cache.tts("Un seul rendu suffit", "espeak-ng:fr"))).isEqualTo(get(a));
        assertThat(runs()).as("the cache hit starts no process").hasSize(1);
        assertThat(cache.hits()).isEqualTo(2);
        assertThat(cache.samples()).isEqualTo(get(a).length);

        // a new cache on the same directory (a restart) finds the phrase on disk; the file is named by a hash
        PromptCache restarted = cache(espeak, persisted);
        assertThat(get(restarted.tts("Un seul rendu suffit", "espeak-ng:fr"))).isEqualTo(get(a));
        assertThat(runs()).hasSize(1);
        try (var files = Files.list(persisted)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .singleElement().asString().matches("[0-9a-f]{64}\\.pcm");
        }
    }

    @Test
    void textIsNeverAnOptionAndSsmlIsReadOnlyWhenAsked() throws Exception {
        Files.createFile(dir.resolve("go"));
        EspeakNgEngine espeak = new EspeakNgEngine(loggingEspeak().toString(), 2, LIMIT);
        PromptCache cache = cache(espeak, null);
        short[] dashes = get(cache.tts("--help -v xx et bonjour", "espeak-ng:fr"));
        assertSpeech(dashes, "text starting with --");
        assertThat(runs()).singleElement().asString().doesNotContain("help").endsWith("--stdout --stdin");

        short[] bare = get(cache.tts("Bonjour madame", "espeak-ng:fr"));
        short[] tagsRead = get(cache.tts("<speak>Bonjour madame</speak>", "espeak-ng:fr"));
        short[] ssml = get(cache.tts("<speak>Bonjour, <break time=\"1s\"/> madame</speak>", "espeak-ng-ssml:fr"));
        assertThat(tagsRead.length).as("plain text: the tags are spoken").isGreaterThan(bare.length + 4000);
        // SSML: the tags are obeyed (a one-second break), and the comma did not split the markup into two renders
        assertThat(ssml.length).isBetween(bare.length + 6000, bare.length + 12000);
        assertThat(runs().getLast()).endsWith("-m --stdout --stdin");
    }
}
