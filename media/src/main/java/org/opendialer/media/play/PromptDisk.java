package org.opendialer.media.play;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Rendered phrases kept on disk so that a restart does not render them again. A file is named by the SHA-256 of
 * format, voice and phrase (never by the text itself, which may hold anything) and holds raw 8 kHz 16-bit
 * little-endian PCM; it is written to a temporary name and moved into place, so a reader never sees half a file.
 * Nothing here is evicted: the directory grows with the distinct phrases spoken.
 */
final class PromptDisk {

    /** Bump when the stored format or the rendering changes, so old files are no longer found. */
    private static final String FORMAT = "pcm-8k-s16le-1";
    private static final System.Logger LOG = System.getLogger(PromptDisk.class.getName());

    private final Path dir;

    PromptDisk(Path dir) {
        this.dir = dir;
    }

    /** The stored rendering, or null if there is none (or it cannot be read: it is then rendered again). */
    short[] load(String voice, String phrase) {
        Path file = file(voice, phrase);
        try {
            byte[] b = Files.readAllBytes(file);
            short[] pcm = new short[b.length / 2];
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
            return pcm;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read cached prompt " + file + ": " + e);
            return null;
        }
    }

    /** Stores a rendering; a failure only costs a render after the next restart, so it is logged, not thrown. */
    void store(String voice, String phrase, short[] pcm) {
        Path file = file(voice, phrase);
        try {
            Files.createDirectories(dir);
            ByteBuffer b = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            b.asShortBuffer().put(pcm);
            Path tmp = Files.createTempFile(dir, "render", ".tmp");
            try {
                Files.write(tmp, b.array());
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot store rendered prompt in " + dir + ": " + e);
        }
    }

    Path file(String voice, String phrase) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((FORMAT + "\0" + voice + "\0" + phrase).getBytes(UTF_8));
            return dir.resolve(HexFormat.of().formatHex(digest) + ".pcm");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
