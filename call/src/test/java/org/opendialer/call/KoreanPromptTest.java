package org.opendialer.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.media.PlayResult;
import org.opendialer.media.Playable;
import org.opendialer.media.play.WavFile;
import org.opendialer.sip.Q850;

/**
 * A prompt in Korean ({@code espeak-ng:ko}) played on a real call over loopback is Korean where it is heard: the far
 * end (a second server's inbound session) records what it receives, and that audio is compared, by normalised
 * cross-correlation, with espeak-ng's own renderings of the text made here with the command line and resampled by
 * sox (neither goes through our engine). espeak-ng reads Hangul with its Korean rules even in a French voice, but
 * the voices differ in timing and pitch, so the waveforms of the two renderings correlate by ~0.1 only: a call
 * that played French, English, FreeTTS or silence scores low against the Korean reference.
 */
class KoreanPromptTest {

    private static final String TEXT = "안녕하세요 고객님 상담원을 연결해 드리겠습니다";

    @Test
    void aKoreanPromptIsHeardAsEspeakNgsKoreanAndNotItsFrench(@TempDir Path dir) throws Exception {
        short[] ko = WavFile.read(reference(dir, "ko"));
        short[] fr = WavFile.read(reference(dir, "fr"));
        assertThat(Audio.correlation(ko, fr)).as("the references themselves differ").isLessThan(0.3);

        short[] heard;
        try (Rig far = Rig.start(Rig.trunk("near", 5060, "n"));
             Rig near = Rig.start(Rig.trunk("far", far.sip.port(), "f"))) {
            short[] recording = new short[8000 * 20];
            int[] length = new int[1];
            CompletableFuture<CallSession> farEnd = new CompletableFuture<>();
            far.sessions.route("*", session -> {
                session.media().addTap((pcm, index) -> {
                    int at = (int) index * 160;
                    if (at + 160 <= recording.length) {
                        System.arraycopy(pcm, 0, recording, at, 160);
                        length[0] = at + 160;
                    }
                });
                session.answer();
                farEnd.complete(session);
            });
            CallSession call = near.sessions.originate(OriginateSpec.toNumber("+12015550001").withTrunkGroup("f"));
            call.answered().get(10, TimeUnit.SECONDS);
            PlayResult played = call.play(new Playable.Tts(TEXT, "espeak-ng:ko")).get(30, TimeUnit.SECONDS);
            assertThat(played.outcome()).isEqualTo(PlayResult.Outcome.COMPLETED);
            Thread.sleep(300); // the last frames still in the far end's jitter buffer
            call.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
            farEnd.get(10, TimeUnit.SECONDS).ended().get(10, TimeUnit.SECONDS);
            heard = java.util.Arrays.copyOf(recording, length[0]);
        }
        assertThat(heard.length).as("heard at least the prompt's length").isGreaterThan(ko.length);
        assertThat(Audio.correlation(heard, ko)).as("heard vs espeak-ng -v ko").isGreaterThan(0.9);
        assertThat(Audio.correlation(heard, fr)).as("heard vs espeak-ng -v fr").isLessThan(0.3);
    }

    private static Path reference(Path dir, String voice) throws Exception {
        return Audio.generate(dir, voice + ".wav", "espeak-ng -v " + voice + " -w {raw} '" + TEXT
                + "' && sox {raw} -r 8000 -c 1 -b 16 -e signed-integer {out}");
    }
}
