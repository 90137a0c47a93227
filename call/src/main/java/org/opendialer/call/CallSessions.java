package org.opendialer.call;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.concurrent.Executor;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;
import org.opendialer.media.MediaServer;
import org.opendialer.media.MediaSession;
import org.opendialer.sip.CallControl;
import org.opendialer.sip.CallListener;
import org.opendialer.sip.Q850;

/**
 * Makes {@link CallSession}s: outbound with {@link #originate}, inbound by DID with {@link #route}. One per server,
 * over the SIP call-control port and the media server; it keeps the live sessions by call id (attended transfer
 * looks the replaced call up here) and the bridges between them.
 */
public final class CallSessions {

    private static final Logger LOG = new LoggerImpl(CallSessions.class.getName());

    private final CallControl calls;
    private final MediaServer media;
    private final Clock clock;
    private final Executor executor;
    private final String inboundToneCountry;
    private final Map<String, Session> live = new ConcurrentHashMap<>();
    private final Bridges bridges;

    /**
     * @param clock    stamps every {@link SessionEvent}
     * @param executor runs the sessions' serial executors (e.g. a virtual-thread-per-task executor); tasks may
     *                 block briefly (a media port bind)
     */
    public CallSessions(CallControl calls, MediaServer media, Clock clock, Executor executor) {
        this(calls, media, clock, executor, OriginateSpec.DEFAULT_TONE_COUNTRY);
    }

    /** @param inboundToneCountry tone tables for inbound calls' analysis (outbound calls name theirs in the spec) */
    public CallSessions(CallControl calls, MediaServer media, Clock clock, Executor executor,
                        String inboundToneCountry) {
        this.calls = calls;
        this.media = media;
        this.clock = clock;
        this.executor = executor;
        this.inboundToneCountry = inboundToneCountry;
        this.bridges = new Bridges(this);
    }

    /** {@link #originate(OriginateSpec, SessionListener)} without a first listener. */
    public CallSession originate(OriginateSpec spec) {
        return originate(spec, null);
    }

    /**
     * Places a call with a new media session's SDP offer and returns its session at once (its call id known).
     * {@code listener} (may be null) is subscribed before the INVITE leaves, so it sees every event. On 180/183 with
     * SDP the early media is applied and analysed with the spec's tone country ({@link SessionEvent.CpaTone}).
     * Blocks for the media port bind: call it from a flow thread, not from a listener.
     *
     * @throws IllegalStateException when no media port is free
     */
    public CallSession originate(OriginateSpec spec, SessionListener listener) {
        Session s = newOutbound(spec);
        if (listener != null) {
            s.subscribe(listener);
        }
        place(s, sip -> calls.originate(spec.request(s.media().createOffer()), sip));
        return s;
    }

    /**
     * Places an outbound leg with {@code placer} (originate or transfer). SIP may report before the call id is
     * returned, so the session's executor is held until it is known: no event is ever seen without its id.
     */
    static void place(Session s, Function<CallListener, String> placer) {
        CountDownLatch idKnown = new CountDownLatch(1);
        s.executor().execute(() -> {
            try {
                idKnown.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            s.bind(placer.apply(e -> s.executor().execute(() -> s.onSip(e))));
        } catch (RuntimeException e) {
            s.media().close(); // no call will ever end this session: give its RTP ports back now
            throw e;
        } finally {
            idKnown.countDown();
        }
    }

    Session newOutbound(OriginateSpec spec) {
        MediaSession m = media.createSession("out-" + UUID.randomUUID());
        return new Session(this, m, null, spec.toneCountry());
    }

    /**
     * Renders {@code playable} into the media engine's prompt cache now, so a later play of it starts at once (e.g.
     * a message that must begin within a regulator's deadline).
     */
    public java.util.concurrent.CompletableFuture<Void> prefetch(org.opendialer.media.Playable playable) {
        return media.prefetch(playable);
    }

    /**
     * Routes inbound calls to {@code did} ({@code *} for any) to {@code handler} as sessions, with the INVITE's
     * headers in {@link CallSession#inbound()}. A call for which no media port is free is refused (Q.850 34).
     */
    public void route(String did, SessionHandler handler) {
        calls.route(did, call -> {
            MediaSession m;
            try {
                m = media.createSession(call.callId());
            } catch (RuntimeException e) {
                LOG.warn("inbound call " + call.callId() + " refused: " + e.getMessage());
                calls.reject(call.callId(), Q850.NO_CIRCUIT_AVAILABLE);
                return event -> { };
            }
            Session s = new Session(this, m, call, inboundToneCountry);
            s.executor().execute(() -> { // the handler first, then the leg's events: its listeners miss nothing
                try {
                    handler.onCall(s);
                } catch (RuntimeException e) {
                    LOG.error("inbound handler failed on " + call.callId() + "; refusing the call", e);
                    s.reject(Q850.TEMPORARY_FAILURE);
                }
            });
            return e -> s.executor().execute(() -> s.onSip(e));
        });
    }

    /** The live session of a call id (our SIP Call-ID), if any. */
    public Optional<CallSession> find(String callId) {
        return Optional.ofNullable(live.get(callId));
    }

    /** Sessions not yet ended. */
    public int active() {
        return live.size();
    }

    Session session(String callId) {
        return live.get(callId);
    }

    void register(Session s) {
        live.put(s.callId(), s);
    }

    void ended(Session s) {
        live.remove(s.callId(), s);
        bridges.ended(s);
    }

    CallControl calls() {
        return calls;
    }

    Clock clock() {
        return clock;
    }

    Executor executor() {
        return executor;
    }

    Logger logger() {
        return LOG;
    }

    Bridges bridges() {
        return bridges;
    }
}
