package org.opendialer.media;

import org.opendialer.media.session.LegBridge;

/** B2BUA media anchoring: audio flows between two legs through us, with both legs' taps still active. */
public final class MediaBridge {

    private MediaBridge() {
    }

    /** Connects {@code a} and {@code b} (ending any bridge either was in). */
    public static void bridge(MediaSession a, MediaSession b) {
        LegBridge.bridge(a, b);
    }

    public static void unbridge(MediaSession leg) {
        LegBridge.unbridge(leg);
    }
}
