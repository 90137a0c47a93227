package org.opendialer.call;

import java.time.Instant;
import org.opendialer.amd.AmdEvent;
import org.opendialer.amd.MachineEndKind;
import org.opendialer.amd.progress.CallProgressTone;
import org.opendialer.amd.progress.SitCode;
import org.opendialer.media.DtmfSource;
import org.opendialer.media.PlayResult;
import org.opendialer.sip.Disposition;
import org.opendialer.sip.HangupSide;
import org.opendialer.sip.Replaces;

/**
 * Everything that happens to a {@link CallSession}, in order, on the session's serial executor. Each event carries
 * the instant it was observed, read from the {@link java.time.Clock} given to {@link CallSessions}, so consumers
 * never read the wall clock themselves. A session's stream ends with exactly one {@link Ended}.
 */
public sealed interface SessionEvent {

    /** Our SIP Call-ID of the leg. */
    String callId();

    /** When the session observed it (the injected clock). */
    Instant at();

    /** How far the call got; stages are reported in this order, each at most once, some maybe skipped. */
    enum Stage {
        /** The peer took our INVITE (100). */
        TRYING,
        /** 180 without SDP: ringing, no audio to analyse. */
        RINGING,
        /** Audio before answer: 180/183 with SDP outbound, or our 183 on an inbound call. */
        EARLY_MEDIA,
        /** 200 OK acknowledged: the call is up. */
        ANSWERED
    }

    record Progress(String callId, Instant at, Stage stage) implements SessionEvent { }

    /**
     * A call-progress tone recognised by call-progress analysis (in early media, where a recorded announcement is
     * reported as {@code ANNOUNCEMENT} too) or by the AMD detector (after answer).
     *
     * @param sitCode     the SIT variant for {@code tone == SIT}, else null
     * @param beforeAnswer heard in early media (carrier announcement, ringback, busy) rather than after answer
     */
    record CpaTone(String callId, Instant at, CallProgressTone tone, SitCode sitCode, double frequencyHz,
                   boolean beforeAnswer) implements SessionEvent { }

    /** The AMD decision of {@link CallSession#startAmd}: human, machine, fax, SIT, no speech or unknown. */
    record AmdDecision(String callId, Instant at, AmdEvent.Decision decision) implements SessionEvent { }

    /** End of a machine's greeting (the beep, or silence/limit when no beep came): the moment to leave a message. */
    record Beep(String callId, Instant at, MachineEndKind kind, double beepHz, long audioMs) implements SessionEvent { }

    /** A digit received by any route: RTP telephone-event, in-band tones, or SIP INFO. */
    record Digit(String callId, Instant at, char digit, DtmfSource source, int durationMs) implements SessionEvent { }

    /** A playback started by {@link CallSession#play} ended (completed, interrupted, stopped or failed). */
    record PlaybackDone(String callId, Instant at, PlayResult result) implements SessionEvent { }

    /** Audio and lifetime now tied to {@code otherCallId}'s session. */
    record Bridged(String callId, Instant at, String otherCallId) implements SessionEvent { }

    /** No longer tied to {@code otherCallId}'s session (unbridge, re-bridge, transfer or its end). */
    record Unbridged(String callId, Instant at, String otherCallId) implements SessionEvent { }

    /**
     * The peer sent REFER (RFC 3515): it asks us to transfer the call to {@code target}. Answer with
     * {@link CallSession#transfer}, {@link CallSession#attendedTransfer} or {@link CallSession#declineTransfer}.
     *
     * @param replaces for an attended transfer, the dialog the target replaces (RFC 3891); null when blind
     */
    record TransferRequested(String callId, Instant at, String target, String referredBy, Replaces replaces)
            implements SessionEvent { }

    /**
     * The session is over and its media released.
     *
     * @param answered  whether the call was ever answered
     * @param sipStatus final SIP status of an unanswered call (487 our CANCEL, 0 refused locally), 200 if answered
     * @param side      who ended it
     * @param reason    human-readable why (from SIP or from us)
     */
    record Ended(String callId, Instant at, boolean answered, Disposition disposition, int q850, int sipStatus,
                 HangupSide side, String reason, long talkMillis) implements SessionEvent { }
}
