package org.opendialer.campaign.pacing.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.opendialer.campaign.pacing.AgentView;
import org.opendialer.campaign.pacing.AttemptOutcome;
import org.opendialer.campaign.pacing.DialingMode;
import org.opendialer.campaign.pacing.Pacer;
import org.opendialer.campaign.pacing.PacerState;
import org.opendialer.campaign.pacing.PacingConfig;
import org.opendialer.campaign.pacing.PacingDecision;
import org.opendialer.campaign.pacing.PacingSnapshot;

/**
 * A discrete-event simulation of one campaign in virtual time, driving a real {@link Pacer} the way the campaign
 * does: a pacing tick each second, call outcomes and agent state changes reported as they happen. A live answer
 * takes the agent idle longest; with none it waits {@link PacingConfig#ABANDON_GRACE} for one to come free and is
 * abandoned after. The same seed gives the same run. It is the "what if" engine of {@code dialer pacing simulate}.
 */
public final class PacingSimulator {

    private static final long TICK = 1000;

    private enum Kind { TICK, RESOLVED, GRACE_OVER, TALK_END, WRAP_END, LINE_FREE }

    private record Event(long at, long seq, Kind kind, int agent, long call, AttemptOutcome outcome) {
    }

    private final SimParams params;
    private final PacingConfig config;
    private final boolean agentless;
    private final CallDraws draws;
    private final VirtualClock clock = new VirtualClock(0);
    private final Pacer pacer;
    private final PriorityQueue<Event> events = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final AgentView.Phase[] phase;
    private final long[] since;
    private final long[] talkStarted;
    private final long[] wrapStarted;
    private final Map<Long, Long> ringing = new HashMap<>();
    private final LinkedHashSet<Long> waiting = new LinkedHashSet<>();
    private long seq;
    private long nextCall;
    private int playing;
    private long dials;
    private long live;
    private long abandons;
    private double talk;
    private double wrap;
    private double idle;
    private long cappedSeconds;

    private PacingSimulator(SimParams params, PacingConfig config) {
        this.params = params;
        this.config = config;
        this.agentless = config.mode() == DialingMode.AGENTLESS;
        this.draws = new CallDraws(params);
        this.pacer = new Pacer(config, clock);
        int n = agentless ? 0 : params.agents();
        this.phase = new AgentView.Phase[n];
        this.since = new long[n];
        this.talkStarted = new long[n];
        this.wrapStarted = new long[n];
        Arrays.fill(phase, AgentView.Phase.IDLE);
    }

    /** Runs the campaign for {@code params.length()} of virtual time. */
    public static SimResult run(SimParams params, PacingConfig config) {
        if (config.mode() != DialingMode.AGENTLESS && params.agents() == 0) {
            throw new IllegalArgumentException(config.mode() + " needs agents");
        }
        return new PacingSimulator(params, config).run();
    }

    private SimResult run() {
        long end = params.length().toMillis();
        schedule(0, Kind.TICK, -1, -1, null);
        while (!events.isEmpty() && events.peek().at <= end) {
            Event e = events.poll();
            clock.set(e.at);
            switch (e.kind) {
                case TICK -> tick();
                case RESOLVED -> resolved(e.call, e.outcome);
                case GRACE_OVER -> graceOver(e.call);
                case TALK_END -> talkEnd(e.agent);
                case WRAP_END -> wrapEnd(e.agent);
                case LINE_FREE -> playing--;
            }
        }
        clock.set(end);
        for (int a = 0; a < phase.length; a++) {
            account(a);
        }
        return new SimResult(config.mode(), params.length().toMillis() / 3_600_000.0, phase.length, dials, live,
                abandons, talk, wrap, idle, cappedSeconds);
    }

