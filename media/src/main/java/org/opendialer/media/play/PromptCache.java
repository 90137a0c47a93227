package org.opendialer.media.play;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * "Hello Jane,". Least recently used entries beyond {@code maxEntries} are dropped. Rendering runs on
 * {@code executor}, never on the media thread; concurrent requests for one key share one rendering.
 */
public final class PromptCache {

    private static final Pattern PHRASE = Pattern.compile("[^,.;:!?]+[,.;:!?]*");

    private final TtsEngine tts;
    private final Executor executor;
    private final int maxEntries;
    private final Map<String, CompletableFuture<short[]>> entries;
    private long renders;
    private long hits;

    public PromptCache(TtsEngine tts, Executor executor, int maxEntries) {
        this.tts = tts;
        this.executor = executor;
        this.maxEntries = maxEntries;
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
        for (String phrase : phrases(text)) {
            parts.add(cached("tts\0" + voice + "\0" + phrase, () -> tts.render(phrase, voice)));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            int total = 0;
            for (CompletableFuture<short[]> p : parts) {
                total += p.join().length;
            }
            short[] all = new short[total];
            int at = 0;
            for (CompletableFuture<short[]> p : parts) {
                short[] s = p.join();
                System.arraycopy(s, 0, all, at, s.length);
                at += s.length;
            }
            return all;
        });
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
                while (entries.size() > maxEntries) {
                    var eldest = entries.keySet().iterator();
                    eldest.next();
                    eldest.remove();
                }
            } else {
                hits++;
            }
        }
        if (create) {
            CompletableFuture<short[]> target = f;
            executor.execute(() -> {
                try {
                    target.complete(renderer.render());
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

    /** Renders started (cache misses). */
    public synchronized long renders() {
        return renders;
    }

    public synchronized long hits() {
        return hits;
    }
}
