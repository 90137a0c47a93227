package org.opendialer.campaign.runner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.opendialer.acd.calls.QueueCalls;
import org.opendialer.campaign.pacing.AgentView;
import org.opendialer.campaign.pacing.AttemptOutcome;
import org.opendialer.campaign.pacing.Pacer;
import org.opendialer.campaign.pacing.PacingConfig;
import org.opendialer.campaign.pacing.PacingDecision;
import org.opendialer.campaign.pacing.PacingSnapshot;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignSettings;
import org.opendialer.campaign.settings.ResultKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent modes' side of the runner: one {@link Pacer} per campaign (its abandon window rebuilt from the attempt
 * history, so a restart keeps the cap), fed with every call's end, each live answer's fate and each agent's talk
 * and wrap-up; the reservations that tell a live answer whether an agent is free for it.
 */
final class AgentDialing {

    private static final Logger LOG = LoggerFactory.getLogger(AgentDialing.class);
    /** Settled attempts a restarted pacer reads back for its answer and handle statistics. */
    private static final int HISTORY = 2000;

    /** A connected call whose agent is wrapping up: its wrap-up is measured when the agent leaves WRAP_UP. */
    private record Wrapping(UUID campaignId, UUID queueId, UUID attemptId, UUID agentId, Instant endedAt, Duration talk) {
    }

    private final QueueCalls queues;
    private final AttemptStore attempts;
    private final AgentSeats seats;
    private final Clock clock;
    private final Map<UUID, Pacer> pacers = new ConcurrentHashMap<>();
    private final AgentReservations reservations;
    private final List<Wrapping> wrapping = new ArrayList<>();
    private final Map<UUID, String> lastReason = new ConcurrentHashMap<>();
    private final Map<UUID, java.util.concurrent.CompletableFuture<Void>> safeHarbour = new ConcurrentHashMap<>();
    private final org.opendialer.call.CallSessions sessions;
    private final CrossNodeCaps caps;
    private final OtherNodesAnswers others;

    AgentDialing(DataSource ds, org.opendialer.call.CallSessions sessions, QueueCalls queues, AttemptStore attempts,
                 Clock clock, String node) {
        this.reservations = new AgentReservations(ds, clock, node);
        this.caps = new CrossNodeCaps(ds, clock, node);
        this.others = new OtherNodesAnswers(attempts, clock, node);
        this.sessions = sessions;
        this.queues = queues;
        this.attempts = attempts;
        this.seats = new AgentSeats(ds);
        this.clock = clock;
    }

    boolean enabled() {
        return queues != null;
    }

    QueueCalls queues() {
        return queues;
    }

    /** The caps of this node's pacers as the other nodes see them, and theirs as this node does. */
    CrossNodeCaps caps() {
        return caps;
    }

    /**
     * The calls the campaign's pacer places now, given this node's calls of it ringing and in flight, on the agents
     * {@code shares} leaves it. None until its safe-harbour message is rendered: an abandoned call must hear it
     * within 2 s, a cold TTS takes longer.
     */
    int calls(Campaign c, List<Duration> ringing, int inFlight, AgentShares shares) {
        var message = safeHarbour.computeIfAbsent(c.id(), id -> sessions.prefetch(
                new org.opendialer.media.Playable.Tts(c.settings().agentMode().safeHarbourMessage())));
        if (!message.isDone()) {
            return 0;
        }
        if (message.isCompletedExceptionally()) {
            safeHarbour.remove(c.id()); // tried again next tick; nothing is dialled without the message
            LOG.error("campaign {}: the safe-harbour message cannot be rendered; not dialing", c.id());
            return 0;
        }
        Instant now = clock.instant();
        UUID queue = c.settings().queueId();
        List<AgentView> queueAgents = seats.of(queue).stream().map(s -> s.view(now)).toList();
        List<AgentView> agents = shares.of(c, queueAgents);
        measureWrapUps(c, queue);
        Pacer p = pacer(c);
        others.feed(c.id(), p);
        PacingDecision d;
        synchronized (p) {
            d = p.decide(new PacingSnapshot(agents, ringing, inFlight, shares.queue(c, queueAgents)));
        }
        caps.observe(c, d.state());
        if (!d.reason().equals(lastReason.put(c.id(), d.reason())) && d.calls() > 0) {
            LOG.info("campaign {}: {} calls ({}): {}", c.id(), d.calls(), d.state(), d.reason());
        }
        return d.calls();
    }

    /**
     * The queue's calls ringing on other nodes ({@link AgentReservations#ringingElsewhere}); empty when they cannot be
     * read, and then the queue's campaigns are held this tick ({@link AgentShares#ringingElsewhere}): not knowing the
     * other nodes' calls, this node must not dial ahead on agents they may take.
     */
    Optional<List<Duration>> ringingElsewhere(UUID queueId) {
        try {
            return Optional.of(reservations.ringingElsewhere(queueId));
        } catch (RuntimeException e) {
            LOG.error("queue {}: calls ringing on other nodes not read; its campaigns are held this tick", queueId, e);
            return Optional.empty();
        }
    }

