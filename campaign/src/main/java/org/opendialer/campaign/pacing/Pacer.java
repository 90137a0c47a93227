package org.opendialer.campaign.pacing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * The pacing brain of one campaign: each tick, {@link #decide} says how many calls to place now. Pure logic on an
 * injected clock: the campaign (or the simulator, in virtual time) reports what happened to its calls through
 * {@link #callEnded}, {@link #liveAnswer} and {@link #handled}.
 *
 * <p>Predictive mode has two loops. The inner one is {@link PredictiveModel}: from the measured answer statistics
 * and the agents' residual talk and wrap-up times it places as many calls as keep the expected answers without an
 * agent within a budget alpha. The outer one adjusts alpha once a minute from the abandon rate of the recent live
 * answers, against a setpoint under the cap — the feedback the adaptive dialers use (VICIdial adjusts its dial
 * level from the drop percentage), which corrects the model's approximations. Above both, the regulator's rule is
 * a hard stop ({@link PacerState#CAPPED}): once the abandon rate over the regulator's window reaches the cap,
 * power and predictive dial 1:1 until it is under again.
 *
 * <p>Not thread-safe: call it from the campaign's single pacing tick.
 */
public final class Pacer {

    /** Calls and handled calls needed before predicting; until then 1:1. */
    static final int WARM_CALLS = 50;
    static final int WARM_LIVE = 5;
    static final int WARM_HANDLES = 10;
    private static final Duration GOVERNOR_PERIOD = Duration.ofMinutes(1);
    /** Weight of one live answer in the recent abandon rate: about the last 300 answers count. */
    private static final double RECENT_WEIGHT = 1.0 / 300;
    private static final double GOVERNOR_GAIN = 0.25;

    private final PacingConfig config;
    private final Clock clock;
    private final AbandonMeter meter;
    private final AnswerStats answers = new AnswerStats();
    private final HandleStats handles = new HandleStats();
    private final PredictiveModel model = new PredictiveModel(answers, handles);
    private PacerState state = PacerState.WARMING_UP;
    private double alpha;
    private double recentAbandonRate;
    private Instant lastGovernorStep;

    public Pacer(PacingConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.meter = new AbandonMeter(config.abandonWindow());
        this.alpha = setpointRate();
        this.recentAbandonRate = setpointRate();
        this.lastGovernorStep = clock.instant();
    }

    public PacingConfig config() {
        return config;
    }

    /** A placed call stopped ringing: answered (live or machine), busy, failed, or rang out. */
    public void callEnded(AttemptOutcome outcome, Duration afterPlaced) {
        answers.record(outcome, afterPlaced);
    }

    /** A live answer got its agent (or, {@code abandoned}, none within {@link PacingConfig#ABANDON_GRACE}). */
    public void liveAnswer(boolean abandoned) {
        meter.record(clock.instant(), abandoned);
        recentAbandonRate += RECENT_WEIGHT * ((abandoned ? 1 : 0) - recentAbandonRate);
    }

    /**
     * A live answer from the attempt history (a restart rebuilds the abandon window from it, oldest first): it counts
     * toward the cap like a live one, not toward the governor's recent rate.
     */
    public void restore(Instant at, boolean abandoned) {
        meter.record(at, abandoned);
    }

    /** An agent finished a call: its talk and wrap-up times. */
    public void handled(Duration talk, Duration wrapUp) {
        handles.record(talk, wrapUp);
    }

    /** Abandoned / live answers over the regulator's window, now. */
    public double abandonRate() {
        return meter.rate(clock.instant());
    }

    public PacerState state() {
        return state;
    }

    /**
     * Whether this campaign is at its abandon cap for this snapshot: what {@link #decide} would answer with
     * {@link PacerState#CAPPED}, without changing any state. Peers on a shared queue ask it before they dial
     * ({@link SharedQueue}), so a cap holds them back in the same tick.
     */
    public boolean atCap(PacingSnapshot s) {
        return capReached(s, clock.instant(), warm());
    }

    /** The calls to place now for this snapshot of the campaign. */
    public PacingDecision decide(PacingSnapshot s) {
        Instant now = clock.instant();
        double rate = meter.rate(now);
        int idle = s.count(AgentView.Phase.IDLE);
        int ringing = s.ringing().size();
        boolean warm = warm();
        boolean peerCapped = s.queue() != null && s.queue().peerCapped();
        state = state.next(capReached(s, now, warm) ? PacerState.Signal.CAP_REACHED
                : peerCapped ? PacerState.Signal.PEER_CAPPED
                : warm ? PacerState.Signal.STATS_READY : PacerState.Signal.STATS_COLD);
        stepGovernor(now);
        int oneToOne = oneToOne(s, idle, ringing);
        return switch (config.mode()) {
            case PREVIEW -> preview(s, ringing);
            case PROGRESSIVE -> decision(oneToOne, "progressive: %d idle, %d ringing", idle, ringing);
            case AGENTLESS -> decision(Math.max(0, config.agentlessLines() - s.linesInUse()),
                    "agentless: %d of %d lines in use", s.linesInUse(), config.agentlessLines());
            case POWER -> state.oneToOne() ? fallback(oneToOne, rate)
                    : decision(Math.max(0, (int) Math.floor(config.powerRatio() * idle) - ringing),
                    "power %.1f: %d idle, %d ringing", config.powerRatio(), idle, ringing);
            case PREDICTIVE -> state.oneToOne() ? fallback(oneToOne, rate) : predictive(s, oneToOne, ringing);
        };
    }

    /**
     * One call per idle agent not yet covered by a ringing call: of the campaign's share, and on a shared queue
     * also of the whole queue, whose other calls ringing may take those agents first.
     */
    private static int oneToOne(PacingSnapshot s, int idle, int ringing) {
        int own = Math.max(0, idle - ringing);
        if (s.queue() == null) {
            return own;
        }
        PacingSnapshot.Queue q = s.queue();
        return Math.min(own, Math.max(0, PacingSnapshot.count(q.agents(), AgentView.Phase.IDLE) - q.ringing().size()));
    }

    /**
     * The measured rate has reached the cap, or (once the statistics are warm, in a mode that dials ahead or on a
     * shared queue, where the others' calls may take this one's agents) the projected one has.
     */
    private boolean capReached(PacingSnapshot s, Instant now, boolean warm) {
        return meter.rate(now) >= config.abandonCap()
                || warm && (config.mode().dialsAhead() || s.queue() != null)
                && projectedRate(s, now) >= config.abandonCap();
    }

    /**
     * The rate if the next live answer were abandoned, and with it the live answers the calls already ringing are
     * expected to bring with no agent free: falling back only once the measured rate has reached the cap would let
     * the calls dialed ahead push it over. So an empty window needs 1 / cap live answers before dialing ahead. On a
     * shared queue every campaign's ringing calls count against every agent, and all of the excess is taken as this
     * campaign's (the stricter side: the ACD does not say whose answer finds no agent).
     */
    private double projectedRate(PacingSnapshot s, Instant now) {
        PacingSnapshot.Queue q = s.wholeQueue();
        double more = 1 + model.calls(new PacingSnapshot(q.agents(), q.ringing()), 0, 0, 0, 0, config.ringTime())
                .risk();
        return (meter.abandons(now) + more) / (meter.liveAnswers(now) + more);
    }

    private PacingDecision predictive(PacingSnapshot s, int oneToOne, int ringing) {
        int ceiling = Math.max(0, config.maxLinesPerAgent() * s.staffed() - ringing);
        // what the window can take before the projected rate reaches the cap: early in a window, with few answers
        // counted, this and not alpha is the limit, so the pacer dials a little ahead instead of being capped
        Instant now = clock.instant();
        double headroom = config.abandonCap() * (meter.liveAnswers(now) + 1) - meter.abandons(now) - 1;
        PredictiveModel.Plan plan = model.calls(s, Math.min(oneToOne, ceiling), ceiling, alpha,
                Math.max(0, headroom), config.ringTime());
        return decision(plan.calls(), "predictive: live %.3f, %d ringing, expected answers %.2f, excess %.3f,"
                        + " alpha %.4f, horizon %d s", answers.liveRate(), ringing, plan.expectedAnswers(),
                plan.risk(), alpha, plan.horizonSeconds());
    }

    private PacingDecision preview(PacingSnapshot s, int ringing) {
        int due = 0;
        for (AgentView a : s.agents()) {
            if (a.phase() == AgentView.Phase.IDLE && a.inPhase().compareTo(config.previewTimer()) >= 0) {
                due++;
            }
        }
        return decision(Math.max(0, due - ringing), "preview: %d agents past the %d s timer, %d ringing", due,
                config.previewTimer().toSeconds(), ringing);
    }

    private PacingDecision fallback(int oneToOne, double rate) {
        return switch (state) {
            case CAPPED -> decision(oneToOne, "capped: abandon rate %.4f over %s, with the next abandon and those the"
                    + " ringing calls may bring, reaches the cap %.4f; dialing 1:1", rate, config.abandonWindow(),
                    config.abandonCap());
            case HELD -> decision(oneToOne, "held: a campaign sharing the queue is at its abandon cap; dialing 1:1"
                    + " (abandon rate %.4f)", rate);
            default -> decision(oneToOne, "warming up: %d calls, %d live, %d handled measured, dialing 1:1",
                    answers.samples(), answers.liveSamples(), handles.samples());
        };
    }

    private PacingDecision decision(int calls, String format, Object... args) {
        return new PacingDecision(calls, state, String.format(Locale.ROOT, format, args));
    }

    private boolean warm() {
        return answers.samples() >= WARM_CALLS && answers.liveSamples() >= WARM_LIVE
                && handles.samples() >= WARM_HANDLES;
    }

    /** Once a period: alpha up when the recent abandon rate is under the setpoint, down when over. */
    private void stepGovernor(Instant now) {
        if (Duration.between(lastGovernorStep, now).compareTo(GOVERNOR_PERIOD) < 0) {
            return;
        }
        lastGovernorStep = now;
        double target = setpointRate();
        alpha *= Math.exp(GOVERNOR_GAIN * (target - recentAbandonRate) / target);
        alpha = Math.max(target / 20, Math.min(target * 5, alpha));
    }

    private double setpointRate() {
        return config.abandonCap() * config.setpoint();
    }
}
