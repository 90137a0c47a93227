package org.opendialer.media.play;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.media.testutil.Signals;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** WAV prompts written by the JDK's own writer (an independent encoder) in the formats we accept. */
class WavFileTest {

    private static short[] tone(double hz, int rate, int samples) {
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (short) (8000 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return s;
    }

    private static Path write(Path file, short[] pcm, int rate, AudioFormat.Encoding target) throws IOException {
        byte[] b = new byte[pcm.length * 2];
        for (int i = 0; i < pcm.length; i++) {
            b[2 * i] = (byte) pcm[i];
            b[2 * i + 1] = (byte) (pcm[i] >> 8);
        }
        AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(b),
                new AudioFormat(rate, 16, 1, true, false), pcm.length);
        if (target != AudioFormat.Encoding.PCM_SIGNED) {
            in = AudioSystem.getAudioInputStream(target, in);
        }
        AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        return file;
    }

    @Test
    void pcmMuLawAndSixteenKilohertzFilesDecodeTo8kHz(@TempDir Path dir) throws IOException {
        short[] pcm = tone(1000, 8000, 8000);
        assertThat(WavFile.read(write(dir.resolve("pcm.wav"), pcm, 8000, AudioFormat.Encoding.PCM_SIGNED)))
                .isEqualTo(pcm);
        short[] ulaw = WavFile.read(write(dir.resolve("ulaw.wav"), pcm, 8000, AudioFormat.Encoding.ULAW));
        assertThat(ulaw).hasSize(8000);
        for (int i = 0; i < pcm.length; i++) {
            assertThat(Math.abs(ulaw[i] - pcm[i])).isLessThanOrEqualTo(Math.max(16, Math.abs(pcm[i]) / 16));
        }
        short[] wide = WavFile.read(write(dir.resolve("16k.wav"), tone(1000, 16000, 16000), 16000,
                AudioFormat.Encoding.PCM_SIGNED));
        assertThat(wide).hasSize(8000);
        assertThat(Signals.toneShare(wide, 800, 1600, 1000)).isGreaterThan(0.95);
        // 5 kHz cannot exist at 8 kHz: the resampler's low-pass must remove it, not fold it to 3 kHz
        short[] alias = WavFile.read(write(dir.resolve("5k.wav"), tone(5000, 16000, 16000), 16000,
                AudioFormat.Encoding.PCM_SIGNED));
        long energy = 0;
        for (short s : alias) {
            energy += (long) s * s;
        }
        assertThat(Math.sqrt((double) energy / alias.length)).isLessThan(8000 / Math.sqrt(2) / 30); // < -30 dB
    }

    @Test
    void unsupportedFilesAreRejectedWithTheReason(@TempDir Path dir) throws IOException {
        Path junk = Files.write(dir.resolve("x.wav"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> WavFile.read(junk)).hasMessageContaining("not a RIFF/WAVE file");
        short[] pcm = tone(440, 8000, 800);
        Path at11k = write(dir.resolve("11k.wav"), pcm, 11025, AudioFormat.Encoding.PCM_SIGNED);
        assertThatThrownBy(() -> WavFile.read(at11k)).hasMessageContaining("unsupported sample rate 11025");
    }
}
