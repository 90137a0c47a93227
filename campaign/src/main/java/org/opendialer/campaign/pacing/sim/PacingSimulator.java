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
import org.opendialer.campaign.pacing.SharedQueue;

/**
 * A discrete-event simulation of campaigns in virtual time, each driving a real {@link Pacer} the way the runner
 * does: a pacing tick each second, call outcomes and agent state changes reported as they happen. Several agent-mode
 * campaigns share one pool of agents, each pacer seeing the agents an {@link AgentSplit} gives it (the runner's
 * priority policy); a live answer of any campaign takes the agent idle longest (the ACD does not know priorities);
 * with none it waits {@link PacingConfig#ABANDON_GRACE} for one to come free and is abandoned after. The same seed
 * gives the same run. It is the "what if" engine of {@code dialer pacing simulate}.
 */
public final class PacingSimulator {

    private static final long TICK = 1000;

    private enum Kind { TICK, RESOLVED, GRACE_OVER, TALK_END, WRAP_END, LINE_FREE }

    private record Event(long at, long seq, Kind kind, int agent, long call, AttemptOutcome outcome) {
    }

    /** One campaign's pacer and counters. */
    private static final class Dialer {
        final SimCampaign campaign;
        final Pacer pacer;
        final Map<Long, Long> ringing = new HashMap<>();
        long dials;
        long live;
        long abandons;
        double talk;
        double wrap;
        long cappedSeconds;

        Dialer(SimCampaign campaign, VirtualClock clock) {
            this.campaign = campaign;
            this.pacer = new Pacer(campaign.config(), clock);
        }
    }

    private final SimParams params;
    private final boolean agentless;
    private final AgentSplit split;
    private final CallDraws draws;
    private final VirtualClock clock = new VirtualClock(0);
    private final List<Dialer> dialers = new ArrayList<>();
    private final PriorityQueue<Event> events = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final AgentView.Phase[] phase;
    private final long[] since;
    private final long[] talkStarted;
    private final long[] wrapStarted;
    private final int[] served;
    private final Map<Long, Integer> callCampaign = new HashMap<>();
    private final LinkedHashSet<Long> waiting = new LinkedHashSet<>();
    private long seq;
    private long nextCall;
    private long ticks;
    private int playing;
    private double idle;

    private PacingSimulator(SimParams params, List<SimCampaign> campaigns, AgentSplit split) {
        this.params = params;
        this.agentless = campaigns.getFirst().config().mode() == DialingMode.AGENTLESS;
        this.split = split;
        this.draws = new CallDraws(params);
        campaigns.forEach(c -> dialers.add(new Dialer(c, clock)));
        int n = agentless ? 0 : params.agents();
        this.phase = new AgentView.Phase[n];
        this.since = new long[n];
        this.talkStarted = new long[n];
        this.wrapStarted = new long[n];
        this.served = new int[n];
        Arrays.fill(phase, AgentView.Phase.IDLE);
    }

    /** Runs one campaign alone on its agents for {@code params.length()} of virtual time. */
    public static SimResult run(SimParams params, PacingConfig config) {
        return run(params, List.of(SimCampaign.of(config)), AgentSplit.ALONE).getFirst();
    }

    /**
     * Runs {@code campaigns} on one pool of {@code params.agents()} agents, split by {@code split}; one result per
     * campaign, in order (its talk and wrap-up time is that of the calls it placed; idle time is the pool's).
     * Agentless runs alone (it has no agents to share).
     */
    public static List<SimResult> run(SimParams params, List<SimCampaign> campaigns, AgentSplit split) {
        if (campaigns.isEmpty()) {
            throw new IllegalArgumentException("no campaign to simulate");
        }
        for (SimCampaign c : campaigns) {
            DialingMode m = c.config().mode();
            if (m == DialingMode.AGENTLESS && campaigns.size() > 1) {
                throw new IllegalArgumentException("agentless campaigns share no agents: simulate one at a time");
            }
            if (m != DialingMode.AGENTLESS && params.agents() == 0) {
                throw new IllegalArgumentException(m + " needs agents");
            }
        }
        return new PacingSimulator(params, campaigns, split).run();
    }

    private List<SimResult> run() {
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
        List<SimResult> out = new ArrayList<>();
        for (Dialer d : dialers) {
            out.add(new SimResult(d.campaign.config().mode(), params.length().toMillis() / 3_600_000.0, phase.length,
                    d.dials, d.live, d.abandons, d.talk, d.wrap, idle, d.cappedSeconds));
        }
        return out;
    }

