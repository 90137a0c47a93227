package org.opendialer.media.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import org.opendialer.media.rtp.RtcpCodec;

import java.net.InetSocketAddress;

/**
 * A leg's RTCP: reads the peer's reports (loss it sees, its sender reports for our round-trip figure) and sends
 * ours every {@value #INTERVAL_TICKS} ticks (5 s, RFC 3550 §6.2 minimum) to the address the peer's RTCP comes from,
 * else the one its SDP gave. Not thread-safe apart from {@link #remote}: the leg's event loop.
 */
final class RtcpPath {

    static final int INTERVAL_TICKS = 250;

    private final Channel channel;
    private final RtcpCodec.Report report = new RtcpCodec.Report();
    private volatile InetSocketAddress remote;
    private long lastSrNtp;
    private long lastSrTick;

    long packetsIn;
    long packetsOut;
    /** The peer's last reported fraction lost (RFC 3550 §6.4.1, 0-255), or -1 before its first report. */
    int remoteFractionLost = -1;

    RtcpPath(Channel channel) {
        this.channel = channel;
    }

    /** The peer's RTCP address from SDP (caller's thread). */
    void remote(InetSocketAddress address) {
        remote = address;
    }

    /** @return false if the packet is not RTCP we can read (the caller counts it) */
    boolean onPacket(ByteBuf buf, InetSocketAddress sender, long tick) {
        if (!RtcpCodec.read(buf, report)) {
            return false;
        }
        packetsIn++;
        remote = sender;
        if (report.hasBlock) {
            remoteFractionLost = report.fractionLost;
        }
        if (report.ntpMiddle != 0) {
            lastSrNtp = report.ntpMiddle;
            lastSrTick = tick;
        }
        return true;
    }

    /** Whether our report is due at {@code tick}. */
    static boolean due(long tick) {
        return tick % INTERVAL_TICKS == 0;
    }

    /** Sends our report, if media is set up to an address we may send to. */
    void send(long tick, boolean negotiated, SendPath tx, ReceivePath rx, long epochMillis) {
        InetSocketAddress dst = remote;
        if (dst == null || !negotiated || !tx.allowed(dst)) {
            return;
        }
        ByteBuf buf = channel.alloc().directBuffer(64);
        long dlsr = lastSrNtp == 0 ? 0 : (tick - lastSrTick) * 65536 / 50;
        RtcpCodec.write(buf, tx.ssrc(), RtcpCodec.ntp(epochMillis), tx.timestamp(), tx.packetsOut, tx.bytesOut,
                rx.source(), lastSrNtp, dlsr);
        packetsOut++;
        channel.writeAndFlush(new DatagramPacket(buf, dst), channel.voidPromise());
    }
}
