package org.opendialer.media.play;

import org.opendialer.media.PlayOptions;
import org.opendialer.media.PlayResult;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * A leg's playback queue, pulled once per media tick. Items start only when their audio is loaded, so a slow TTS
 * render delays its own item, never the media clock. Not thread-safe: owned by the leg's event loop.
 */
public final class Player {

    private record Item(FrameSource source, PlayOptions options, CompletableFuture<PlayResult> result) {
    }

    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private Item current;
    private long frames;

    public void enqueue(FrameSource source, PlayOptions options, CompletableFuture<PlayResult> result) {
        queue.addLast(new Item(source, options, result));
    }

    /** Fills {@code out} with the next frame of playback; false if nothing is playing. */
    public boolean read(short[] out) {
        while (true) {
            if (current == null) {
                current = queue.pollFirst();
                frames = 0;
                if (current == null) {
                    return false;
                }
            }
            if (current.source.read(out)) {
                frames++;
                return true;
            }
            finish(PlayResult.completed(frames));
        }
    }

    /** A digit began: interrupts the current item and queued items that allow barge-in. */
    public void onDigit(char digit) {
        if (current != null && current.options.bargeIn()) {
            finish(PlayResult.interrupted(digit, frames));
            queue.removeIf(i -> {
                if (i.options.bargeIn()) {
                    i.result.complete(PlayResult.interrupted(digit, 0));
                    return true;
                }
                return false;
            });
        }
    }

    public void stopAll() {
        if (current != null) {
            finish(PlayResult.stopped(frames));
        }
        Item i;
        while ((i = queue.pollFirst()) != null) {
            i.result.complete(PlayResult.stopped(0));
        }
    }

    public boolean playing() {
        return current != null || !queue.isEmpty();
    }

    private void finish(PlayResult r) {
        Item done = current;
        current = null;
        done.result.complete(r);
    }
}
