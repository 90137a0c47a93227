package org.opendialer.media.play;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PcmSourceTest {

    @Test
    void speechStartsFortyMillisecondsBeforeTheFirstWordOfARealFreeTtsPrompt() throws Exception {
        short[] pcm = new FreeTtsEngine().render("Hello Jane,", "kevin16");
        int firstSound = firstAbove(pcm, 0, 300);
        assertThat(firstSound / 8).as("FreeTTS opens with silence, ms").isGreaterThan(150);

        short[] frame = new short[160];
        PcmSource whole = new PcmSource(pcm);
        PcmSource speech = PcmSource.speech(pcm);
        int wholeFrames = 0;
        while (whole.read(frame)) {
            wholeFrames++;
        }
        int silentFrames = 0;
        while (speech.read(frame) && firstAbove(frame, 0, 300) < 0) {
            silentFrames++;
        }
        assertThat(silentFrames).as("frames before the first sound").isBetween(1, 3);
        int rest = 1;
        while (speech.read(frame)) {
            rest++;
        }
        assertThat(wholeFrames - (silentFrames + rest)).as("frames cut: only the leading silence")
                .isBetween((firstSound - 320) / 160 - 1, (firstSound - 320) / 160 + 1);
    }

    @Test
    void aPromptWithoutSoundOrWithoutLeadingSilencePlaysWhole() {
        short[] frame = new short[160];
        PcmSource silent = PcmSource.speech(new short[800]);
        int frames = 0;
        while (silent.read(frame)) {
            frames++;
        }
        assertThat(frames).isEqualTo(5);
        short[] loud = new short[320];
        java.util.Arrays.fill(loud, (short) 8000);
        PcmSource speech = PcmSource.speech(loud);
        assertThat(speech.read(frame)).isTrue();
        assertThat(frame[0]).isEqualTo((short) 8000);
    }

    private static int firstAbove(short[] pcm, int from, int level) {
        for (int i = from; i < pcm.length; i++) {
            if (Math.abs(pcm[i]) > level) {
                return i;
            }
        }
        return -1;
    }
}
