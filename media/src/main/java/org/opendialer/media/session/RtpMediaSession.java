package org.opendialer.media.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import org.opendialer.media.CollectOptions;
import org.opendialer.media.DtmfListener;
import org.opendialer.media.DtmfMode;
import org.opendialer.media.FrameTap;
import org.opendialer.media.MediaSession;
import org.opendialer.media.MediaStats;
import org.opendialer.media.PacketTap;
import org.opendialer.media.PlayOptions;
import org.opendialer.media.PlayResult;
import org.opendialer.media.Playable;
import org.opendialer.media.Recording;
import org.opendialer.media.RecordingLimits;
import org.opendialer.media.SdpException;
import org.opendialer.media.record.WavRecorder;
import org.opendialer.media.sdp.Direction;
import org.opendialer.media.sdp.SdpNegotiator;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@link MediaSession} over two Netty UDP channels; the pipelines are {@link ReceivePath} and {@link SendPath}. */
final class RtpMediaSession implements MediaSession {

    private final MediaServerImpl server;
    private final String callId;
    private final EventLoop loop;
    private final Channel rtp;
    private final Channel rtcp;
    private final int port;
    final ReceivePath rx;
    final SendPath tx;
    private final RtcpPath control;

    private final SessionSdp sdp;
    private volatile boolean negotiated;

    private final DigitRouter digits;
    private final LegDtmf dtmf;
    private final List<FrameTap> tapList = new ArrayList<>();
    private final List<PacketTap> packetTapList = new ArrayList<>();
    private final SendPath.Content[] sent = new SendPath.Content[1];
    /** The frame sent this tick (the send path's buffer, valid until its next tick), for the recorder. */
    private short[] said;
    private WavRecorder recorder;
    volatile FrameRing bridgeOut;
    volatile RtpMediaSession partner;
    /** When the leg's last frame left (written by its {@link LoopShard} only). */
    long lastFrameNanos;

    private long tick;
    private long socketErrors;
    private volatile long published;
    private volatile long firstAudioNanos = -1;
    private final CompletableFuture<Long> firstAudio = new CompletableFuture<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    RtpMediaSession(MediaServerImpl server, String callId, EventLoop loop, Channel rtp, Channel rtcp, int port,
                    String localAddress, int jitterDepth, boolean loopbackOnly, boolean silenceWhenIdle) {
        this.server = server;
        this.callId = callId;
        this.loop = loop;
        this.rtp = rtp;
        this.rtcp = rtcp;
        this.port = port;
        this.sdp = new SessionSdp(localAddress, port);
        this.tx = new SendPath(rtp, loopbackOnly, silenceWhenIdle);
        this.control = new RtcpPath(rtcp);
        this.digits = new DigitRouter(tx.player);
        this.rx = new ReceivePath(jitterDepth, digits, digits);
        this.dtmf = new LegDtmf(loop, digits, tx, () -> tick, closed::get, this::play);
    }

