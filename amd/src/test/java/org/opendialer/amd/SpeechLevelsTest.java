package org.opendialer.amd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision holds from -35 to -3 dBFS speech over line noise, through both G.711 laws and with lost packets:
 * a short answer stays HUMAN and a long greeting MACHINE at every combination.
 */
class SpeechLevelsTest {

    static Stream<Arguments> lines() {
        List<Arguments> all = new ArrayList<>();
        for (double level : new double[] {-35, -20, -3}) {
            for (String codec : new String[] {"linear", "ulaw", "alaw"}) {
                for (double loss : new double[] {0, 0.05}) {
                    all.add(Arguments.of(level, codec, loss));
                }
            }
        }
        return all.stream();
    }

    /**
     * Speech of -54 dBFS RMS on a quiet line (-72 dBFS, the level of an idle A-law line): below the issue's
     * -35 dBFS, where the vowels barely clear {@code minSpeechDbfs} and the rest of each syllable is under it.
     */
    static Stream<Arguments> quietLines() {
        List<Arguments> all = new ArrayList<>();
        for (double level : new double[] {-54}) {
            for (String codec : new String[] {"linear", "ulaw", "alaw"}) {
                for (double loss : new double[] {0, 0.05}) {
                    all.add(Arguments.of(level, codec, loss));
                }
            }
        }
        return all.stream();
    }

    static Stream<Arguments> quietestLines() {
        return Stream.of(-56.0, -58.0)
                .flatMap(level -> quietLines().map(a -> Arguments.of(level, a.get()[1], a.get()[2])));
    }

    /** "Hello?": 600 ms of speech after 400 ms, then the person waits. */
    private static Signals answer(long seed, double level) {
        return new Signals(seed).silence(400).speech(600, level).silence(4000);
    }

    /** Six words of 700 ms with 200 ms pauses, then silence. */
    private static Signals greeting(long seed, double level) {
        Signals s = new Signals(seed).silence(300);
        for (int i = 0; i < 6; i++) {
            s.speech(700, level).silence(200);
        }
        return s.silence(3000);
    }

    private static AmdResult decide(Signals s, String codec, double loss) {
        return decide(s, -52, codec, loss);
    }

    private static AmdResult decide(Signals s, double noiseDbfs, String codec, double loss) {
        s.noise(noiseDbfs);
        if (!codec.equals("linear")) {
            s.g711(codec.equals("alaw"));
        }
        short[] audio = s.loseFrames(loss).samples();
        List<AmdEvent> events = new ArrayList<>();
        AmdDetector d = AmdDetector.create(AmdParams.defaults(), events::add);
        Signals.feed(audio, d::onFrame);
        return events.stream().filter(AmdEvent.Decision.class::isInstance).map(AmdEvent.Decision.class::cast)
                .findFirst().orElseThrow().result();
    }

    @ParameterizedTest(name = "{0} dBFS {1} loss {2}")
    @MethodSource("lines")
    void shortAnswerIsHuman(double level, String codec, double loss) {
        assertThat(decide(answer(7, level), codec, loss)).isEqualTo(AmdResult.HUMAN);
    }

    @ParameterizedTest(name = "{0} dBFS {1} loss {2}")
    @MethodSource("lines")
    void longGreetingIsMachine(double level, String codec, double loss) {
        assertThat(decide(greeting(7, level), codec, loss)).isEqualTo(AmdResult.MACHINE);
    }

    @ParameterizedTest(name = "{0} dBFS {1} loss {2}")
    @MethodSource("quietLines")
    void quietShortAnswerIsHuman(double level, String codec, double loss) {
        assertThat(decide(answer(11, level), -72, codec, loss)).isEqualTo(AmdResult.HUMAN);
    }

    @ParameterizedTest(name = "{0} dBFS {1} loss {2}")
    @MethodSource("quietLines")
    void quietLongGreetingIsMachine(double level, String codec, double loss) {
        // a quiet greeting's consonants and transitions fall 10-15 dB under its vowels: they must not split it into
        // fragments shorter than a word
        assertThat(decide(greeting(11, level), -72, codec, loss)).isEqualTo(AmdResult.MACHINE);
    }

    @ParameterizedTest(name = "{0} dBFS {1} loss {2}")
    @MethodSource("quietestLines")
    void tooQuietForWordsIsStillNotSilence(double level, String codec, double loss) {
        // -56 and -58 dBFS, 14-16 dB over the line: too little for a word, still a sound over the line, so a person
        // waiting there is UNKNOWN (treated as a person), never NO_SPEECH. (At -60, through G.711, it is NO_SPEECH:
        // the limit of the gate.)
        assertThat(decide(answer(11, level), -72, codec, loss)).isIn(AmdResult.HUMAN, AmdResult.UNKNOWN);
    }
}
