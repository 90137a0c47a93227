package org.opendialer.media.session;

import org.opendialer.media.Playable;
import java.util.concurrent.CompletableFuture;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.EventExecutor;
import org.opendialer.media.MediaConfig;
import org.opendialer.media.MediaServer;
import org.opendialer.media.MediaStats;
import org.opendialer.media.MediaServerOptions;
import org.opendialer.media.MediaSession;
import org.opendialer.media.TtsConfig;
import org.opendialer.media.play.EspeakNgEngine;
import org.opendialer.media.play.FreeTtsEngine;
import org.opendialer.media.play.TtsEngines;
import org.opendialer.media.play.PromptCache;
import org.opendialer.media.play.PromptLoader;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Netty event-loop group, one {@link MediaClock}. Each leg lives on one event loop (its sockets' loop); each
 * loop has a {@link LoopShard} holding its legs. Every clock tick is fanned out to the shards, which run the tick
 * for all their legs on their own loop — one clock, no per-call timers, no locks between a leg's packets and ticks.
 */
public final class MediaServerImpl implements MediaServer {

    private final MediaConfig config;
    private final MediaServerOptions options;
    private final EventLoopGroup group;
    private final Map<EventLoop, LoopShard> shards = new IdentityHashMap<>();
    private final List<LoopShard> shardList = new ArrayList<>();
    private final PortAllocator ports;
    private final InetAddress bindAddress;
    private final boolean loopbackOnly;
    private final AtomicInteger active = new AtomicInteger();
    private final java.util.Set<RtpMediaSession> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Counters of closed legs, jitter and remote loss left out (those describe open legs only). */
    private MediaStats closed = MediaStats.ZERO;
    private final Class<? extends DatagramChannel> channelType;
    private final ExecutorService renderers = Executors.newVirtualThreadPerTaskExecutor();
    private final EspeakNgEngine espeak;
    private final PromptLoader prompts;
    private final AutoCloseable ticking;

    private MediaServerImpl(MediaConfig config, MediaServerOptions options) {
        this.config = config;
        this.options = options;
        try {
            this.bindAddress = InetAddress.getByName(config.bindAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bindAddress: cannot resolve " + config.bindAddress(), e);
        }
        this.loopbackOnly = bindAddress.isLoopbackAddress();
        this.ports = new PortAllocator(config.rtpPortMin(), config.rtpPortMax());
        int threads = options.eventLoopThreads() > 0 ? options.eventLoopThreads()
                : Runtime.getRuntime().availableProcessors();
        boolean epoll = options.nativeTransport() && Epoll.isAvailable();
        this.channelType = epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
        this.group = new MultiThreadIoEventLoopGroup(threads,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        for (EventExecutor e : group) {
            LoopShard s = new LoopShard((EventLoop) e, options.clock());
            shards.put((EventLoop) e, s);
            shardList.add(s);
        }
        this.espeak = new EspeakNgEngine(config.tts().espeakNg(), config.tts().renderSlots(),
                Duration.ofMillis(config.tts().renderTimeoutMillis()));
        this.prompts = new PromptLoader(promptCache(config.tts(), espeak, renderers));
        this.ticking = options.clock().start(this::tick);
    }

    /** FreeTTS for kevin16, espeak-ng for {@code espeak-ng:<language>}, one bounded cache for both and WAV files. */
    private static PromptCache promptCache(TtsConfig tts, EspeakNgEngine espeak, ExecutorService renderers) {
        return new PromptCache(new TtsEngines(new FreeTtsEngine(), espeak), renderers, tts.cacheEntries(),
                tts.cacheMegabytes() * (1L << 20) / 2, tts.cacheDir().isBlank() ? null : Path.of(tts.cacheDir()));
    }

    public static MediaServerImpl start(MediaConfig config, MediaServerOptions options) {
        return new MediaServerImpl(config, options);
    }

    private void tick(long index, long scheduledNanos) {
        boolean sync = options.clock().synchronous();
        for (LoopShard s : shardList) {
            s.request(index, scheduledNanos, sync);
        }
    }

    MediaClock clock() {
        return options.clock();
    }

    @Override
    public CompletableFuture<Void> prefetch(Playable playable) {
        return prompts.load(playable).thenApply(source -> null);
    }

    @Override
    public void checkVoice(String voice) {
        if (EspeakNgEngine.handles(voice)) {
            try {
                espeak.resolve(voice.substring(voice.indexOf(':') + 1));
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("cannot list espeak-ng's voices: " + e.getMessage(), e);
            }
        }
    }

    PromptLoader prompts() {
        return prompts;
    }

    /** Tick-lateness figures of all loops (for the benchmark). */
    public TickLateness lateness() {
        TickLateness total = new TickLateness();
        for (LoopShard s : shardList) {
            s.addTo(total);
        }
        return total;
    }

    public void resetLateness() {
        for (LoopShard s : shardList) {
            s.loop().execute(s::resetLateness);
        }
    }

    /** "epoll" or "nio". */
    public String transport() {
        return channelType == NioDatagramChannel.class ? "nio" : "epoll";
    }

    /** Event-loop threads, for allocation measurement. */
    public List<Thread> loopThreads() {
        List<Thread> out = new ArrayList<>();
        for (LoopShard s : shardList) {
            out.add(s.thread());
        }
        return out;
    }

    @Override
    public MediaSession createSession(String callId) {
        int attempts = ports.capacity();
        for (int i = 0; i < attempts; i++) {
            int port = ports.take();
            if (port < 0) {
                break;
            }
            EventLoop loop = group.next();
            RtpMediaSession[] holder = new RtpMediaSession[1];
            Channel rtp = bind(loop, port, holder, false);
            if (rtp == null) {
                ports.refused(port); // in use by another process; try the next pair
                continue;
            }
            Channel rtcp = bind(loop, port + 1, holder, true);
            if (rtcp == null) {
                rtp.close().syncUninterruptibly();
                ports.refused(port);
                continue;
            }
            RtpMediaSession s = new RtpMediaSession(this, callId, loop, rtp, rtcp, port, config.bindAddress(),
                    options.jitterDepthFrames(), loopbackOnly, options.sendSilenceWhenIdle());
            holder[0] = s;
            active.incrementAndGet();
            open.add(s);
            LoopShard shard = shards.get(loop);
            loop.execute(() -> shard.add(s));
            return s;
        }
        throw new IllegalStateException("RTP port range " + config.rtpPortMin() + "-" + config.rtpPortMax()
                + " exhausted: " + active.get() + " legs active, " + ports.capacity() + " pairs configured, "
                + ports.available() + " free but held by another process (" + ports.refusedBinds()
                + " binds refused since start)");
    }

    private Channel bind(EventLoop loop, int port, RtpMediaSession[] holder, boolean rtcp) {
        ChannelFuture f = new Bootstrap().group(loop).channel(channelType)
                .handler(new UdpRtpHandler(holder, rtcp))
                .bind(bindAddress, port).awaitUninterruptibly();
        return f.isSuccess() ? f.channel() : null;
    }

    void detach(RtpMediaSession s) {
        shards.get(s.loop()).remove(s);
        if (open.remove(s)) {
            MediaStats last = s.stats();
            synchronized (this) {
                closed = closed.plus(new MediaStats(last.packetsIn(), last.bytesIn(), last.packetsOut(),
                        last.bytesOut(), last.packetsLost(), 0, last.ssrcChanges(), last.malformed(),
                        last.unknownPayload(), last.packetsLate(), last.framesConcealed(), last.framesUnderrun(),
                        last.sendsBlocked(), last.rtcpIn(), last.rtcpOut(), -1, last.dtmfReceived(),
                        last.jitterResyncs(), last.framesDiscarded(), last.framesCaughtUp(),
                        last.dtmfTypeAheadDropped()));
            }
        }
    }

    @Override
    public MediaStats totals() {
        MediaStats sum;
        synchronized (this) {
            sum = closed;
        }
        for (RtpMediaSession s : open) {
            sum = sum.plus(s.stats());
        }
        return sum;
    }

    @Override
    public long skippedTicks() {
        return lateness().skippedTicks();
    }

    void release(int port) {
        ports.release(port);
        active.decrementAndGet();
    }

    @Override
    public int activeSessions() {
        return active.get();
    }

    /** Free RTP/RTCP pairs left in the range (including pairs another process holds). */
    public int freePortPairs() {
        return ports.available();
    }

    /** RTP/RTCP pairs in the range. */
    public int portPairs() {
        return ports.capacity();
    }

    /** Pairs the OS refused to bind since start: held by another process (not a leak of ours). */
    public long refusedPortBinds() {
        return ports.refusedBinds();
    }

    @Override
    public void close() {
        try {
            ticking.close();
        } catch (Exception ignored) {
            // the clock thread is a daemon; nothing else to do
        }
        for (LoopShard s : shardList) {
            for (RtpMediaSession leg : s.snapshot()) {
                leg.close();
            }
        }
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        renderers.shutdownNow();
    }

    /** Routes a channel's datagrams to its leg once the leg exists (the channel is bound first). */
    private static final class UdpRtpHandler extends io.netty.channel.SimpleChannelInboundHandler<
            io.netty.channel.socket.DatagramPacket> {
        private final RtpMediaSession[] holder;
        private final boolean rtcp;

        UdpRtpHandler(RtpMediaSession[] holder, boolean rtcp) {
            this.holder = holder;
            this.rtcp = rtcp;
        }

        @Override
        protected void channelRead0(io.netty.channel.ChannelHandlerContext ctx,
                                    io.netty.channel.socket.DatagramPacket p) {
            RtpMediaSession s = holder[0];
            if (s == null) {
                return; // a stray datagram before the leg was assembled
            }
            if (rtcp) {
                s.onRtcp(p.content(), p.sender());
            } else {
                s.onRtp(p.content(), p.sender());
            }
        }

        @Override
        public void exceptionCaught(io.netty.channel.ChannelHandlerContext ctx, Throwable cause) {
            RtpMediaSession s = holder[0];
            if (s != null) {
                s.countSocketError();
            }
        }
    }
}
