package org.opendialer.media.play;

import org.opendialer.media.Playable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Turns a {@link Playable} into a {@link FrameSource}, loading files and rendering text through the cache. */
public final class PromptLoader {

    private final PromptCache cache;

    public PromptLoader(PromptCache cache) {
        this.cache = cache;
    }

    public CompletableFuture<FrameSource> load(Playable p) {
        return switch (p) {
            case Playable.Wav w -> cache.wav(w.path()).thenApply(PcmSource::new);
            case Playable.Tts t -> cache.tts(t.text(), t.voice()).thenApply(PcmSource::new);
            case Playable.Silence s -> CompletableFuture.completedFuture(
                    new SilenceSource((int) Math.max(0, s.duration().toMillis() / 20)));
            case Playable.Tone t -> CompletableFuture.completedFuture(new ToneSource(t));
            case Playable.Pcm pcm -> CompletableFuture.completedFuture(new PcmSource(pcm.samples()));
            case Playable.Sequence seq -> {
                List<CompletableFuture<FrameSource>> parts = new ArrayList<>();
                for (Playable item : seq.items()) {
                    parts.add(load(item));
                }
                yield CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                        .thenApply(v -> new SequenceSource(parts.stream().map(CompletableFuture::join).toList()));
            }
        };
    }
}
