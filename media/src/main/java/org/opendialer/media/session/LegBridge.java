package org.opendialer.media.session;

import org.opendialer.media.MediaSession;

/**
 * Media anchoring between two legs: each leg's decoded received frames (after its taps) feed the other leg's send
 * path through a {@link FrameRing}, so both legs' DTMF detection, AMD and recording keep working while bridged.
 * Prompts or DTMF sent to a leg take precedence over bridged audio for their duration. Both legs' type-ahead is
 * dropped at the bridge and again when it ends.
 */
public final class LegBridge {

    private LegBridge() {
    }

    public static void bridge(MediaSession a, MediaSession b) {
        RtpMediaSession x = cast(a);
        RtpMediaSession y = cast(b);
        if (x == y) {
            throw new IllegalArgumentException("cannot bridge a leg to itself: " + a.callId());
        }
        synchronized (LegBridge.class) {
            unbridge(x);
            unbridge(y);
            FrameRing xy = new FrameRing();
            FrameRing yx = new FrameRing();
            x.partner = y;
            y.partner = x;
            y.tx.bridgeIn = xy;
            x.tx.bridgeIn = yx;
            x.bridgeOut = xy;
            y.bridgeOut = yx;
        }
        x.flushDigits(); // what either side typed ahead was for the IVR before the transfer
        y.flushDigits();
    }

    /** Ends the bridge this leg is in, if any (both legs go back to silence/playback). */
    public static void unbridge(MediaSession leg) {
        RtpMediaSession x = cast(leg);
        synchronized (LegBridge.class) {
            RtpMediaSession y = x.partner;
            if (y == null) {
                return;
            }
            for (RtpMediaSession s : new RtpMediaSession[] {x, y}) {
                s.partner = null;
                s.bridgeOut = null;
                s.tx.bridgeIn = null;
                s.flushDigits(); // keys pressed while talking were for the other party, not the next menu
            }
        }
    }

    public static MediaSession partnerOf(MediaSession leg) {
        return cast(leg).partner;
    }

    private static RtpMediaSession cast(MediaSession s) {
        if (s instanceof RtpMediaSession r) {
            return r;
        }
        throw new IllegalArgumentException("not a session of this media server: " + s);
    }
}
