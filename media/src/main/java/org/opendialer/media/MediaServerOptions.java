package org.opendialer.media;

import org.opendialer.media.session.MediaClock;

/**
 * Engine settings beyond {@link MediaConfig}.
 *
 * @param clock             time source and tick driver; {@link MediaClock#realtime()} in production
 * @param eventLoopThreads  Netty threads (0 = number of cores)
 * @param jitterDepthFrames playout delay in 20 ms frames
 * @param sendSilenceWhenIdle keep RTP flowing with silence when nothing plays (keeps NAT bindings and the
 *                          peer's latching alive)
 * @param nativeTransport   use Netty's epoll transport where available (Linux), else JDK NIO
 */
public record MediaServerOptions(MediaClock clock, int eventLoopThreads, int jitterDepthFrames,
                                 boolean sendSilenceWhenIdle, boolean nativeTransport) {

    public static MediaServerOptions defaults() {
        return new MediaServerOptions(MediaClock.realtime(), 0, 3, true, true);
    }

    public MediaServerOptions withClock(MediaClock c) {
        return new MediaServerOptions(c, eventLoopThreads, jitterDepthFrames, sendSilenceWhenIdle, nativeTransport);
    }

    public MediaServerOptions withThreads(int threads) {
        return new MediaServerOptions(clock, threads, jitterDepthFrames, sendSilenceWhenIdle, nativeTransport);
    }

    public MediaServerOptions withNativeTransport(boolean on) {
        return new MediaServerOptions(clock, eventLoopThreads, jitterDepthFrames, sendSilenceWhenIdle, on);
    }
}
