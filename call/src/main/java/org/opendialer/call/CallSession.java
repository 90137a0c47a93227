package org.opendialer.call;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.opendialer.amd.AmdEvent;
import org.opendialer.amd.AmdParams;
import org.opendialer.media.CollectOptions;
import org.opendialer.media.MediaSession;
import org.opendialer.media.PlayOptions;
import org.opendialer.media.PlayResult;
import org.opendialer.media.Playable;
import org.opendialer.media.Recording;
import org.opendialer.media.RecordingLimits;
import org.opendialer.sip.InboundCall;

/**
 * One call leg with its media and its analysis: what IVR flows, ACD and campaigns talk to instead of SIP and RTP.
 * Made by {@link CallSessions#originate} (outbound) or handed to a {@link SessionHandler} (inbound).
 *
 * <p>Verbs may be called from any thread; they are applied on the session's serial executor and answer with futures
 * a flow on a virtual thread can {@code join()}. Do not join them on the session's own executor (inside a
 * {@link SessionListener}): the future completes on that executor. A verb on an ended session completes
 * exceptionally with {@link SessionEndedException} (or, for hang-up, with the end already reached).
 */
public interface CallSession {

    /** Our SIP Call-ID of the leg: the key in logs, events and the call store. */
    String callId();

    /** The INVITE that reached us (numbers, source, display name, P-Asserted-Identity, Diversion, X- headers). */
    Optional<InboundCall> inbound();

    /** Tone tables this call's call-progress analysis and {@link #defaultAmdParams()} use, e.g. "US" or "UK". */
    String toneCountry();

    /** Keys carried by every log line about this session; add e.g. {@code campaignId}, {@code contactId}. */
    LogContext logContext();

    /** This leg's media, for taps, stats and DTMF sending; playback and digits are better done by the verbs here. */
    MediaSession media();

    /** Receives this session's later events, in order, on the session's executor. */
    void subscribe(SessionListener listener);

    void unsubscribe(SessionListener listener);

    /** Completes when the call is answered; exceptionally with {@link SessionEndedException} if it ends first. */
    CompletableFuture<Void> answered();

    /** Completes with the session's last event. */
    CompletableFuture<SessionEvent.Ended> ended();

    /** Answers an inbound call (200 OK; after {@link #earlyAnswer} with the same SDP). Completes once answered. */
    CompletableFuture<Void> answer();

    /**
     * Answers an inbound call like {@link #answer} but completes as soon as the 200 OK is handed to SIP, without
     * waiting for the caller's ACK: the answerer may send media at once (RFC 3264 §6.1), so what is played now is
     * heard from the answer on. {@link #answered} still completes on the ACK; verbs that need a confirmed dialog
     * (bridge, transfer, AMD) must wait for it.
     */
    CompletableFuture<Void> sendAnswer();

    /**
     * Inbound: 183 Session Progress with our SDP, so the caller hears what we {@link #play} before the call is
     * answered (and billed). Completes once the 183 is handed to SIP; {@link #answer} or {@link #reject} follows.
     */
    CompletableFuture<Void> earlyAnswer();

    /** Refuses an inbound call not yet answered, with the SIP status of the Q.850 cause. */
    void reject(int q850);

    /** Plays once, without barge-in; a {@link SessionEvent.PlaybackDone} follows. */
    default CompletableFuture<PlayResult> play(Playable playable) {
        return play(playable, PlayOptions.DEFAULT);
    }

    /** Queues a playback (prompt file, TTS, tones, silence) behind any other; a {@link SessionEvent.PlaybackDone} follows. */
    CompletableFuture<PlayResult> play(Playable playable, PlayOptions options);

    void stopPlayback();

    /**
     * Collects digits from every route (RTP telephone-events, in-band tones and SIP INFO) per {@code options}, in
     * media time; completes with what was collected, possibly empty.
     */
    CompletableFuture<String> collectDigits(CollectOptions options);

    /** Plays {@code prompt} with barge-in and collects digits; digits pressed during the prompt count. */
    CompletableFuture<String> playAndCollect(Playable prompt, CollectOptions options);

    /** Records what the leg hears (and, per {@code limits}, what it sends) to a WAV file. */
    Recording record(Path wav, RecordingLimits limits);

    /** AMD defaults with this call's tone country: the usual start for {@link #startAmd}. */
    AmdParams defaultAmdParams();

    /**
     * Starts answering-machine detection on the received audio with this call's own parameters; events
     * {@link SessionEvent.AmdDecision}, then (when {@code awaitMachineEnd}) {@link SessionEvent.Beep}. Starting it
     * again returns the running detection's decision.
     */
    CompletableFuture<AmdEvent.Decision> startAmd(AmdParams params);

    /** Stops feeding AMD (e.g. the flow no longer waits for the beep). */
    void stopAmd();

    /**
     * Ties this answered session to {@code other} in one step: SIP lifetimes (either end hangs up the other) and
     * audio both ways (taps, AMD, recording and digit detection stay active on both legs). A bridge either was in
     * ends first ({@link SessionEvent.Unbridged}). Completes when both have reported {@link SessionEvent.Bridged};
     * exceptionally when either is not answered.
     */
    CompletableFuture<Void> bridge(CallSession other);

    /** Ends this session's bridge: audio and lifetimes apart again; both report {@link SessionEvent.Unbridged}. */
    CompletableFuture<Void> unbridge();

    /** The session this one is bridged to now. */
    Optional<CallSession> partner();

    /**
     * Blind transfer: places a call to {@code target}; when it answers, this session is bridged to it (SIP and
     * media) and its current partner is hung up. If the partner had asked for the transfer by REFER, it is told the
     * outcome. Completes with the new session once answered; exceptionally if it fails (this call stays as it was).
     */
    CompletableFuture<CallSession> transfer(OriginateSpec target);

    /**
     * Attended transfer asked by this session's peer with a REFER carrying Replaces (RFC 3891): the session named by
     * Replaces (the peer's consultation call) gives its partner to this session's partner, the two are bridged,
     * the REFER is reported successful, and this session and the replaced one are hung up.
     */
    CompletableFuture<Void> attendedTransfer(SessionEvent.TransferRequested request);

    /** Refuses the transfer the peer asked for by REFER (603 Decline in the NOTIFY). */
    void declineTransfer();

    /** Ends the call in any state (CANCEL, final response or BYE) with {@code q850}; completes when it has ended. */
    CompletableFuture<SessionEvent.Ended> hangup(int q850);
}
