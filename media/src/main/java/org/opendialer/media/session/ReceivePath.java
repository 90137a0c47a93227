package org.opendialer.media.session;

import io.netty.buffer.ByteBuf;
import org.opendialer.media.FrameTap;
import org.opendialer.media.PacketTap;
import org.opendialer.media.codec.G711;
import org.opendialer.media.dtmf.InbandDtmfDetector;
import org.opendialer.media.dtmf.Rfc4733Receiver;
import org.opendialer.media.rtp.JitterBuffer;
import org.opendialer.media.rtp.RtpHeader;
import org.opendialer.media.rtp.RtpSourceStats;

import java.net.InetSocketAddress;

/**
 * A leg's receive pipeline, assembled here in one place:
 * <pre>
 *   UDP datagram ─ RtpHeader.parse ─ latch source ─ RtpSourceStats ─┬─ audio PT ─ JitterBuffer (decode), packet taps
 *                                                                   └─ event PT ─ Rfc4733Receiver
 *   each media tick: JitterBuffer.read ─ InbandDtmfDetector ─ taps (AMD, recorder, bridge, user) in order,
 *                    each given the frame the leg sent in the same tick beside it (echo cancellation for AMD)
 *   then up to 8 frames owed for skipped ticks: JitterBuffer.readOwed ─ InbandDtmfDetector ─ taps (sent: null)
 * </pre>
 * Malformed or unexpected packets are counted, never thrown. Allocation-free per packet and per frame (taps are
 * an array replaced on change). Not thread-safe: runs on the leg's event loop.
 */
final class ReceivePath {

    /**
     * Owed frames read per tick beyond the tick's own: a 1.2 s stall (the jitter buffer's reach) is made good in
     * 8 ticks, while a loop that just recovered from overload does at most 9 frames of DSP per leg in a tick.
     */
    static final int MAX_CATCH_UP_PER_TICK = 8;

    /** Ring size: 64 frames (1.28 s) holds what arrives during a stall of the loop until it catches up. */
    static final int JITTER_CAPACITY_FRAMES = 64;

    private final RtpHeader header = new RtpHeader();
    private final RtpSourceStats source = new RtpSourceStats();
    private final JitterBuffer jitter;
    private final Rfc4733Receiver events;
    private final InbandDtmfDetector inband;
    private final short[] frame = new short[G711.FRAME_SAMPLES];
    private volatile FrameTap[] taps = new FrameTap[0];
    private volatile PacketTap[] packetTaps = new PacketTap[0];
    /** Decoded payload for packet taps (a 20 ms packet is 160 samples; longer ones are cut at the buffer). */
    private final short[] arrived = new short[4 * G711.FRAME_SAMPLES];

    // negotiated, replaced as a whole by the session
    private volatile G711 codec;
    private volatile int eventPt = -1;
    volatile boolean receiving = true;

    private InetSocketAddress latched;
    private long latchChanges;
    private boolean delivering;
    private long frameIndex;

    long packetsIn;
    long bytesIn;
    long malformed;
    long unknownPayload;
    long tapFailures;

    ReceivePath(int jitterDepth, Rfc4733Receiver.Listener eventListener, InbandDtmfDetector.Listener inbandListener) {
        this.jitter = new JitterBuffer(jitterDepth, JITTER_CAPACITY_FRAMES);
        this.events = new Rfc4733Receiver(eventListener);
        this.inband = new InbandDtmfDetector(inbandListener);
    }

    void configure(G711 codec, int eventPt) {
        this.codec = codec;
        this.eventPt = eventPt;
    }

    void setTaps(FrameTap[] taps) {
        this.taps = taps;
    }

    void setPacketTaps(PacketTap[] taps) {
        this.packetTaps = taps;
    }

    /** The address we learned from the peer's packets (symmetric RTP), or null before the first packet. */
    InetSocketAddress latched() {
        return latched;
    }

    long latchChanges() {
        return latchChanges;
    }

    RtpSourceStats source() {
        return source;
    }

    JitterBuffer jitter() {
        return jitter;
    }

