package org.opendialer.media.play;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Renders of both engines reach the cache without the silence around their speech, and otherwise unchanged. */
class SilenceTrimTest {

    private static final ExecutorService WORKERS = Executors.newVirtualThreadPerTaskExecutor();
    private static final int FRAME = 160;
    /** ivr's FlowBench counts a 20 ms frame as voiced above this RMS (full band). */
    private static final double VOICED_RMS = 300;

    @AfterAll
    static void stop() {
        WORKERS.shutdownNow();
    }

    @Test
    void freeTtsPromptsStartWithTheirFirstWordAndKeepTheirSpeech() throws Exception {
        FreeTtsEngine freeTts = new FreeTtsEngine();
        for (String text : new String[] {"Welcome to the support line.", "Hello Jane,", "thank you for calling."}) {
            int[] onsets = assertTrimmed(freeTts, "kevin16", text);
            assertThat(onsets[0] - onsets[1]).as("%s: ms of leading silence removed", text).isGreaterThan(150);
        }
    }

    @Test
    void espeakNgPromptsStartWithTheirFirstWordAndKeepTheirSpeech() throws Exception {
        EspeakNgEngine espeak = new EspeakNgEngine("espeak-ng", 2, Duration.ofSeconds(20));
        assertTrimmed(espeak, "espeak-ng:fr", "Bienvenue sur la ligne d'assistance.");
        assertTrimmed(espeak, "espeak-ng:ko", "안녕하세요");
    }

    /**
     * The cached prompt is one piece of the engine's own render (the speech is unchanged), its first frame above the
     * threshold is its first or second frame (within the margin), it is voiced within 60 ms and what was cut holds
     * nothing above the threshold.
     *
     * @return the voiced onset (ms) of the engine's render and of the cached prompt
     */
    private static int[] assertTrimmed(TtsEngine engine, String voice, String text) throws Exception {
        short[] raw = engine.render(text, voice);
        short[] cached = new PromptCache(engine, WORKERS, 10).tts(text, voice).get(60, TimeUnit.SECONDS);

        int at = indexOf(raw, cached);
        assertThat(at).as("%s: the cached audio is a piece of the render", text).isGreaterThanOrEqualTo(0);
        assertThat(correlation(raw, at, cached)).isGreaterThan(0.9999);

        double[] levels = SilenceTrim.bandLevels(raw);
        double threshold = SilenceTrim.threshold(Arrays.stream(levels).max().orElseThrow());
        int perFrame = FRAME / SilenceTrim.BLOCK;
        int firstLoud = (int) Arrays.stream(SilenceTrim.bandLevels(cached)).takeWhile(e -> e <= threshold).count();
        assertThat(firstLoud / perFrame * FRAME).as("%s: first frame above the threshold", text)
                .isLessThanOrEqualTo(SilenceTrim.LEAD);
        int lastLoud = levels.length;
        while (levels[lastLoud - 1] <= threshold) {
            lastLoud--;
        }
        int cutBefore = at / SilenceTrim.BLOCK;
        assertThat(Arrays.stream(levels, 0, cutBefore).allMatch(e -> e <= threshold)).isTrue(); // none loud cut
        assertThat(at + cached.length).isGreaterThanOrEqualTo(lastLoud * SilenceTrim.BLOCK);
        assertThat(at + cached.length - lastLoud * SilenceTrim.BLOCK).as("%s: quiet kept at the end", text)
                .isLessThanOrEqualTo(SilenceTrim.TAIL);

        int[] onsets = {voicedOnsetMs(raw), voicedOnsetMs(cached)};
        System.out.printf("%s (%s): voiced from %d ms, trimmed from %d ms; %d → %d ms long%n", text, voice,
                onsets[0], onsets[1], raw.length / 8, cached.length / 8);
        assertThat(onsets[1]).as("%s: voiced onset of the cached prompt", text).isLessThanOrEqualTo(60);
        return onsets;
    }