    private void tick() {
        long now = clock.millis();
        List<AgentView> agents = new ArrayList<>(phase.length);
        for (int a = 0; a < phase.length; a++) {
            agents.add(new AgentView(phase[a], Duration.ofMillis(now - since[a])));
        }
        List<Duration> rings = new ArrayList<>(ringing.size());
        for (long placed : ringing.values()) {
            rings.add(Duration.ofMillis(now - placed));
        }
        PacingDecision d = pacer.decide(new PacingSnapshot(agents, rings, ringing.size() + playing));
        if (d.state() == PacerState.CAPPED && config.mode().dialsAhead()) {
            cappedSeconds++;
        }
        for (int i = 0; i < d.calls(); i++) {
            place(now);
        }
        schedule(now + TICK, Kind.TICK, -1, -1, null);
    }

    private void place(long now) {
        long call = nextCall++;
        dials++;
        ringing.put(call, now);
        CallDraws.Dial d = draws.dial(config.ringTime());
        schedule(now + d.afterMillis(), Kind.RESOLVED, -1, call, d.outcome());
    }

    private void resolved(long call, AttemptOutcome outcome) {
        long placed = ringing.remove(call);
        pacer.callEnded(outcome, Duration.ofMillis(clock.millis() - placed));
        if (agentless) {
            if (outcome == AttemptOutcome.LIVE || outcome == AttemptOutcome.MACHINE) {
                if (outcome == AttemptOutcome.LIVE) {
                    live++;
                    pacer.liveAnswer(false); // the flow takes it at once: never abandoned
                }
                playing++;
                schedule(clock.millis() + params.messageTime().toMillis(), Kind.LINE_FREE, -1, call, null);
            }
            return;
        }
        if (outcome != AttemptOutcome.LIVE) {
            return;
        }
        live++;
        int agent = longestIdle();
        if (agent >= 0) {
            connect(agent);
        } else {
            waiting.add(call);
            schedule(clock.millis() + PacingConfig.ABANDON_GRACE.toMillis(), Kind.GRACE_OVER, -1, call, null);
        }
    }

    private void graceOver(long call) {
        if (waiting.remove(call)) {
            abandons++;
            pacer.liveAnswer(true);
        }
    }

    private void connect(int agent) {
        pacer.liveAnswer(false);
        move(agent, AgentView.Phase.TALKING);
        talkStarted[agent] = clock.millis();
        schedule(clock.millis() + draws.talkMillis(), Kind.TALK_END, agent, -1, null);
    }

    private void talkEnd(int agent) {
        move(agent, AgentView.Phase.WRAPPING);
        wrapStarted[agent] = clock.millis();
        schedule(clock.millis() + draws.wrapMillis(), Kind.WRAP_END, agent, -1, null);
    }

    private void wrapEnd(int agent) {
        long now = clock.millis();
        pacer.handled(Duration.ofMillis(wrapStarted[agent] - talkStarted[agent]),
                Duration.ofMillis(now - wrapStarted[agent]));
        move(agent, AgentView.Phase.IDLE);
        if (!waiting.isEmpty()) {
            waiting.remove(waiting.iterator().next()); // the longest waiting answer; its grace event finds it gone
            connect(agent);
        }
    }

    private int longestIdle() {
        int best = -1;
        for (int a = 0; a < phase.length; a++) {
            if (phase[a] == AgentView.Phase.IDLE && (best < 0 || since[a] < since[best])) {
                best = a;
            }
        }
        return best;
    }

    private void move(int agent, AgentView.Phase to) {
        account(agent);
        phase[agent] = to;
    }

    /** Adds the agent's time in its current phase up to now to that phase's total. */
    private void account(int agent) {
        long now = clock.millis();
        double seconds = (now - since[agent]) / 1000.0;
        switch (phase[agent]) {
            case IDLE -> idle += seconds;
            case TALKING -> talk += seconds;
            case WRAPPING -> wrap += seconds;
            case AWAY -> { }
        }
        since[agent] = now;
    }

    private void schedule(long at, Kind kind, int agent, long call, AttemptOutcome outcome) {
        events.add(new Event(at, seq++, kind, agent, call, outcome));
    }
}
