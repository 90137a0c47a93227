package org.opendialer.media.play;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.opendialer.media.Playable;
import org.opendialer.media.testutil.Signals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** FreeTTS kevin16 through the phrase cache, and the generated playables. */
class PromptCacheTest {

    private static final ExecutorService WORKERS = Executors.newVirtualThreadPerTaskExecutor();
    private final PromptCache cache = new PromptCache(new FreeTtsEngine(), WORKERS, 100);

    @AfterAll
    static void stop() {
        WORKERS.shutdownNow();
    }

    @Test
    void personalisedSentencesRenderOnlyTheNewPhrase() throws Exception {
        short[] jane = cache.tts("Hello Jane, your appointment is on Tuesday.", "kevin16").get(60, TimeUnit.SECONDS);
        assertThat(cache.renders()).isEqualTo(2);
        assertThat(jane.length).isBetween(8000, 8000 * 6); // 1 to 6 s of 8 kHz speech
        long energy = 0;
        for (short s : jane) {
            energy += (long) s * s;
        }
        assertThat(energy / jane.length).isGreaterThan(100_000); // audible speech, not silence
        assertThat(Signals.detect(jane)).isEmpty(); // and our own prompts do not talk-off the detector

        short[] bob = cache.tts("Hello Bob, your appointment is on Tuesday.", "kevin16").get(60, TimeUnit.SECONDS);
        assertThat(cache.renders()).isEqualTo(3); // only "Hello Bob," was rendered
        assertThat(cache.hits()).isEqualTo(1);
        short[] again = cache.tts("Hello Jane, your appointment is on Tuesday.", "kevin16").get(1, TimeUnit.SECONDS);
        assertThat(again).isEqualTo(jane);
        assertThat(cache.renders()).isEqualTo(3);
    }

    @Test
    void textFreeTtsCannotReadFailsInsteadOfPlayingSilence() {
        assertThat(cache.tts("안녕하세요", "kevin16")).failsWithin(Duration.ofSeconds(30))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class).havingCause()
                .isInstanceOf(IllegalArgumentException.class)
                .withMessageContaining("rendered no audio for '안녕하세요'").withMessageContaining("espeak-ng:");
    }

    @Test
    void phrasesSplitAfterPunctuation() {
        assertThat(PromptCache.phrases("Hello Jane, your appointment is on Tuesday. Press 1!"))
                .containsExactly("Hello Jane,", "your appointment is on Tuesday.", "Press 1!");
        assertThat(PromptCache.phrases("...")).isEmpty();
    }

    @Test
    void unknownVoiceFailsWithoutPoisoningTheCache() {
        var f = cache.tts("hi", "nobody");
        assertThat(f).failsWithin(Duration.ofSeconds(30));
        assertThat(cache.tts("hi", "nobody")).failsWithin(Duration.ofSeconds(30));
        assertThat(cache.renders()).isEqualTo(2); // failures are not cached
    }

    @Test
    void generatedSourcesHaveTheRequestedLengthAndPitch() throws Exception {
        PromptLoader loader = new PromptLoader(cache);
        FrameSource seq = loader.load(new Playable.Sequence(List.of(
                new Playable.Silence(Duration.ofMillis(100)),
                Playable.Tone.single(1000, Duration.ofMillis(200)),
                new Playable.Pcm(new short[250])))).get(1, TimeUnit.SECONDS);
        short[] f = new short[160];
        int frames = 0;
        short[] all = new short[160 * 20];
        while (seq.read(f)) {
            System.arraycopy(f, 0, all, frames * 160, 160);
            frames++;
        }
        assertThat(frames).isEqualTo(5 + 10 + 2);
        assertThat(Signals.toneShare(all, 5 * 160, 10 * 160, 1000)).isGreaterThan(0.95);
        FrameSource ring = loader.load(Playable.Tone.ringback(Duration.ofSeconds(7))).get();
        int ringFrames = 0;
        while (ring.read(f)) {
            ringFrames++;
        }
        assertThat(ringFrames).isEqualTo(350);
    }
}
