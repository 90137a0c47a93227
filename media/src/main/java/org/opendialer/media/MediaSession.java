package org.opendialer.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * One call leg's media: an RTP/RTCP port pair, the SDP for it, and everything heard and said on it.
 *
 * <p>All methods are thread-safe; work is handed to the leg's event loop. Listeners, taps and completion stages
 * run on that loop, so they must not block. {@link #close()} is idempotent and always releases the ports.
 */
public interface MediaSession extends AutoCloseable {

    String callId();

    int localRtpPort();

    /** Our SDP offer (RFC 3264) for a new call or a re-INVITE; reflects {@link #hold()}. */
    String createOffer();

    /** Answers a remote offer and starts media; throws with a reason suitable for a 488 response. */
    String answer(String remoteOfferSdp) throws SdpException;

    /** Applies the remote answer to our last offer and starts media. */
    void acceptAnswer(String remoteAnswerSdp) throws SdpException;

    /** Puts the peer on hold: our next offer says sendonly and received audio is ignored until {@link #unhold}. */
    void hold();

    void unhold();

    void addTap(FrameTap tap);

    void removeTap(FrameTap tap);

    /** Subscribes to audio packets as they arrive, before the jitter buffer (see {@link PacketTap}). */
    void addPacketTap(PacketTap tap);

    void onDtmf(DtmfListener listener);

    /** Queues a playback after any already queued; completes when it ends. */
    CompletionStage<PlayResult> play(Playable playable, PlayOptions options);

    /** Stops the current and queued playbacks (they complete as STOPPED). */
    void stopPlayback();

    /** The first digit received within {@code timeout} of media time, or completes with 0 on timeout. */
    CompletionStage<Character> collectDigit(Duration timeout);

    /**
     * Collects digits per {@code options}; completes with what was collected (possibly empty). Type-ahead comes
     * first: digits received while no collection was running (during a greeting, before a menu, between two
     * collections; at most 32, the oldest dropped beyond that) are taken in order before any later digit, and those
     * this collection does not need stay for the next one.
     */
    CompletionStage<String> collectDigits(CollectOptions options);

    /**
     * Plays with barge-in and collects digits: those pressed during the prompt count, and type-ahead (see
     * {@link #collectDigits}) barges in before the prompt starts, so it is not played at all.
     */
    CompletionStage<String> playAndCollect(Playable prompt, CollectOptions options);

    /**
     * Drops the type-ahead (see {@link #collectDigits}); running collections go on. Done by {@link MediaBridge} for
     * both legs when it bridges or unbridges them, and by the call layer when an outbound leg is answered: keys meant
     * for one party (a carrier's early-media menu, the IVR before a transfer, the agent during the talk) never become
     * the next party's menu choice.
     */
    void flushDigits();

    /**
     * Routes a digit that arrived by signalling (SIP INFO) like a received one: it interrupts a barge-in playback and
     * reaches DTMF listeners and collectors with source {@link DtmfSource#SIP_INFO}, so a prompt collects digits
     * whatever way the peer sends them.
     */
    void signalDigit(char digit, int durationMs);

    /** Sends a digit (queued behind digits still being sent); RFC 4733 needs a negotiated telephone-event. */
    void sendDtmf(char digit, DtmfMode mode);

    Recording record(Path wav, RecordingLimits limits);

    MediaStats stats();

    /** {@link System#nanoTime()}-scale time (from the server's clock) when playback audio first left, or -1. */
    long firstAudioSentAtNanos();

    /** Completes with {@link #firstAudioSentAtNanos()} when the first playback packet is sent. */
    CompletionStage<Long> firstAudioSent();

    @Override
    void close();
}
