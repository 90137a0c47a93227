package org.opendialer.media.record;

import org.opendialer.media.Recording;
import org.opendialer.media.RecordingLimits;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Writes a leg's audio to an 8 kHz 16-bit mono WAV file, one frame per media tick, stopping at its limits.
 *
 * <p>Frames go through a 64 KiB buffer (about 4 s of audio per write), so the event loop issues a small write to
 * the page cache every few seconds rather than per frame; the header sizes are patched on close. Not thread-safe:
 * owned by the leg's event loop.
 */
public final class WavRecorder {

    private final Path path;
    private final RecordingLimits limits;
    private final long maxFrames;
    private final CompletableFuture<Recording.Result> done = new CompletableFuture<>();
    private final byte[] frameBytes = new byte[320];
    private OutputStream out;
    private long frames;
    private boolean finished;

    public WavRecorder(Path path, RecordingLimits limits) {
        this.path = path;
        this.limits = limits;
        this.maxFrames = limits.maxDuration() == null ? Long.MAX_VALUE : limits.maxDuration().toMillis() / 20;
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            out = new BufferedOutputStream(Files.newOutputStream(path), 65536);
            out.write(new byte[44]); // header placeholder, written on close
        } catch (IOException e) {
            fail(e);
        }
    }

    /** The caller's handle: {@code stop} finishes the file on {@code owner}, the event loop that writes it. */
    public Recording handle(Executor owner) {
        return new Recording() {
            @Override
            public CompletionStage<Result> stop() {
                owner.execute(() -> finish(Reason.STOPPED));
                return done;
            }

            @Override
            public CompletionStage<Result> done() {
                return done;
            }
        };
    }

    public boolean bothDirections() {
        return limits.bothDirections();
    }

    public CompletableFuture<Recording.Result> done() {
        return done;
    }

    public boolean finished() {
        return finished;
    }

    /** Appends one frame: {@code rx} (may be null) mixed with {@code tx} (may be null). */
    public void onFrame(short[] rx, short[] tx) {
        if (finished) {
            return;
        }
        if (frames >= maxFrames) {
            finish(Recording.Reason.DURATION);
            return;
        }
        if ((frames + 1) * 320 > limits.maxBytes()) {
            finish(Recording.Reason.SIZE);
            return;
        }
        for (int i = 0; i < 160; i++) {
            int v = (rx != null ? rx[i] : 0) + (tx != null ? tx[i] : 0);
            v = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
            frameBytes[2 * i] = (byte) v;
            frameBytes[2 * i + 1] = (byte) (v >> 8);
        }
        try {
            out.write(frameBytes);
            frames++;
        } catch (IOException e) {
            fail(e);
        }
    }

    public void finish(Recording.Reason reason) {
        if (finished) {
            return;
        }
        finished = true;
        try {
            out.close();
            writeHeader();
            done.complete(new Recording.Result(path, frames, frames * 320, reason, null));
        } catch (IOException e) {
            done.complete(new Recording.Result(path, frames, frames * 320, Recording.Reason.FAILED, e.toString()));
        }
    }

    private void fail(IOException e) {
        finished = true;
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException ignored) {
            // already failing
        }
        done.complete(new Recording.Result(path, frames, frames * 320, Recording.Reason.FAILED, e.toString()));
    }

    private void writeHeader() throws IOException {
        long data = frames * 320;
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            byte[] h = new byte[44];
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(h).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.putInt(0x46464952).putInt((int) (36 + data)).putInt(0x45564157)
             .putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
             .putShort((short) 2).putShort((short) 16)
             .putInt(0x61746164).putInt((int) data);
            f.seek(0);
            f.write(h);
        }
    }
}
