package org.opendialer.media.play;

/**
 * The one {@link TtsEngine} the prompt cache uses, choosing the engine by voice: {@code espeak-ng:<language>}
 * (and {@code espeak-ng-ssml:<language>}) go to espeak-ng, every other voice (kevin16) to FreeTTS.
 */
public final class TtsEngines implements TtsEngine {

    private final TtsEngine freeTts;
    private final EspeakNgEngine espeak;

    public TtsEngines(TtsEngine freeTts, EspeakNgEngine espeak) {
        this.freeTts = freeTts;
        this.espeak = espeak;
    }

    @Override
    public short[] render(String text, String voice) throws Exception {
        return EspeakNgEngine.handles(voice) ? espeak.render(text, voice) : freeTts.render(text, voice);
    }

    @Override
    public boolean phrased(String voice) {
        return !voice.startsWith(EspeakNgEngine.SSML_PREFIX);
    }

    public EspeakNgEngine espeak() {
        return espeak;
    }
}
