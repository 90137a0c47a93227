package org.opendialer.campaign.runner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.opendialer.acd.calls.QueueCalls;
import org.opendialer.call.CallSessions;
import org.opendialer.campaign.pacing.AbandonMeter;
import org.opendialer.campaign.pacing.DialingMode;
import org.opendialer.campaign.pacing.Pacer;
import org.opendialer.campaign.rules.WrapUp;
import org.opendialer.campaign.settings.Campaign;
import org.opendialer.campaign.settings.CampaignStatus;
import org.opendialer.campaign.settings.CampaignStore;
import org.opendialer.contacts.consent.ConsentLedger;
import org.opendialer.contacts.dnc.external.ExternalDncLists;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The campaign runner of one node: every tick, for each campaign that is on, it claims contacts for the free
 * lines (at most {@code maxLines} in flight over all nodes, at most {@code callsPerSecond} new calls on this node)
 * and places each through the node's one {@link CallSessions}. Agentless campaigns fill their lines; the agent modes
 * place what their {@link Pacer} decides from the queue's agents ({@link AgentDialing}) and hand live answers to
 * the ACD's {@link QueueCalls}. Stopping campaigns turn off once their calls have
 * ended; paused campaigns claim nothing until resumed; campaigns with nobody left turn complete. At start it ends its own attempts a crash left open
 * ({@code interrupted}); each sweep does the same for dead nodes ({@link DeadNodeSweep}). Decisions read the injected
 * clock. The calls themselves live in {@link CallsInFlight}, the calls-per-second cap in {@link CallRate}.
 */
