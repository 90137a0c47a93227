package org.opendialer.media.play;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cache's memory bound: held audio never exceeds maxSamples; the least recently used phrase goes first. */
class PromptCacheBoundTest {

    @Test
    void heldAudioStaysWithinTheSampleBoundDroppingTheLeastRecentlyUsed() throws Exception {
        AtomicInteger renders = new AtomicInteger();
        TtsEngine oneSecond = (text, voice) -> {
            renders.incrementAndGet();
            short[] tone = new short[8000]; // steady 1 kHz, so the cache's silence trim keeps all of it
            for (int i = 0; i < tone.length; i++) {
                tone[i] = (short) Math.round(3000 * Math.sin(2 * Math.PI * i / 8));
            }
            return tone;
        };
        PromptCache cache = new PromptCache(oneSecond, Runnable::run, 100, 20_000, null);
        for (String phrase : new String[] {"a", "b", "a", "c"}) { // "a" used again before "c" arrives
            cache.tts(phrase, "v").get(1, TimeUnit.SECONDS);
            assertThat(cache.samples()).isLessThanOrEqualTo(20_000);
        }
        assertThat(renders).hasValue(3);
        cache.tts("a", "v").get(1, TimeUnit.SECONDS); // kept: it was used more recently than "b"
        assertThat(renders).hasValue(3);
        cache.tts("b", "v").get(1, TimeUnit.SECONDS); // dropped when "c" came in
        assertThat(renders).hasValue(4);
        assertThat(cache.samples()).isEqualTo(16_000);
    }
}
