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
 * 160 per tick whether or not we send (RFC 3550 §5.1); the marker bit flags the first packet after a pause and the
 * first packet of playback or a tone after silence (a talkspurt, RFC 3551 §4.1).
 *
 * <p>A prompt queued on an idle line does not wait for the next tick: {@link #sendNow} sends its first frame at once
 * in the next tick's slot (that timestamp), so the whole prompt leaves a frame earlier. The leg is then one frame
 * ahead of the tick cadence, and gives the frame back on its next idle tick: no packet and no timestamp advance on
 * that tick. Timestamps stay continuous and increasing; only the spacing of two packets changes, once each way.
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
    /** What the last frame carried (NOTHING before the first). */
    private Content last = Content.NOTHING;
    /** A frame was sent ahead of its tick and not yet given back. */
    private boolean ahead;
    long framesSentEarly;

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
        G711 c = codec;
        InetSocketAddress dst = target;
        boolean on = sending && c != null && dst != null;
        int copies = on && eventPt >= 0 ? events.next(ts) : 0;
        if (copies > 0) {
            timestamp = next(ts);
            for (int i = 0; i < copies; i++) {
                send(dst, events.marker(), eventPt, events.timestamp(), events.payload(), 4);
            }
            what[0] = last = Content.EVENT;
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
        } else if (ahead) {
            ahead = false; // idle: give back the frame sent early (no packet, the timestamp stays)
            what[0] = last = Content.NOTHING;
            return null;
        } else if (silenceWhenIdle) {
            java.util.Arrays.fill(frame, (short) 0);
            content = Content.SILENCE;
        } else {
            timestamp = next(ts);
            talking = false;
            what[0] = last = Content.NOTHING;
            return null;
        }
        timestamp = next(ts);
        boolean spurt = (content == Content.PLAYBACK || content == Content.TONE)
                && (last == Content.SILENCE || last == Content.NOTHING);
        what[0] = last = content;
        if (!on) {
            talking = false;
            return frame;
        }
        c.encode(frame, 0, encoded, 0, G711.FRAME_SAMPLES);
        send(dst, !talking || spurt, c.payloadType(), ts, encoded, G711.FRAME_SAMPLES);
        talking = true;
        return frame;
    }

    /**
     * Ticks the loop skipped (overloaded): nothing is sent for them, but the timestamp passes them as the class
     * promises. Were it not to, every later packet would be that many frames behind the peer's clock, and a
     * fixed-delay receiver (ours: 60 ms) would drop them all as late. What was playing resumes where it stopped.
     */
    void skip(long ticks) {
        timestamp = (timestamp + ticks * G711.FRAME_SAMPLES) & 0xFFFFFFFFL;
    }

    private static long next(long ts) {
        return (ts + G711.FRAME_SAMPLES) & 0xFFFFFFFFL;
    }

    /**
     * Sends the first frame of newly queued playback now instead of at the next tick, if the line is idle (last
     * frame silence or nothing, no digit being sent, not bridged, not already ahead) and media can flow.
     *
     * @return true if a frame was sent
     */
    boolean sendNow(Content[] what) {
        boolean idle = last == Content.SILENCE || last == Content.NOTHING;
        if (!idle || ahead || !sending || codec == null || target == null || bridgeIn != null || events.busy()
                || tones.busy() || !player.playing()) {
            return false;
        }
        onTick(what); // whatever it produced, it took the next tick's timestamp
        ahead = true;
        framesSentEarly++;
        return what[0] == Content.PLAYBACK;
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
