package org.opendialer.media.play;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.VoiceManager;
import com.sun.speech.freetts.audio.AudioPlayer;

import javax.sound.sampled.AudioFormat;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * FreeTTS (the kevin16 diphone voice, 16 kHz) rendered into memory and resampled to 8 kHz. FreeTTS voices are
 * not thread-safe, so rendering is serialised; callers reach it through {@link PromptCache} from a worker thread.
 */
public final class FreeTtsEngine implements TtsEngine {

    private final Map<String, Voice> voices = new HashMap<>();

    public FreeTtsEngine() {
        if (System.getProperty("freetts.voices") == null) {
            System.setProperty("freetts.voices", "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory");
        }
    }

    @Override
    public synchronized short[] render(String text, String voiceName) throws Exception {
        Voice voice = voices.get(voiceName);
        if (voice == null) {
            voice = VoiceManager.getInstance().getVoice(voiceName);
            if (voice == null) {
                throw new IllegalArgumentException("unknown FreeTTS voice " + voiceName + " (have kevin, kevin16)");
            }
            voice.allocate();
            voices.put(voiceName, voice);
        }
        MemoryPlayer player = new MemoryPlayer();
        voice.setAudioPlayer(player);
        if (!voice.speak(text)) {
            throw new IllegalStateException("FreeTTS could not speak: " + text);
        }
        short[] pcm = player.pcm8k();
        if (pcm.length == 0 && text.codePoints().anyMatch(Character::isLetterOrDigit)) {
            // kevin16 reads English only: other scripts (Hangul, Cyrillic …) come out as nothing at all
            throw new IllegalArgumentException("FreeTTS voice " + voiceName + " (English) rendered no audio for '"
                    + text + "': for another language use an espeak-ng:<language> voice");
        }
        return pcm;
    }

    /** Collects FreeTTS output; only the methods FreeTTS calls while speaking do anything. */
    private static final class MemoryPlayer implements AudioPlayer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private AudioFormat format = new AudioFormat(16000, 16, 1, true, true);

        short[] pcm8k() {
            byte[] b = bytes.toByteArray();
            short[] pcm = new short[b.length / 2];
            boolean big = format.isBigEndian();
            for (int i = 0; i < pcm.length; i++) {
                int hi = big ? b[2 * i] : b[2 * i + 1];
                int lo = (big ? b[2 * i + 1] : b[2 * i]) & 0xFF;
                pcm[i] = (short) ((hi << 8) | lo);
            }
            return format.getSampleRate() > 8000 ? Resampler.halve(pcm) : pcm;
        }

        @Override public void setAudioFormat(AudioFormat f) { format = f; }
        @Override public AudioFormat getAudioFormat() { return format; }
        @Override public void pause() { }
        @Override public void resume() { }
        @Override public void reset() { }
        @Override public boolean drain() { return true; }
        @Override public void begin(int size) { }
        @Override public boolean end() { return true; }
        @Override public void cancel() { }
        @Override public void close() { }
        @Override public float getVolume() { return 1f; }
        @Override public void setVolume(float v) { }
        @Override public long getTime() { return 0; }
        @Override public void resetTime() { }
        @Override public void startFirstSampleTimer() { }
        @Override public boolean write(byte[] data) { return write(data, 0, data.length); }
        @Override public boolean write(byte[] data, int off, int len) { bytes.write(data, off, len); return true; }
        @Override public void showMetrics() { }
    }
}
