package org.opendialer.media.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import org.opendialer.media.codec.G711;
import org.opendialer.media.dtmf.DtmfToneGenerator;
import org.opendialer.media.dtmf.Rfc4733Sender;
import org.opendialer.media.play.Player;

import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A leg's send side, one packet per media tick. What goes out, by priority: an RFC 4733 event in progress, an
 * in-band DTMF tone, playback, bridged audio from the other leg, else silence (if configured). Timestamps advance
 * 160 per tick whether or not we send (RFC 3550 §5.1); the marker bit flags the first packet after a pause.
 * Allocation-free apart from Netty's pooled buffer and datagram wrapper. Not thread-safe: the leg's event loop.
 */
final class SendPath {

    /** What produced the last frame. */
    enum Content { NOTHING, EVENT, TONE, PLAYBACK, BRIDGE, SILENCE }

    private final Channel channel;
    private final boolean loopbackOnly;
    private final boolean silenceWhenIdle;
    private final long ssrc = ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;
    private int sequence = ThreadLocalRandom.current().nextInt(1 << 16);
    private long timestamp = ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;
    private boolean talking;

    final Rfc4733Sender events = new Rfc4733Sender(100, 60);
    final DtmfToneGenerator tones = new DtmfToneGenerator(100, 60);
    final Player player = new Player();
    volatile FrameRing bridgeIn;

    private final short[] frame = new short[G711.FRAME_SAMPLES];
    private final byte[] encoded = new byte[G711.FRAME_SAMPLES];

    volatile G711 codec;
    volatile int eventPt = -1;
    volatile InetSocketAddress target;
    volatile boolean sending;

    long packetsOut;
    long bytesOut;
    long sendsBlocked;

    SendPath(Channel channel, boolean loopbackOnly, boolean silenceWhenIdle) {
        this.channel = channel;
        this.loopbackOnly = loopbackOnly;
        this.silenceWhenIdle = silenceWhenIdle;
    }

    long ssrc() {
        return ssrc;
    }

    long timestamp() {
        return timestamp;
    }

    /** True if packets to {@code dst} are permitted: a loopback-bound engine never sends off the host. */
    boolean allowed(InetSocketAddress dst) {
        return dst != null && (!loopbackOnly || dst.getAddress().isLoopbackAddress());
    }

    /**
     * Produces and sends this tick's packet.
     *
     * @return the audio frame sent (for recording), or null if none (event packet or nothing)
     */
    short[] onTick(Content[] what) {
        long ts = timestamp;
        timestamp = (timestamp + G711.FRAME_SAMPLES) & 0xFFFFFFFFL;
        G711 c = codec;
        InetSocketAddress dst = target;
        boolean on = sending && c != null && dst != null;
        int copies = on && eventPt >= 0 ? events.next(ts) : 0;
        if (copies > 0) {
            for (int i = 0; i < copies; i++) {
                send(dst, events.marker(), eventPt, events.timestamp(), events.payload(), 4);
            }
            what[0] = Content.EVENT;
            talking = true;
            return null;
        }
        Content content;
        if (tones.read(frame)) {
            content = Content.TONE;
        } else if (player.read(frame)) {
            content = Content.PLAYBACK;
        } else if (bridgeIn != null && bridgeIn.take(frame)) {
            content = Content.BRIDGE;
        } else if (silenceWhenIdle) {
            java.util.Arrays.fill(frame, (short) 0);
            content = Content.SILENCE;
        } else {
            talking = false;
            what[0] = Content.NOTHING;
            return null;
        }
        what[0] = content;
        if (!on) {
            talking = false;
            return frame;
        }
        c.encode(frame, 0, encoded, 0, G711.FRAME_SAMPLES);
        send(dst, !talking, c.payloadType(), ts, encoded, G711.FRAME_SAMPLES);
        talking = true;
        return frame;
    }

    private void send(InetSocketAddress dst, boolean marker, int pt, long ts, byte[] payload, int len) {
        if (!allowed(dst)) {
            sendsBlocked++;
            return;
        }
        ByteBuf buf = channel.alloc().directBuffer(12 + len);
        org.opendialer.media.rtp.RtpHeader.write(buf, marker, pt, sequence, ts, ssrc);
        buf.writeBytes(payload, 0, len);
        sequence = (sequence + 1) & 0xFFFF;
        packetsOut++;
        bytesOut += 12 + len;
        channel.writeAndFlush(new DatagramPacket(buf, dst), channel.voidPromise());
    }
}