public final class VoiceCampaignRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VoiceCampaignRunner.class);
    /** The abandon meter's window (FCC: 30 days), rebuilt from the attempt history when a campaign is first seen. */
    static final Duration ABANDON_WINDOW = Duration.ofDays(30);

    private final String node;
    private final CallSessions sessions;
    private final LiveAnswerFlows flows;
    private final Clock clock;
    private final CampaignStore campaigns;
    private final ContactClaims claims;
    private final AttemptStore attempts;
    private final Gates gates;
    private final DeadNodeSweep sweep;
    private final WrapUp wrapUp;
    private final AgentDialing agentDialing;
    private final PreviewDialing previews;
    private final PreviewDesk previewDesk;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CallsInFlight live = new CallsInFlight();
    private final CallRate rate = new CallRate();
    private final Map<UUID, AbandonMeter> meters = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private Thread loop;
    private long ticks;

    public VoiceCampaignRunner(DataSource ds, ConsentLedger ledger, CallSessions sessions, LiveAnswerFlows flows, Clock clock, String node) {
        this(ds, ledger, sessions, flows, null, clock, node);
    }

    /** With {@code queues} null the agent modes place no call (a node without the ACD's call side). */
    public VoiceCampaignRunner(DataSource ds, ConsentLedger ledger, CallSessions sessions, LiveAnswerFlows flows,
                               QueueCalls queues, Clock clock, String node) {
        this(ds, ledger, sessions, flows, queues, clock, node, null);
    }

    /** @param external the node's external DNC lists (null: none can answer, see {@link Gates}) */
    public VoiceCampaignRunner(DataSource ds, ConsentLedger ledger, CallSessions sessions, LiveAnswerFlows flows,
                               QueueCalls queues, Clock clock, String node, ExternalDncLists external) {
        this.node = node;
        this.sessions = sessions;
        this.flows = flows;
        this.clock = clock;
        this.campaigns = new CampaignStore(ds);
        this.claims = new ContactClaims(ds);
        this.attempts = new AttemptStore(ds);
        this.gates = external == null ? new Gates(ds, ledger, attempts, clock) : new Gates(ds, ledger, attempts, clock, external);
        this.wrapUp = new WrapUp(ds, ledger);
        this.sweep = new DeadNodeSweep(ds, attempts, clock, node);
        this.agentDialing = new AgentDialing(ds, sessions, queues, attempts, clock, node);
        this.previews = new PreviewDialing(ds, campaigns, gates, this, clock);
        this.previewDesk = new PreviewDesk(ds, campaigns, gates, clock);
    }

    /** Ticks every {@code period} on a daemon thread until {@link #close}. */
    public VoiceCampaignRunner start(Duration period) {
        loop = Thread.ofPlatform().daemon().name("voice-campaign-runner-" + node).start(() -> {
            while (!stopping) {
                try {
                    tick();
                } catch (RuntimeException e) {
                    LOG.error("campaign runner tick failed", e);
                }
                try {
                    Thread.sleep(period.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return this;
    }

    /** One pass over the running campaigns (the loop's body; tests call it directly). */
    public synchronized void tick() {
        if (stopping) {
            return;
        }
        sweep.onTick(ticks++);
        List<Campaign> running = AgentShares.rotated(campaigns.running(), ticks);
        AgentShares shares = new AgentShares();
        Instant now = clock.instant();
        for (Campaign c : running) {
            if (c.status().dials() && c.settings().dialingMode().needsAgents()) {
                shares.expect(c.settings().queueId(), c.settings().priority());
            }
            if (paced(c) && agentDialing.enabled()) {
                // every paced campaign of a queue declared before any dials, so a cap holds its peers this tick
                try {
                    shares.join(c, c.status().dials() ? agentDialing.pacer(c) : null, ringing(c, now));
                } catch (RuntimeException e) {
                    LOG.error("campaign {}: pacer not available this tick", c.id(), e);
                }
            }
        }
        if (agentDialing.enabled()) {
            shares.cappedElsewhere(agentDialing.caps()::cappedElsewhere);
            shares.ringingElsewhere(agentDialing::ringingElsewhere);
        }
        for (Campaign c : running) {
            try {
                runOne(c, shares);
            } catch (RuntimeException e) {
                LOG.error("campaign {} tick failed", c.id(), e);
            }
        }
        if (agentDialing.enabled()) {
            agentDialing.caps().endTick();
        }
    }

    private void runOne(Campaign c, AgentShares shares) {
        if (c.status() == CampaignStatus.STOPPING) {
            if (PreviewDialing.ticks(c)) {
                previews.stop(c);
            }
            if (attempts.open(c.id()) == 0) {
                campaigns.moveTo(c.id(), CampaignStatus.OFF);
            }
            return;
        }
        if (!c.status().dials()) {
            return; // paused: its calls in flight end on their own; pacer and meter stay as they are for the resume
        }
        DialingMode mode = c.settings().dialingMode();
        if (mode.needsAgents() && !agentDialing.enabled()) {
            return;
        }
        Instant now = clock.instant();
        if (PreviewDialing.ticks(c)) {
            previews.tick(c); // first: an agent given a record is no longer idle for the pacer
        }
        if (mode == DialingMode.PREVIEW) {
            agentDialing.wrapUps(c);
        }
        int want = mode == DialingMode.PREVIEW ? 0 : rate.tokens(c);
        List<Duration> ringing = List.of();
        if (mode.needsAgents() && mode != DialingMode.PREVIEW) {
            ringing = ringing(c, now);
            want = Math.min(want, agentDialing.calls(c, ringing, live.of(c.id()), shares));
        } else if (!mode.needsAgents()) {
            meter(c.id());
        }
        List<ContactClaims.Claim> claimed = want <= 0 ? List.of() : claims.claim(c, gates.of(c), want, now, node);
        rate.spend(c.id(), claimed.size());
        if (mode.needsAgents()) {
            shares.placed(c.settings().queueId(), claimed.size() + ringing.size());
            shares.dialled(c, claimed.size());
        }
        for (ContactClaims.Claim claim : claimed) {
            place(c, claim, null);
        }
        if (claimed.isEmpty() && attempts.open(c.id()) == 0 && claims.pending(c) == 0) {
            campaigns.moveTo(c.id(), CampaignStatus.COMPLETE);
            LOG.info("campaign {} complete: no contact left to dial", c.id());
        }
    }

    /** An agent mode whose pacer decides the calls (preview's calls go to their own agent, not the queue's). */
    private static boolean paced(Campaign c) {
        DialingMode mode = c.settings().dialingMode();
        return mode.needsAgents() && mode != DialingMode.PREVIEW;
    }

    /** This node's calls of {@code c} still ringing: time since each was placed. */
    private List<Duration> ringing(Campaign c, Instant now) {
        return live.ringing(c.id(), now);
    }

    /**
     * Places one claimed attempt through the one call path; {@code previewAgent}: a preview's call, whose answer goes
     * to that agent only (no AMD; abandoned when its phone does not answer in 30 s).
     */
    void place(Campaign c, ContactClaims.Claim claim, UUID previewAgent) {
        DialingMode mode = c.settings().dialingMode();
        AgentlessCall call = new AgentlessCall(claim, c, clock.instant(), this, previewAgent);
        live.start(call, o -> {
            if (o != null && mode.needsAgents()) {
                agentDialing.ended(c, claim.attemptId(), o);
            } else if (o != null && o.liveAnswer() && !mode.needsAgents()) {
                meter(c.id()).record(o.answeredAt() == null ? clock.instant() : o.answeredAt(), false);
            }
        });
    }

    /**
     * An agent's decision on its preview card (from the desktop, any node).
     *
     * @throws java.util.NoSuchElementException no such preview open for the agent
     * @throws IllegalStateException            the record may not be called now
     */
    public void previewDecision(UUID agentId, UUID previewId, boolean call) {
        previews.decide(agentId, previewId, call);
    }

    /** An agent's callbacks and record searches in the campaigns it previews for. */
    public PreviewDesk previewDesk() {
        return previewDesk;
    }

    /** Where preview cards are shown (the server's desktop); none until set. */
    public void usePreviewCards(PreviewCards cards) {
        previews.use(cards);
    }

    /** Agent modes: whether an agent of the campaign's queue is free for one more live answer now (reserved). */
    boolean reserveAgent(Campaign c, String callId) {
        return agentDialing.reserve(c, callId);
    }

    void releaseAgent(Campaign c, String callId) {
        agentDialing.release(c, callId);
    }

    /** Agent modes: a live answer got its agent, or (abandoned) none in time. */
    void liveAnswer(Campaign c, boolean abandoned) {
        agentDialing.liveAnswer(c, abandoned);
    }

    /** Agent modes: the campaign's pacer, its abandon window rebuilt from the attempt history on first use. */
    public Pacer pacer(Campaign c) {
        return agentDialing.pacer(c);
    }

    QueueCalls queues() {
        return agentDialing.queues();
    }

    /** The campaign's abandon meter, rebuilt from the attempt history the first time it is asked for. */
    public AbandonMeter meter(UUID campaignId) {
        return meters.computeIfAbsent(campaignId, id -> {
            AbandonMeter m = new AbandonMeter(ABANDON_WINDOW);
            for (Object[] a : attempts.liveAnswers(id, clock.instant().minus(ABANDON_WINDOW))) {
                m.record((Instant) a[0], (Boolean) a[1]);
            }
            return m;
        });
    }

    /** The campaign's wrap-up rules for a settled attempt; a failing rule is logged, the result stays stored. */
    void wrapUp(Campaign c, ContactClaims.Claim claim, Outcome o) {
        try {
            wrapUp.apply(gates.ruleSets(c), o.result().wire(), c.settings().contactListId(), claim.contact().contactId(),
                    claim.verdict().number(), clock.instant());
        } catch (RuntimeException e) {
            LOG.error("campaign {}: wrap-up rules failed for contact {}", c.id(), claim.contact().contactId(), e);
        }
    }

    /** This runner's node id, written on every attempt it claims. */
    public String node() {
        return node;
    }

    /** Calls of this node in flight. */
    public int inFlight() {
        return live.size();
    }

    CallSessions sessions() {
        return sessions;
    }

    LiveAnswerFlows flows() {
        return flows;
    }

    Clock clock() {
        return clock;
    }

    AttemptStore attempts() {
        return attempts;
    }

    ExecutorService executor() {
        return executor;
    }

    /**
     * Stops claiming, hangs up the calls in flight and waits up to {@code grace} for their results; what is still
     * open then ends {@code interrupted}.
     */
    public void close(Duration grace) {
        synchronized (this) {
            stopping = true;
        }
        if (loop != null) {
            loop.interrupt();
        }
        if (!live.hangUpAll(grace)) {
            LOG.warn("campaign runner {}: {} calls did not end within {}", node, live.size(), grace);
        }
        attempts.interrupt(node, clock.instant());
        agentDialing.caps().close();
        executor.shutdownNow();
        sweep.close();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }
}
