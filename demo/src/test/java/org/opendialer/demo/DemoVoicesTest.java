package org.opendialer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.amd.AmdDetector;
import org.opendialer.amd.AmdEvent;
import org.opendialer.amd.AmdParams;
import org.opendialer.amd.AmdResult;
import org.opendialer.media.Playable;
import org.opendialer.media.play.WavFile;

/**
 * Every voice the carrier has, through AMD with its default parameters (frames fed directly, no network): each
 * person's hello followed by the silence of someone listening is a human, each voicemail greeting followed by the
 * beep is a machine whose beep is found. The shared corpus' real answers are included when it is there; of those,
 * AMD may call one it cannot tell apart from a person UNKNOWN (which calls treat as human), never MACHINE.
 */
class DemoVoicesTest {

    /** ../shared/corpus beside the repository, seen from the module directory. */
    static final Path CORPUS = Path.of("../../shared/corpus");

    @Test
    void everyHelloIsAHumanAndEveryGreetingAMachineWithItsBeep(@TempDir Path dir) throws Exception {
        DemoAudio audio = DemoAudio.prepare(dir, CORPUS);
        assertThat(audio.source()).startsWith("espeak-ng");
        assertThat(audio.hellos()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(audio.greetings()).hasSizeGreaterThanOrEqualTo(3);
        List<String> wrong = new ArrayList<>();
        for (Playable hello : audio.hellos()) {
            List<AmdEvent> events = analyse(concat(pcm(hello), new short[8000 * 4]));
            AmdEvent.Decision d = decision(events);
            // a real recording AMD cannot tell apart from a person may be UNKNOWN, which gets the human path too
            boolean real = hello instanceof Playable.Wav w && w.path().startsWith(CORPUS);
            if (d.result() != AmdResult.HUMAN && !(real && d.result() == AmdResult.UNKNOWN)) {
                wrong.add(hello + " -> " + d);
            }
        }
        for (Playable greeting : audio.greetings()) {
            List<AmdEvent> events = analyse(concat(pcm(greeting), pcm(DemoAudio.BEEP), new short[8000 * 3]));
            AmdEvent.Decision d = decision(events);
            List<AmdEvent.MachineEnd> ends = events.stream().filter(AmdEvent.MachineEnd.class::isInstance)
                    .map(AmdEvent.MachineEnd.class::cast).toList();
            if (d.result() != AmdResult.MACHINE || ends.isEmpty() || Math.abs(ends.getFirst().beepHz() - 1000) > 50) {
                wrong.add(greeting + " -> " + d + " " + ends);
            }
        }
        assertThat(wrong).as("voices AMD takes for something else").isEmpty();
    }

    private static List<AmdEvent> analyse(short[] audio) {
        List<AmdEvent> events = new ArrayList<>();
        AmdDetector d = AmdDetector.create(AmdParams.defaults(), events::add);
        for (int i = 0; i + AmdDetector.FRAME_SAMPLES <= audio.length; i += AmdDetector.FRAME_SAMPLES) {
            d.onFrame(Arrays.copyOfRange(audio, i, i + AmdDetector.FRAME_SAMPLES));
        }
        return events;
    }

    private static AmdEvent.Decision decision(List<AmdEvent> events) {
        return events.stream().filter(AmdEvent.Decision.class::isInstance).map(AmdEvent.Decision.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no decision: " + events));
    }

    /** 8 kHz samples of the playables the carrier uses (WAV files, silence, single tones, sequences of them). */
    static short[] pcm(Playable p) throws Exception {
        return switch (p) {
            case Playable.Wav w -> WavFile.read(w.path());
            case Playable.Silence s -> new short[(int) (s.duration().toMillis() * 8)];
            case Playable.Sequence q -> {
                short[] all = new short[0];
                for (Playable item : q.items()) {
                    all = concat(all, pcm(item));
                }
                yield all;
            }
            case Playable.Tone t when t.segments().size() == 1 -> {
                Playable.Tone.Segment seg = t.segments().getFirst();
                short[] out = new short[seg.millis() * 8];
                for (int i = 0; i < out.length; i++) {
                    out[i] = (short) (seg.level() * Math.sin(2 * Math.PI * seg.f1() * i / 8000.0));
                }
                yield out;
            }
            default -> throw new IllegalArgumentException("not rendered here: " + p);
        };
    }

    static short[] concat(short[]... parts) {
        int n = 0;
        for (short[] p : parts) {
            n += p.length;
        }
        short[] out = new short[n];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Test
    void withoutTheCorpusTheGeneratedVoicesRemain(@TempDir Path dir) {
        DemoAudio audio = DemoAudio.prepare(dir, dir.resolve("nothing-here"));
        assertThat(audio.hellos()).hasSize(5);
        assertThat(audio.source()).doesNotContain("corpus");
    }

    @Test
    void withoutEspeakNgFreeTtsSpeaks(@TempDir Path dir) throws Exception {
        DemoAudio audio = DemoAudio.prepare(dir, null, "no-such-espeak-ng");
        assertThat(audio.source()).startsWith("FreeTTS").contains("no-such-espeak-ng is not installed");
        assertThat(audio.hellos()).hasSize(5).allSatisfy(h -> assertThat(h).isInstanceOf(Playable.Sequence.class));
        assertThat(audio.greetings()).hasSize(3).allSatisfy(g -> assertThat(g).isInstanceOf(Playable.Tts.class));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("nothing half-rendered left behind").isEmpty();
        }
    }
}
