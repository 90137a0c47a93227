package org.opendialer.call;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.opendialer.media.MediaBridge;
import org.opendialer.sip.CallControl;
import org.opendialer.sip.Q850;
import org.opendialer.sip.Replaces;

/**
 * Who is bridged to whom, changed under one lock so that SIP (lifetimes, {@link CallControl#bridge}) and media
 * ({@link MediaBridge}) always agree. SIP operations are issued in order from here before any later hang-up of the
 * same legs, so untying a leg always happens before it is hung up.
 */
final class Bridges {

    private final CallSessions owner;
    private final CallControl calls;

    Bridges(CallSessions owner) {
        this.owner = owner;
        this.calls = owner.calls();
    }

    synchronized CompletableFuture<Void> bridge(Session a, Session b) {
        if (a == b) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("cannot bridge a call to itself"));
        }
        if (!a.isAnswered() || !b.isAnswered()) {
            return CompletableFuture.failedFuture(new IllegalStateException("bridge needs two answered calls: "
                    + a + ", " + b));
        }
        if (a.partner == b) {
            return CompletableFuture.completedFuture(null);
        }
        List<CompletableFuture<Void>> reported = new ArrayList<>();
        detach(a, reported);
        detach(b, reported);
        tie(a, b, reported);
        return allOf(reported);
    }

    synchronized CompletableFuture<Void> unbridge(Session s) {
        List<CompletableFuture<Void>> reported = new ArrayList<>();
        detach(s, reported);
        return allOf(reported);
    }

    /** A session ended: SIP has hung up its partner with it (tied lifetimes), so only our bookkeeping is left. */
    synchronized void ended(Session s) {
        Session p = s.partner;
        if (p != null) {
            MediaBridge.unbridge(s.media());
            s.partner = null;
            if (p.partner == s) {
                p.partner = null;
            }
        }
    }

    /**
     * Blind transfer through {@link CallControl#transfer}: SIP ties {@code s} to the new leg and hangs up the old
     * partner when the new leg answers; here the media follows and the events are told.
     */
    CompletableFuture<CallSession> transfer(Session s, OriginateSpec target) {
        Session old = s.partner;
        Session t = owner.newOutbound(target);
        CallSessions.place(t, listener -> calls.transfer(s.callId(), target.request(t.media().createOffer()), listener));
        return t.answered().handle((v, err) -> {
            if (err != null) {
                if (old != null) {
                    old.referDone(503); // the call stays as it was; the referrer hears the transfer failed
                }
                throw new java.util.concurrent.CompletionException(err);
            }
            moved(s, old, t);
            return t;
        });
    }

    private synchronized void moved(Session s, Session old, Session t) {
        List<CompletableFuture<Void>> reported = new ArrayList<>();
        if (old != null && s.partner == old) {
            old.referDone(200); // may arrive after SIP's BYE to it, which ends the REFER subscription anyway
            MediaBridge.unbridge(s.media());
            s.partner = null;
            old.partner = null;
            reported.add(s.emitLater(at -> new SessionEvent.Unbridged(s.callId(), at, old.callId())));
            reported.add(old.emitLater(at -> new SessionEvent.Unbridged(old.callId(), at, s.callId())));
        }
        MediaBridge.bridge(s.media(), t.media());
        s.partner = t;
        t.partner = s;
        reported.add(s.emitLater(at -> new SessionEvent.Bridged(s.callId(), at, t.callId())));
        reported.add(t.emitLater(at -> new SessionEvent.Bridged(t.callId(), at, s.callId())));
    }

    /**
     * Attended transfer asked by {@code referrer}'s peer: the dialog named by Replaces is the peer's consultation
     * call; its partner and the referrer's partner are bridged, then the referrer's two calls are hung up.
     */
    synchronized CompletableFuture<Void> attendedTransfer(Session referrer, SessionEvent.TransferRequested request) {
        Replaces replaces = request.replaces();
        if (replaces == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("a blind transfer: use transfer()"));
        }
        Session replaced = owner.session(replaces.callId());
        Session keep = referrer.partner;
        Session target = replaced == null ? null : replaced.partner;
        if (keep == null || target == null || target == keep) {
            referrer.referDone(481); // RFC 3891 §3: no such dialog to replace
            return CompletableFuture.failedFuture(new IllegalStateException("nothing to join for "
                    + replaces.callId() + ": the consultation call or a partner is missing"));
        }
        List<CompletableFuture<Void>> reported = new ArrayList<>();
        detach(referrer, reported);
        detach(replaced, reported);
        tie(keep, target, reported);
        referrer.referDone(200);
        referrer.hangup(Q850.NORMAL_CLEARING);
        replaced.hangup(Q850.NORMAL_CLEARING);
        return allOf(reported);
    }

    private void tie(Session a, Session b, List<CompletableFuture<Void>> reported) {
        calls.bridge(a.callId(), b.callId());
        MediaBridge.bridge(a.media(), b.media());
        a.partner = b;
        b.partner = a;
        reported.add(a.emitLater(at -> new SessionEvent.Bridged(a.callId(), at, b.callId())));
        reported.add(b.emitLater(at -> new SessionEvent.Bridged(b.callId(), at, a.callId())));
    }

    private void detach(Session s, List<CompletableFuture<Void>> reported) {
        Session p = s.partner;
        if (p == null) {
            return;
        }
        calls.unbridge(s.callId(), p.callId());
        MediaBridge.unbridge(s.media());
        s.partner = null;
        if (p.partner == s) {
            p.partner = null;
        }
        reported.add(s.emitLater(at -> new SessionEvent.Unbridged(s.callId(), at, p.callId())));
        reported.add(p.emitLater(at -> new SessionEvent.Unbridged(p.callId(), at, s.callId())));
    }

    private static CompletableFuture<Void> allOf(List<CompletableFuture<Void>> all) {
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }
}