    /** Preview campaigns (no pacer asked each tick): their agents' wrap-ups are measured all the same. */
    void wrapUps(Campaign c) {
        measureWrapUps(c, c.settings().queueId());
    }

    Pacer pacer(Campaign c) {
        return pacers.computeIfAbsent(c.id(), id -> {
            CampaignSettings s = c.settings();
            PacingConfig config = PacingConfig.defaults(s.dialingMode())
                    .withAbandonCap(s.abandonRate() / 100, PacingConfig.FCC_WINDOW)
                    .withRingTime(s.ringTime()).withPowerRatio(s.agentMode().powerRatio());
            Pacer p = new Pacer(config, clock);
            others.beforeRestore(id);
            List<Object[]> past = attempts.liveAnswers(id, clock.instant().minus(config.abandonWindow()));
            for (Object[] a : past) {
                p.restore((Instant) a[0], (Boolean) a[1]);
            }
            List<AttemptStore.Paced> settled = attempts.recentSettled(id, HISTORY);
            for (AttemptStore.Paced a : settled) {
                p.callEnded(kind(ResultKind.ofWire(a.result()).orElse(ResultKind.FAILED)),
                        Duration.ofMillis(a.toAnswerMs() == null ? 0 : a.toAnswerMs()));
                if (a.agentTalkMs() != null && a.wrapUpMs() != null) {
                    p.handled(Duration.ofMillis(a.agentTalkMs()), Duration.ofMillis(a.wrapUpMs()));
                }
            }
            LOG.info("campaign {}: pacer {} rebuilt from {} attempts and {} live answers, abandon rate {}", id,
                    s.dialingMode(), settled.size(), past.size(), p.abandonRate());
            return p;
        });
    }

    /**
     * Whether an agent of the queue is free for this live answer at its campaign's priority, over all nodes; if so
     * it is held for it until {@link #release} ({@link AgentReservations}).
     */
    boolean reserve(Campaign c, String callId) {
        return reservations.reserve(c.settings().queueId(), c.id(), c.settings().priority(), callId);
    }

    void release(Campaign c, String callId) {
        reservations.release(callId);
    }

    void liveAnswer(Campaign c, boolean abandoned) {
        Pacer p = pacer(c);
        synchronized (p) {
            p.liveAnswer(abandoned);
        }
    }

    /** A call of the campaign ended: its ringing phase for the answer statistics, its agent for the wrap-up. */
    void ended(Campaign c, UUID attemptId, Outcome o) {
        AttemptOutcome kind = kind(o.result());
        long ms = o.timeToAnswerMs() != null ? o.timeToAnswerMs() : o.durationMs() == null ? 0 : o.durationMs();
        Pacer p = pacer(c);
        synchronized (p) {
            p.callEnded(kind, Duration.ofMillis(ms));
        }
        if (o.agent().agentId() != null) {
            synchronized (wrapping) {
                wrapping.add(new Wrapping(c.id(), c.settings().queueId(), attemptId, o.agent().agentId(), o.endedAt(),
                        Duration.ofMillis(o.agent().agentTalkMs() == null ? 0 : o.agent().agentTalkMs())));
            }
        }
    }

    private static AttemptOutcome kind(ResultKind r) {
        return switch (r) {
            case AGENT, ABANDONED, HUMAN -> AttemptOutcome.LIVE;
            case MACHINE, MACHINE_MESSAGE -> AttemptOutcome.MACHINE;
            case BUSY -> AttemptOutcome.BUSY;
            case NO_ANSWER -> AttemptOutcome.NO_ANSWER;
            default -> AttemptOutcome.FAILED;
        };
    }

    /** Agents of the queue that left WRAP_UP since their campaign call ended: talk and wrap-up to the pacer. */
    private void measureWrapUps(Campaign c, UUID queue) {
        List<Wrapping> due;
        synchronized (wrapping) {
            due = wrapping.stream().filter(w -> w.campaignId().equals(c.id())).toList();
        }
        if (due.isEmpty()) {
            return;
        }
        Map<UUID, AgentSeats.Seat> now = new java.util.HashMap<>();
        seats.of(queue).forEach(s -> now.put(s.agentId(), s));
        for (Wrapping w : due) {
            AgentSeats.Seat s = now.get(w.agentId());
            if (s != null && (s.state().equals("WRAP_UP") || s.since().isBefore(w.endedAt()))) {
                continue; // still wrapping up (or its row not moved yet)
            }
            Duration wrap = s == null ? Duration.ZERO : Duration.between(w.endedAt(), s.since());
            attempts.wrapUp(w.attemptId(), wrap.toMillis());
            Pacer p = pacer(c);
            synchronized (p) {
                p.handled(w.talk(), wrap);
            }
            synchronized (wrapping) {
                wrapping.remove(w);
            }
        }
    }
}