    void onPacket(ByteBuf buf, InetSocketAddress sender, long tick, long arrivalTs) {
        packetsIn++;
        bytesIn += buf.readableBytes();
        if (header.parse(buf) != RtpHeader.Result.OK) {
            malformed++;
            return;
        }
        boolean newSource = !source.hasSource() || header.ssrc() != source.ssrc();
        if (latched == null || (!latched.equals(sender) && newSource)) {
            if (latched != null) {
                latchChanges++;
            }
            latched = sender; // symmetric RTP: answer to wherever the current stream comes from
        } else if (!latched.equals(sender)) {
            malformed++; // same SSRC from a second address: spoofed or duplicated, ignore
            return;
        }
        if (!source.onPacket(header.ssrc(), header.sequence(), header.timestamp(), arrivalTs)) {
            return;
        }
        if (source.ssrcChangedOnLastPacket()) {
            jitter.reset();
        }
        G711 c = codec;
        int pt = header.payloadType();
        if (c != null && pt == c.payloadType()) {
            if (receiving) {
                long ext = jitter.unwrap(header.timestamp());
                jitter.write(ext, buf, header.payloadOffset(), header.payloadLength(), c);
            }
            PacketTap[] wire = packetTaps;
            if (wire.length > 0) {
                tapPacket(wire, buf, c);
            }
        } else if (pt == eventPt) {
            events.onPacket(buf, header.payloadOffset(), header.payloadLength(), header.timestamp(), tick);
            if (header.payloadLength() >= 4) {
                // the event replaced audio up to its current duration: play that stretch as silence
                int duration = buf.getUnsignedShort(header.payloadOffset() + 2);
                jitter.writeSilence(jitter.unwrap(header.timestamp()), duration);
            }
        } else if (pt != 13) { // comfort noise is legal and ignored
            unknownPayload++;
        }
    }

    private void tapPacket(PacketTap[] to, ByteBuf buf, G711 c) {
        int n = Math.min(arrived.length, header.payloadLength());
        for (int i = 0; i < n; i++) {
            arrived[i] = c.decode(buf.getByte(header.payloadOffset() + i));
        }
        for (PacketTap tap : to) {
            try {
                tap.onPacket(arrived, n, header.timestamp(), header.marker());
            } catch (RuntimeException e) {
                tapFailures++;
            }
        }
    }

    /** {@link #onTick(long, short[])} for a leg that sent nothing this tick. */
    short[] onTick(long tick) {
        return onTick(tick, null);
    }

    /**
     * Pulls this tick's frame through the pipeline; returns the frame, or null before the first packet.
     *
     * @param sent what the leg sent this tick (null: nothing), handed to the taps beside the received frame
     */
    short[] onTick(long tick, short[] sent) {
        events.onTick(tick);
        boolean audio = jitter.read(frame);
        if (!delivering) {
            if (!audio) {
                noAudio();
                return null;
            }
            delivering = true;
        }
        deliver(sent);
        return frame;
    }

    /** The loop skipped {@code ticks} ticks: their frames are owed (see {@link #catchUpFrame}). */
    void owe(long ticks) {
        jitter.owe(ticks);
    }

    /**
     * Pulls one frame owed for a skipped tick, if it has arrived, through DTMF detection and the taps (with
     * nothing sent beside it: the skipped tick sent nothing); returns it, or null when none is owed or ready.
     * The caller reads at most {@link #MAX_CATCH_UP_PER_TICK} per tick.
     */
    short[] catchUpFrame() {
        if (!delivering || !jitter.readOwed(frame)) {
            return null;
        }
        deliver(null);
        return frame;
    }

    private void noAudio() {
        for (FrameTap tap : taps) {
            try {
                tap.onNoAudio();
            } catch (RuntimeException e) {
                tapFailures++;
            }
        }
    }

    private void deliver(short[] sent) {
        if (!receiving) {
            java.util.Arrays.fill(frame, (short) 0);
        }
        inband.process(frame, 0, G711.FRAME_SAMPLES);
        FrameTap[] t = taps;
        for (FrameTap tap : t) {
            try {
                tap.onFrame(frame, sent, frameIndex);
            } catch (RuntimeException e) {
                tapFailures++; // one faulty subscriber must not stop the leg's media
            }
        }
        frameIndex++;
    }

    void flush() {
        inband.flush();
    }
}
