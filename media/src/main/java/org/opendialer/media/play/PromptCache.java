package org.opendialer.media.play;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rendered prompts, shared by all legs: WAV files keyed by path and modification time, TTS keyed by voice and
 * <em>phrase</em>. Text is split after , . ; : ! ? and each phrase is rendered and cached on its own, so
 * "Hello Jane, your appointment is on Tuesday." after "Hello Bob, your appointment is on Tuesday." only renders
 * "Hello Jane,". TTS entries are keyed by voice (which names the engine: {@code kevin16} is FreeTTS,
 * {@code espeak-ng:ko} espeak-ng) and phrase. The cache is bounded twice: least recently used entries are dropped
 * beyond {@code maxEntries} entries and beyond {@code maxSamples} 8 kHz samples held in total (2 bytes each).
 * Rendering runs on {@code executor}, never on the media thread; concurrent requests for one key share one
 * rendering. With a directory, rendered phrases are also kept on disk ({@link PromptDisk}) across restarts. Each
 * phrase is cached with the silence around its speech cut ({@link SilenceTrim}), so a prompt starts with its first
 * word; the phrases of one text are joined with a {@link #PHRASE_PAUSE} pause.
 */
public final class PromptCache {

    private static final Pattern PHRASE = Pattern.compile("[^,.;:!?]+[,.;:!?]*");

    /**
     * Quiet put between two phrases of one text, as their renders are cached with their surrounding silence cut
     * ({@link SilenceTrim}): 200 ms, the pause FreeTTS kevin16 makes at a comma within one sentence.
     */
    static final int PHRASE_PAUSE = 1600;

    /** 64 MB of audio: about 70 minutes at 8 kHz. */
    public static final long DEFAULT_MAX_SAMPLES = 32L << 20;

    private final TtsEngine tts;
    private final Executor executor;
    private final int maxEntries;
    private final long maxSamples;
    private final PromptDisk disk;
    private final Map<String, CompletableFuture<short[]>> entries;
    /** Lengths of the completed entries, in samples; {@code samples} is their sum. */
    private final Map<String, Integer> lengths = new HashMap<>();
    private long samples;
    private long renders;
    private long hits;

    public PromptCache(TtsEngine tts, Executor executor, int maxEntries) {
        this(tts, executor, maxEntries, DEFAULT_MAX_SAMPLES, null);
    }

    /** @param dir where rendered phrases persist across restarts, or null to keep them in memory only */
    public PromptCache(TtsEngine tts, Executor executor, int maxEntries, long maxSamples, Path dir) {
        this.tts = tts;
        this.executor = executor;
        this.maxEntries = maxEntries;
        this.maxSamples = maxSamples;
        this.disk = dir == null ? null : new PromptDisk(dir);
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
    }

    public CompletableFuture<short[]> wav(Path path) {
        String key;
        try {
            key = "wav\0" + path.toAbsolutePath() + "\0" + Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new IOException("cannot read prompt " + path + ": " + e, e));
        }
        return cached(key, () -> WavFile.read(path));
    }

    public CompletableFuture<short[]> tts(String text, String voice) {
        List<CompletableFuture<short[]>> parts = new ArrayList<>();
        for (String phrase : tts.phrased(voice) ? phrases(text) : List.of(text)) {
            parts.add(cached("tts\0" + voice + "\0" + phrase, () -> render(phrase, voice)));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            if (parts.size() == 1) {
                return parts.get(0).join(); // cached arrays are never written to, so no copy
            }
            int total = PHRASE_PAUSE * (parts.size() - 1);
            for (CompletableFuture<short[]> p : parts) {
                total += p.join().length;
            }
            short[] all = new short[total];
            int at = 0;
            for (CompletableFuture<short[]> p : parts) {
                short[] s = p.join();
                System.arraycopy(s, 0, all, at, s.length);
                at += s.length + PHRASE_PAUSE;
            }
            return all;
        });
    }

    /** Renders (or loads) a phrase with the silence around its speech cut, once, before it is cached. */
    private short[] render(String phrase, String voice) throws Exception {
        short[] pcm = disk == null ? null : disk.load(voice, phrase);
        if (pcm == null) {
            short[] raw = tts.render(phrase, voice);
            pcm = SilenceTrim.trim(raw);
            if (pcm.length == 0 && raw.length > 0) {
                throw new IllegalArgumentException("TTS voice " + voice + " rendered only silence for '" + phrase + "'");
            }
            if (disk != null) {
                disk.store(voice, phrase, pcm);
            }
        }
        return pcm;
    }

    static List<String> phrases(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = PHRASE.matcher(text);
        while (m.find()) {
            String p = m.group().trim();
            if (!p.isEmpty() && !p.chars().allMatch(c -> ",.;:!?".indexOf(c) >= 0)) {
                out.add(p);
            }
        }
        return out;
    }

    private interface Renderer {
        short[] render() throws Exception;
    }

    private CompletableFuture<short[]> cached(String key, Renderer renderer) {
        CompletableFuture<short[]> f;
        boolean create;
        synchronized (this) {
            f = entries.get(key);
            create = f == null;
            if (create) {
                f = new CompletableFuture<>();
                entries.put(key, f);
                renders++;
                evict();
            } else {
                hits++;
            }
        }
        if (create) {
            CompletableFuture<short[]> target = f;
            executor.execute(() -> {
                try {
                    short[] pcm = renderer.render();
                    synchronized (this) {
                        if (entries.get(key) == target) {
                            lengths.put(key, pcm.length);
                            samples += pcm.length;
                            evict();
                        }
                    }
                    target.complete(pcm);
                } catch (Throwable e) {
                    synchronized (this) {
                        entries.remove(key, target); // do not cache failures
                    }
                    target.completeExceptionally(e);
                }
            });
        }
        return f;
    }

    /** Drops least recently used entries while over either bound (the newest entry may go too if it alone is). */
    private void evict() {
        var lru = entries.keySet().iterator();
        while (lru.hasNext() && (entries.size() > maxEntries || samples > maxSamples)) {
            Integer len = lengths.remove(lru.next());
            samples -= len == null ? 0 : len;
            lru.remove();
        }
    }

    /** Samples held by completed entries. */
    public synchronized long samples() {
        return samples;
    }

    /** Renders started (cache misses). */
    public synchronized long renders() {
        return renders;
    }

    public synchronized long hits() {
        return hits;
    }
}