    @Test
    void phrasesOfOneTextArePlayedWithAPauseBetweenThem() throws Exception {
        PromptCache cache = new PromptCache(new FreeTtsEngine(), WORKERS, 10);
        short[] hello = cache.tts("Hello Jane,", "kevin16").get(60, TimeUnit.SECONDS);
        short[] thanks = cache.tts("thank you for calling.", "kevin16").get(60, TimeUnit.SECONDS);
        short[] both = cache.tts("Hello Jane, thank you for calling.", "kevin16").get(60, TimeUnit.SECONDS);
        assertThat(both.length).isEqualTo(hello.length + PromptCache.PHRASE_PAUSE + thanks.length);
        assertThat(Arrays.copyOf(both, hello.length)).isEqualTo(hello);
        assertThat(Arrays.copyOfRange(both, hello.length, hello.length + PromptCache.PHRASE_PAUSE))
                .containsOnly((short) 0);
        assertThat(Arrays.copyOfRange(both, both.length - thanks.length, both.length)).isEqualTo(thanks);
    }

    @Test
    void aRenderOfOnlySilenceIsAnError() {
        PromptCache cache = new PromptCache((text, voice) -> new short[8000], WORKERS, 10);
        assertThat(cache.tts("hello", "quiet")).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class).havingCause()
                .isInstanceOf(IllegalArgumentException.class)
                .withMessage("TTS voice quiet rendered only silence for 'hello'");
        assertThat(SilenceTrim.trim(new short[0])).isEmpty();
    }

    @Test
    void aSoftOnsetWithinTheMarginIsKeptAndASteadyToneIsNotCut() {
        short[] pcm = new short[8000];
        for (int i = 2000; i < 6000; i++) { // a 50 ms 1 kHz tone 26 dB down (a soft consonant), then a loud one
            pcm[i] = (short) Math.round((i < 2400 ? 1000 : 20000) * Math.sin(2 * Math.PI * i / 8));
        }
        short[] t = SilenceTrim.trim(pcm);
        assertThat(t.length).isBetween(SilenceTrim.LEAD + 4000, SilenceTrim.LEAD + 4000 + SilenceTrim.TAIL + 20);
        assertThat(Arrays.copyOf(t, SilenceTrim.LEAD)).containsOnly((short) 0);
        assertThat(Arrays.copyOfRange(t, SilenceTrim.LEAD, SilenceTrim.LEAD + 400))
                .isEqualTo(Arrays.copyOfRange(pcm, 2000, 2400));
        short[] steady = new short[800];
        for (int i = 0; i < steady.length; i++) {
            steady[i] = (short) Math.round(3000 * Math.sin(2 * Math.PI * i / 8));
        }
        assertThat(SilenceTrim.trim(steady)).isSameAs(steady);
    }

    /** Start (ms) of the first 20 ms frame above {@link #VOICED_RMS}. */
    private static int voicedOnsetMs(short[] pcm) {
        for (int f = 0; f + FRAME <= pcm.length; f += FRAME) {
            double sum = 0;
            for (int i = f; i < f + FRAME; i++) {
                sum += (double) pcm[i] * pcm[i];
            }
            if (Math.sqrt(sum / FRAME) > VOICED_RMS) {
                return f / 8;
            }
        }
        return -1;
    }

    private static int indexOf(short[] haystack, short[] needle) {
        outer:
        for (int at = 0; at + needle.length <= haystack.length; at++) {
            for (int i = 0; i < needle.length; i++) {
                if (haystack[at + i] != needle[i]) {
                    continue outer;
                }
            }
            return at;
        }
        return -1;
    }

    /** Normalised correlation of {@code b} with {@code a} from {@code at}. */
    private static double correlation(short[] a, int at, short[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < b.length; i++) {
            ab += (double) a[at + i] * b[i];
            aa += (double) a[at + i] * a[at + i];
            bb += (double) b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