    EventLoop loop() {
        return loop;
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public int localRtpPort() {
        return port;
    }

    // --- SDP (caller's thread; media settings reach the event loop through volatile fields) ---

    @Override
    public String createOffer() {
        return sdp.offer();
    }

    @Override
    public String answer(String remoteOfferSdp) throws SdpException {
        SdpNegotiator.Answer a = sdp.answer(remoteOfferSdp);
        apply(a.media());
        return a.sdp();
    }

    @Override
    public void acceptAnswer(String remoteAnswerSdp) throws SdpException {
        apply(sdp.acceptAnswer(remoteAnswerSdp));
    }

    private void apply(SdpNegotiator.Negotiated n) throws SdpException {
        InetSocketAddress remote = null;
        if (n.remoteAddress() != null) {
            try {
                InetAddress addr = InetAddress.getByName(n.remoteAddress());
                remote = new InetSocketAddress(addr, n.remoteRtpPort());
                control.remote(new InetSocketAddress(addr, n.remoteRtcpPort()));
            } catch (UnknownHostException e) {
                throw new SdpException("unresolvable connection address " + n.remoteAddress());
            }
        }
        rx.configure(n.codec(), n.eventPt());
        tx.codec = n.codec();
        tx.eventPt = n.eventPt();
        InetSocketAddress learned = rx.latched();
        tx.target = learned != null ? learned : remote;
        negotiated = true;
        applyDirection();
    }

    private void applyDirection() {
        Direction d = sdp.effectiveDirection();
        rx.receiving = d.receives();
        tx.sending = d.sends();
    }

    @Override
    public void hold() {
        sdp.setLocalDirection(Direction.SENDONLY);
        applyDirection();
    }

    @Override
    public void unhold() {
        sdp.setLocalDirection(Direction.SENDRECV);
        applyDirection();
    }

    // --- subscriptions and commands (handed to the event loop) ---

    @Override
    public void addTap(FrameTap tap) {
        loop.execute(() -> {
            tapList.add(tap);
            rx.setTaps(tapList.toArray(FrameTap[]::new));
        });
    }

    @Override
    public void removeTap(FrameTap tap) {
        loop.execute(() -> {
            tapList.remove(tap);
            rx.setTaps(tapList.toArray(FrameTap[]::new));
        });
    }

    @Override
    public void addPacketTap(PacketTap tap) {
        loop.execute(() -> {
            packetTapList.add(tap);
            rx.setPacketTaps(packetTapList.toArray(PacketTap[]::new));
        });
    }

    @Override
    public void onDtmf(DtmfListener listener) {
        digits.addListener(listener);
    }

    @Override
    public CompletionStage<PlayResult> play(Playable playable, PlayOptions options) {
        CompletableFuture<PlayResult> result = new CompletableFuture<>();
        server.prompts().load(playable).whenComplete((source, error) -> {
            if (error != null) {
                result.complete(PlayResult.failed(String.valueOf(error.getCause() != null ? error.getCause() : error)));
            } else {
                loop.execute(() -> {
                    if (closed.get()) {
                        result.complete(PlayResult.stopped(0));
                    } else {
                        tx.player.enqueue(source, options, result);
                        sendEarly();
                    }
                });
            }
        });
        return result;
    }

    @Override
    public void stopPlayback() {
        loop.execute(tx.player::stopAll);
    }

    @Override
    public CompletionStage<Character> collectDigit(Duration timeout) {
        return dtmf.collectDigit(timeout);
    }

    @Override
    public CompletionStage<String> collectDigits(CollectOptions options) {
        return dtmf.collectDigits(options);
    }

    @Override
    public CompletionStage<String> playAndCollect(Playable prompt, CollectOptions options) {
        return dtmf.playAndCollect(prompt, options);
    }

    @Override
    public void flushDigits() {
        dtmf.flushDigits();
    }

    @Override
    public void signalDigit(char digit, int durationMs) {
        dtmf.signalDigit(digit, durationMs);
    }

    @Override
    public void sendDtmf(char digit, DtmfMode mode) {
        dtmf.sendDtmf(digit, mode);
    }

    @Override
    public Recording record(Path wav, RecordingLimits limits) {
        WavRecorder r = new WavRecorder(wav, limits);
        loop.execute(() -> {
            if (recorder != null) {
                recorder.finish(Recording.Reason.STOPPED);
            }
            recorder = r;
        });
        return r.handle(loop);
    }

    // --- event-loop side ---

    void onRtp(ByteBuf buf, InetSocketAddress sender) {
        rx.onPacket(buf, sender, tick, server.clock().nanoTime() / 125_000); // arrival in 1/8000 s
        InetSocketAddress learned = rx.latched();
        if (learned != null && !learned.equals(tx.target) && negotiated) {
            tx.target = learned;
        }
    }

    void onRtcp(ByteBuf buf, InetSocketAddress sender) {
        if (!control.onPacket(buf, sender, tick)) {
            rx.malformed++;
        }
    }

    void countSocketError() {
        socketErrors++;
    }

    /**
     * First half of a tick: the frame due now leaves (playback, bridged audio or silence). The loop runs this for
     * all its legs before any receive-side work, so DSP on one leg never delays another leg's packet.
     */
    void sendTick(long now) {
        tick = now;
        said = tx.onTick(sent);
        if (sent[0] == SendPath.Content.PLAYBACK) {
            notePlaybackSent();
        }
        if (RtcpPath.due(now)) {
            control.send(now, negotiated, tx, rx, server.clock().epochMillis());
        }
    }

    /**
     * A prompt queued on an idle line leaves at once rather than at the next tick (see {@link SendPath#sendNow});
     * not while a recording takes both directions, whose mix is paced by the ticks.
     */
    private void sendEarly() {
        if (recorder != null && !recorder.finished() && recorder.bothDirections()) {
            return;
        }
        if (tx.sendNow(sent)) {
            notePlaybackSent();
        }
    }

    private void notePlaybackSent() {
        if (firstAudioNanos < 0 && tx.packetsOut > 0) {
            firstAudioNanos = server.clock().nanoTime();
            firstAudio.complete(firstAudioNanos);
        }
    }

    /** Second half: play out what was received, feed the bridge, DTMF, taps and the recorder. */
    void receiveTick(long now) {
        short[] heard = rx.onTick(now, said);
        FrameRing out = bridgeOut;
        if (out != null && heard != null) {
            out.put(heard);
        }
        digits.onTick(now);
        record(heard, said);
        // frames owed for skipped ticks: to DTMF, taps and the recorder, never to the bridge (no burst to the peer)
        for (int i = 0; i < ReceivePath.MAX_CATCH_UP_PER_TICK && (heard = rx.catchUpFrame()) != null; i++) {
            record(heard, null);
        }
        published = now;
    }

    private void record(short[] heard, short[] sentBeside) {
        if (recorder != null && !recorder.finished()) {
            recorder.onFrame(heard, recorder.bothDirections() ? sentBeside : null);
        }
    }

    @Override
    public MediaStats stats() {
        long unused = published; // volatile read: counters written before the last tick's publish are visible
        var src = rx.source();
        var jb = rx.jitter();
        return new MediaStats(rx.packetsIn, rx.bytesIn, tx.packetsOut, tx.bytesOut, src.lost(), src.jitter() / 8.0,
                src.ssrcChanges(), rx.malformed, rx.unknownPayload, jb.packetsLate(), jb.framesConcealed(),
                jb.framesUnderrun(), tx.sendsBlocked, control.packetsIn, control.packetsOut, control.remoteFractionLost,
                digits.received, jb.resyncs(), jb.framesDiscarded(), jb.framesCaughtUp(),
                digits.typeAheadDropped);
    }

    @Override
    public long firstAudioSentAtNanos() {
        return firstAudioNanos;
    }

    @Override
    public CompletionStage<Long> firstAudioSent() {
        return firstAudio;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Runnable cleanup = () -> {
            server.detach(this);
            rx.flush();
            tx.player.stopAll();
            digits.cancelAll();
            if (recorder != null) {
                recorder.finish(Recording.Reason.CLOSED);
            }
            LegBridge.unbridge(this);
            rtp.close().addListener(f -> rtcp.close().addListener(g -> server.release(port)));
        };
        if (loop.isShuttingDown()) {
            cleanup.run();
        } else {
            loop.execute(cleanup);
        }
    }

    boolean isClosed() {
        return closed.get();
    }
}
