package org.opendialer.media.codec;

import org.junit.jupiter.api.Test;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class G711Test {

    @Test
    void referenceCodeWords() {
        assertThat(G711.PCMU.decode((byte) 0xFF)).isEqualTo((short) 0);
        assertThat(G711.PCMU.decode((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(G711.PCMU.decode((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(G711.PCMA.decode((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(G711.PCMA.decode((byte) 0x55)).isEqualTo((short) -8);
        assertThat(G711.PCMA.decode((byte) 0xAA)).isEqualTo((short) 32256);
        assertThat(G711.PCMU.encode((short) 0)).isEqualTo((byte) 0xFF);
        assertThat(G711.PCMA.encode((short) 0)).isEqualTo((byte) 0xD5);
    }

    @Test
    void encodingADecodedValueGivesTheSameCodeWordBack() {
        for (G711 law : G711.values()) {
            for (int b = 0; b < 256; b++) {
                short s = law.decode((byte) b);
                // µ-law has two zeros (0x7F, 0xFF); both decode to 0 and 0 encodes to 0xFF
                if (law == G711.PCMU && s == 0) {
                    continue;
                }
                assertThat(law.encode(s) & 0xFF).as("%s code %02x", law, b).isEqualTo(b);
            }
        }
    }

    @Test
    void encodeAgreesWithTheJdkConverterForEverySample() throws Exception {
        byte[] pcm = new byte[65536 * 2];
        for (int s = Short.MIN_VALUE, i = 0; s <= Short.MAX_VALUE; s++, i++) {
            pcm[2 * i] = (byte) (s >> 8);
            pcm[2 * i + 1] = (byte) s;
        }
        for (G711 law : G711.values()) {
            AudioFormat src = new AudioFormat(8000, 16, 1, true, true);
            AudioFormat.Encoding enc = law == G711.PCMU ? AudioFormat.Encoding.ULAW : AudioFormat.Encoding.ALAW;
            AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), src, 65536);
            byte[] jdk = AudioSystem.getAudioInputStream(enc, in).readAllBytes();
            short[] all = new short[65536];
            for (int i = 0; i < 65536; i++) {
                all[i] = (short) (Short.MIN_VALUE + i);
            }
            byte[] ours = new byte[65536];
            law.encode(all, 0, ours, 0, 65536);
            int differ = 0;
            for (int i = 0; i < 65536; i++) {
                if (ours[i] != jdk[i] && law.decode(ours[i]) != law.decode(jdk[i])) {
                    differ++;
                }
            }
            // The JDK is an independent but imperfect reference: its µ-law encoder overflows near -32768 and both
            // its encoders round a few values at segment decision levels the other way. Agree on 98.5 %.
            assertThat(differ).as(law.name()).isLessThan(65536 * 15 / 1000);
        }
    }

    @Test
    void quantisationErrorStaysWithinTheSegmentStep() {
        for (G711 law : G711.values()) {
            for (int s = -32000; s <= 32000; s += 7) {
                int back = law.decode(law.encode((short) s));
                int step = Math.max(16, Math.abs(s) / 16);
                assertThat(Math.abs(back - s)).as("%s at %d", law, s).isLessThanOrEqualTo(step);
            }
        }
    }

    @Test
    void bulkCallsMatchScalarCalls() {
        short[] in = new short[160];
        for (int i = 0; i < 160; i++) {
            in[i] = (short) (10000 * Math.sin(i / 5.0));
        }
        byte[] enc = new byte[170];
        short[] dec = new short[170];
        G711.PCMA.encode(in, 0, enc, 10, 160);
        G711.PCMA.decode(enc, 10, dec, 5, 160);
        for (int i = 0; i < 160; i++) {
            assertThat(enc[10 + i]).isEqualTo(G711.PCMA.encode(in[i]));
            assertThat(dec[5 + i]).isEqualTo(G711.PCMA.decode(enc[10 + i]));
        }
    }
}
