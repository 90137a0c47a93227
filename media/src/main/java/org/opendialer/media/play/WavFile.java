package org.opendialer.media.play;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.opendialer.media.codec.G711;

/**
 * Reads RIFF/WAVE files into 8 kHz mono 16-bit PCM: 16-bit PCM, µ-law and A-law; mono or stereo (mixed down);
 * 8 kHz or 16 kHz (halved with a short low-pass). Anything else is rejected with a message naming the format.
 * Called off the media thread (prompt loading), so it may allocate freely.
 */
public final class WavFile {

    private WavFile() {
    }

    public static short[] read(Path path) throws IOException {
        return decode(Files.readAllBytes(path), path.toString());
    }

    public static short[] decode(byte[] bytes, String name) throws IOException {
        return decode(bytes, name, false);
    }

    /**
     * Like {@link #decode(byte[], String)} but any rate from 4 to 192 kHz is resampled to 8 kHz: for TTS output
     * such as espeak-ng's 22,050 Hz (whose streamed header gives the data length as "unknown", 0x7FFFFFFF).
     */
    public static short[] decodeAnyRate(byte[] bytes, String name) throws IOException {
        return decode(bytes, name, true);
    }

    private static short[] decode(byte[] bytes, String name, boolean anyRate) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IOException(name + ": not a RIFF/WAVE file");
        }
        int pos = 12;
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        while (pos + 8 <= bytes.length) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                format = b.getShort(body) & 0xFFFF;
                channels = b.getShort(body + 2);
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14);
                if (format == 0xFFFE && size >= 26) {
                    format = b.getShort(body + 24) & 0xFFFF; // WAVE_FORMAT_EXTENSIBLE sub-format
                }
            } else if (id == 0x61746164) { // "data"
                if (format < 0) {
                    throw new IOException(name + ": data chunk before fmt chunk");
                }
                int len = Math.min(size < 0 ? Integer.MAX_VALUE : size, bytes.length - body);
                return toPcm8k(b, body, len, format, channels, rate, bits, name, anyRate);
            }
            pos = body + size + (size & 1);
        }
        throw new IOException(name + ": no data chunk");
    }

    private static short[] toPcm8k(ByteBuffer b, int off, int len, int format, int channels, int rate, int bits,
                                   String name, boolean anyRate) throws IOException {
        G711 law = format == 7 ? G711.PCMU : format == 6 ? G711.PCMA : null;
        if (!((format == 1 && bits == 16) || (law != null && bits == 8)) || channels < 1 || channels > 2) {
            throw new IOException(name + ": unsupported WAV format " + format + " with " + bits + " bits and "
                    + channels + " channels (need 16-bit PCM, µ-law or A-law, mono or stereo)");
        }
        if (anyRate ? rate < 4000 || rate > 192000 : rate != 8000 && rate != 16000) {
            throw new IOException(name + ": unsupported sample rate " + rate
                    + (anyRate ? " (need 4000 to 192000)" : " (need 8000 or 16000)"));
        }
        int bytesPerSample = bits / 8;
        int frames = len / (bytesPerSample * channels);
        short[] pcm = new short[frames];
        for (int i = 0; i < frames; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                int at = off + (i * channels + c) * bytesPerSample;
                sum += law != null ? law.decode(b.get(at)) : b.getShort(at);
            }
            pcm[i] = (short) (sum / channels);
        }
        return Resampler.to8k(pcm, rate);
    }
}
