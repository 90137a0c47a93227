package org.opendialer.api.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;
import org.opendialer.media.MediaServer;

/**
 * The media engine on {@code /metrics}: open sessions, RTP packets both ways, loss, the worst jitter of the open
 * legs, concealed and discarded frames, late packets and skipped media ticks, summed over every leg since start
 * ({@link MediaServer#totals()}, read at each scrape).
 */
final class MediaMetrics {

    private MediaMetrics() {
    }

    static void bind(MeterRegistry registry, MediaServer media) {
        Gauge.builder("dialer.media.sessions.active", media, MediaServer::activeSessions)
                .description("RTP sessions open (one per call leg with media)").register(registry);
        counter(registry, "dialer.media.packets", "direction", "in", "RTP packets received", m -> m.totals().packetsIn(), media);
        counter(registry, "dialer.media.packets", "direction", "out", "RTP packets sent", m -> m.totals().packetsOut(), media);
        counter(registry, "dialer.media.packets.lost", null, null, "RTP packets lost on the way to us (RFC 3550)",
                m -> m.totals().packetsLost(), media);
        counter(registry, "dialer.media.packets.late", null, null, "RTP packets that came after their playout time",
                m -> m.totals().packetsLate(), media);
        counter(registry, "dialer.media.frames.concealed", null, null,
                "20 ms frames missing at playout while later ones had arrived (packet loss concealment)",
                m -> m.totals().framesConcealed(), media);
        counter(registry, "dialer.media.frames.discarded", null, null,
                "20 ms frames received but thrown away unplayed (jitter-buffer resync or a change of source)",
                m -> m.totals().framesDiscarded(), media);
        counter(registry, "dialer.media.ticks.skipped", null, null,
                "media-clock ticks an overloaded event loop skipped (each skips a sent frame of its legs; the received "
                        + "frame is read late)",
                MediaServer::skippedTicks, media);
        Gauge.builder("dialer.media.jitter.max", media, m -> m.totals().jitterMs() / 1000.0).baseUnit("seconds")
                .description("highest RFC 3550 interarrival jitter among the open legs").register(registry);
    }

    private static void counter(MeterRegistry registry, String name, String tag, String value, String description,
                                ToDoubleFunction<MediaServer> f, MediaServer media) {
        var b = FunctionCounter.builder(name, media, f).description(description);
        if (tag != null) {
            b.tag(tag, value);
        }
        b.register(registry);
    }
}
