package org.opendialer.media;

import java.util.concurrent.CompletableFuture;
import org.opendialer.media.session.MediaServerImpl;

/**
 * The media engine: one Netty event-loop group for all RTP/RTCP sockets and one 20 ms media clock driving every
 * leg's playout, playback and sending.
 */
public interface MediaServer extends AutoCloseable {

    /** Starts with the wall clock and real-time ticks. */
    static MediaServer start(MediaConfig config) {
        return MediaServerImpl.start(config, MediaServerOptions.defaults());
    }

    /** Starts with explicit options (tests pass a manual clock; benchmarks set threads). */
    static MediaServer start(MediaConfig config, MediaServerOptions options) {
        return MediaServerImpl.start(config, options);
    }

    /**
     * Binds an even RTP port and the next odd RTCP port from the configured range (ports another process holds
     * are skipped). Blocks for the bind, so call it from a caller thread or a Vert.x worker, never from a media
     * event loop or a tap/listener callback.
     *
     * @throws IllegalStateException if no pair in the range is free
     */
    MediaSession createSession(String callId);

    int activeSessions();

    /**
     * Counters of every leg since start, closed legs included (a closed leg counts as of its close); jitter and
     * remote loss are the worst among the legs still open ({@code 0} and {@code -1} when none is).
     */
    MediaStats totals();

    /**
     * Media-clock ticks an overloaded event loop skipped since start, summed over the loops. Each skips one sent
     * frame of the loop's legs; their received frames are read in the following ticks ({@link
     * MediaStats#framesCaughtUp()}) and are lost only if the stall outlasts the jitter buffer's 1.28 s ring
     * ({@link MediaStats#framesDiscarded()}).
     */
    long skippedTicks();

    /**
     * Loads or renders a prompt into the shared prompt cache now (files and TTS, off the media threads), so that a
     * later {@link MediaSession#play} of the same playable starts at once; e.g. render a personalised sentence while
     * the phone still rings. Completes exceptionally when the file or text cannot be prepared.
     */
    CompletableFuture<Void> prefetch(Playable playable);

    /**
     * Checks, without rendering, that {@code voice} can speak: for {@code espeak-ng:<language>} that espeak-ng has
     * a voice for the language (or its base language). Lets a request naming a language be refused up front.
     *
     * @throws IllegalArgumentException naming the language and those espeak-ng has, when it has none for it
     * @throws IllegalStateException when espeak-ng cannot be asked (not installed, hung)
     */
    void checkVoice(String voice);

    /** Closes all legs, stops the clock and the event loops. */
    @Override
    void close();
}
