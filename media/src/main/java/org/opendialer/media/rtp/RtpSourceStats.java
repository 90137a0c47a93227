package org.opendialer.media.rtp;

/**
 * Reception statistics for one remote RTP source: extended sequence numbers, loss and interarrival jitter
 * (RFC 3550 appendices A.1, A.3, A.8). Not thread-safe: owned by the session's event loop.
 */
public final class RtpSourceStats {

    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;
    private static final int SEQ_MOD = 1 << 16;

    private boolean initialised;
    private long ssrc;
    private int maxSeq;
    private long cycles;
    private int baseSeq;
    private int badSeq = -1;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private long lastTransit;
    private double jitter;
    private int ssrcChanges;
    private boolean ssrcChanged;

    /**
     * Accounts one packet.
     *
     * @param arrival arrival time in RTP timestamp units (8000 per second), from the injected clock
     * @return false if the packet is a stray (large sequence jump not yet confirmed) and should be ignored
     */
    public boolean onPacket(long packetSsrc, int seq, long rtpTimestamp, long arrival) {
        ssrcChanged = false;
        if (!initialised || packetSsrc != ssrc) {
            if (initialised) {
                ssrcChanges++;
                ssrcChanged = true;
            }
            initialised = true;
            ssrc = packetSsrc;
            restart(seq);
            received = 1;
            lastTransit = arrival - rtpTimestamp;
            return true;
        }
        int udelta = (seq - maxSeq) & 0xFFFF;
        if (udelta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
        } else if (udelta <= SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                restart(seq); // two sequential packets after a jump: the sender restarted
            } else {
                badSeq = (seq + 1) & 0xFFFF;
                return false;
            }
        }
        // else: duplicate or reordered packet, counted as received
        received++;
        long transit = arrival - rtpTimestamp;
        long d = Math.abs(transit - lastTransit);
        lastTransit = transit;
        jitter += (d - jitter) / 16.0;
        return true;
    }

    private void restart(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = -1;
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
    }

    /** True if the last accounted packet started a new SSRC. */
    public boolean ssrcChangedOnLastPacket() {
        return ssrcChanged;
    }

    public long ssrc() {
        return ssrc;
    }

    public int ssrcChanges() {
        return ssrcChanges;
    }

    public long extendedHighestSequence() {
        return cycles + maxSeq;
    }

    public long expected() {
        return initialised ? extendedHighestSequence() - baseSeq + 1 : 0;
    }

    public long received() {
        return received;
    }

    /** Cumulative packets lost (may be negative with duplicates, as RFC 3550 allows). */
    public long lost() {
        return expected() - received;
    }

    /** Interarrival jitter in timestamp units. */
    public long jitter() {
        return (long) jitter;
    }

    /** Fraction lost since the previous call, in 1/256 units (RFC 3550 A.3); advances the interval. */
    public int takeFractionLost() {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        return expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
    }

    public boolean hasSource() {
        return initialised;
    }
}
