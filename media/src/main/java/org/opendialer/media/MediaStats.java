package org.opendialer.media;

/**
 * Counters for one leg, as of the last media tick.
 *
 * @param packetsLost   RFC 3550 cumulative loss of the current remote source
 * @param jitterMs      RFC 3550 interarrival jitter
 * @param framesConcealed frames missing at playout while later ones had arrived
 * @param framesUnderrun  frames due when nothing newer had arrived
 * @param sendsBlocked  packets not sent because the destination was outside the allowed scope (loopback bind)
 * @param remoteFractionLost loss the peer reports about our stream (RTCP, 1/256 units), -1 if no report yet
 * @param jitterResyncs   times the jitter buffer realigned to a packet beyond its ring (timeline jump, or a reader
 *                        that fell 1.28 s behind)
 * @param framesDiscarded frames received but thrown away unplayed (at a resync or a change of source)
 * @param framesCaughtUp  frames read for media ticks an overloaded event loop skipped (they reach DTMF detection,
 *                        taps and the recorder late, never the bridge)
 * @param dtmfTypeAheadDropped digits no collector took that were dropped, oldest first, because the type-ahead
 *                        was full (see {@link MediaSession#collectDigits})
 */
public record MediaStats(long packetsIn, long bytesIn, long packetsOut, long bytesOut, long packetsLost,
                         double jitterMs, int ssrcChanges, long malformed, long unknownPayload, long packetsLate,
                         long framesConcealed, long framesUnderrun, long sendsBlocked, long rtcpIn, long rtcpOut,
                         int remoteFractionLost, long dtmfReceived, long jitterResyncs, long framesDiscarded,
                         long framesCaughtUp, long dtmfTypeAheadDropped) {

    /** Nothing counted yet. */
    public static final MediaStats ZERO = new MediaStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0);

    /** Counters added; jitter and remote loss are the worse of the two (a sum of them means nothing). */
    public MediaStats plus(MediaStats o) {
        return new MediaStats(packetsIn + o.packetsIn, bytesIn + o.bytesIn, packetsOut + o.packetsOut,
                bytesOut + o.bytesOut, packetsLost + o.packetsLost, Math.max(jitterMs, o.jitterMs),
                ssrcChanges + o.ssrcChanges, malformed + o.malformed, unknownPayload + o.unknownPayload,
                packetsLate + o.packetsLate, framesConcealed + o.framesConcealed, framesUnderrun + o.framesUnderrun,
                sendsBlocked + o.sendsBlocked, rtcpIn + o.rtcpIn, rtcpOut + o.rtcpOut,
                Math.max(remoteFractionLost, o.remoteFractionLost), dtmfReceived + o.dtmfReceived,
                jitterResyncs + o.jitterResyncs, framesDiscarded + o.framesDiscarded,
                framesCaughtUp + o.framesCaughtUp, dtmfTypeAheadDropped + o.dtmfTypeAheadDropped);
    }
}