    private void tick() {
        long now = clock.millis();
        List<AgentView> agents = new ArrayList<>(phase.length);
        for (int a = 0; a < phase.length; a++) {
            agents.add(new AgentView(phase[a], Duration.ofMillis(now - since[a])));
        }
        List<Integer> dialling = new ArrayList<>();
        for (int i = 0; i < dialers.size(); i++) {
            Duration until = dialers.get(i).campaign.dialsFor();
            if (until == null || now < until.toMillis()) {
                dialling.add(i);
            }
        }
        AgentSplit.Tick shares = split.start(dialling, ticks++);
        SharedQueue<Integer> queue = new SharedQueue<>();
        for (int i = 0; i < dialers.size(); i++) {
            queue.join(i, dialling.contains(i) ? dialers.get(i).pacer : null, rings(dialers.get(i), now));
        }
        for (int i : shares.order()) {
            Dialer c = dialers.get(i);
            List<Duration> rings = rings(c, now);
            PacingDecision d = c.pacer.decide(new PacingSnapshot(shares.next(i, agents), rings,
                    c.ringing.size() + playing, agentless ? null : queue.view(i, agents)));
            if (d.state() == PacerState.CAPPED && c.campaign.config().mode().dialsAhead()) {
                c.cappedSeconds++;
            }
            for (int k = 0; k < d.calls(); k++) {
                place(i, now);
            }
            queue.placed(i, d.calls());
            shares.placed(i, d.calls() + rings.size());
        }
        schedule(now + TICK, Kind.TICK, -1, -1, null);
    }

    private static List<Duration> rings(Dialer c, long now) {
        List<Duration> rings = new ArrayList<>(c.ringing.size());
        for (long placed : c.ringing.values()) {
            rings.add(Duration.ofMillis(now - placed));
        }
        return rings;
    }

    private void place(int campaign, long now) {
        Dialer c = dialers.get(campaign);
        long call = nextCall++;
        c.dials++;
        c.ringing.put(call, now);
        callCampaign.put(call, campaign);
        CallDraws.Dial d = draws.dial(c.campaign.config().ringTime());
        schedule(now + d.afterMillis(), Kind.RESOLVED, -1, call, d.outcome());
    }

    private Dialer of(long call) {
        return dialers.get(callCampaign.get(call));
    }

    private void resolved(long call, AttemptOutcome outcome) {
        Dialer c = of(call);
        long placed = c.ringing.remove(call);
        c.pacer.callEnded(outcome, Duration.ofMillis(clock.millis() - placed));
        if (agentless) {
            if (outcome == AttemptOutcome.LIVE || outcome == AttemptOutcome.MACHINE) {
                if (outcome == AttemptOutcome.LIVE) {
                    c.live++;
                    c.pacer.liveAnswer(false); // the flow takes it at once: never abandoned
                }
                playing++;
                schedule(clock.millis() + params.messageTime().toMillis(), Kind.LINE_FREE, -1, call, null);
            }
            return;
        }
        if (outcome != AttemptOutcome.LIVE) {
            return;
        }
        c.live++;
        int agent = longestIdle();
        if (agent >= 0) {
            connect(agent, call);
        } else {
            waiting.add(call);
            schedule(clock.millis() + PacingConfig.ABANDON_GRACE.toMillis(), Kind.GRACE_OVER, -1, call, null);
        }
    }

    private void graceOver(long call) {
        if (waiting.remove(call)) {
            Dialer c = of(call);
            c.abandons++;
            c.pacer.liveAnswer(true);
        }
    }

    private void connect(int agent, long call) {
        of(call).pacer.liveAnswer(false);
        move(agent, AgentView.Phase.TALKING);
        served[agent] = callCampaign.get(call);
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
        dialers.get(served[agent]).pacer.handled(Duration.ofMillis(wrapStarted[agent] - talkStarted[agent]),
                Duration.ofMillis(now - wrapStarted[agent]));
        move(agent, AgentView.Phase.IDLE);
        if (!waiting.isEmpty()) {
            long call = waiting.iterator().next(); // the longest waiting answer; its grace event finds it gone
            waiting.remove(call);
            connect(agent, call);
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

    /** Adds the agent's time in its current phase up to now to that phase's total (of the campaign it serves). */
    private void account(int agent) {
        long now = clock.millis();
        double seconds = (now - since[agent]) / 1000.0;
        switch (phase[agent]) {
            case IDLE -> idle += seconds;
            case TALKING -> dialers.get(served[agent]).talk += seconds;
            case WRAPPING -> dialers.get(served[agent]).wrap += seconds;
            case AWAY -> { }
        }
        since[agent] = now;
    }

    private void schedule(long at, Kind kind, int agent, long call, AttemptOutcome outcome) {
        events.add(new Event(at, seq++, kind, agent, call, outcome));
    }
}
