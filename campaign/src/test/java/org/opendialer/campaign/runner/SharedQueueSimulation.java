package org.opendialer.campaign.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.opendialer.campaign.pacing.AgentView;
import org.opendialer.campaign.pacing.AttemptOutcome;
import org.opendialer.campaign.pacing.Pacer;
import org.opendialer.campaign.pacing.PacingConfig;
import org.opendialer.campaign.pacing.PacingSnapshot;
import org.opendialer.campaign.pacing.sim.CallDraws;
import org.opendialer.campaign.pacing.sim.SimParams;
import org.opendialer.campaign.pacing.sim.VirtualClock;
import org.opendialer.campaign.settings.Campaign;

/**
 * Test rig: several agent-mode campaigns on one queue in virtual time, each with its own real {@link Pacer}, fed
 * each second the agents {@link AgentShares} allots it (as the runner's tick does). A live answer of any campaign
 * takes the longest-idle agent of the shared pool (the ACD does not know priorities) or waits
 * {@link PacingConfig#ABANDON_GRACE} and is abandoned. Outcomes are drawn as in {@code PacingSimulator} (same
 * params); the same seed gives the same run.
 */
final class SharedQueueSimulation {

    /** What one campaign got. */
    record Result(long dials, long live, long abandons, double talkSeconds) {
        double abandonRate() {
            return live == 0 ? 0 : (double) abandons / live;
        }
    }

    private enum Kind { TICK, RESOLVED, GRACE_OVER, TALK_END, WRAP_END }

    private record Event(long at, long seq, Kind kind, int agent, long call, AttemptOutcome outcome) {
    }

    private final SimParams params;
    private final Duration ringTime;
    private final List<Campaign> campaigns;
    private final Map<Campaign, Pacer> pacers = new LinkedHashMap<>();
    private final VirtualClock clock = new VirtualClock(0);
    private final CallDraws draws;
    private final PriorityQueue<Event> events = new PriorityQueue<>(
            (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final AgentView.Phase[] phase;
    private final long[] since;
    private final long[] talkStarted;
    private final long[] wrapStarted;
    private final int[] servedCampaign;
    private final Map<Long, Long> ringingAt = new HashMap<>();
    private final Map<Long, Integer> callCampaign = new HashMap<>();
    private final Map<Long, Long> waiting = new LinkedHashMap<>();
    private final long[] dials;
    private final long[] live;
    private final long[] abandons;
    private final double[] talk;
    private final Map<Campaign, Duration> until = new HashMap<>();
    private long seq;
    private long nextCall;
    private long tick;

    SharedQueueSimulation(SimParams params, List<Campaign> campaigns, PacingConfig config) {
        this.params = params;
        this.ringTime = config.ringTime();
        this.campaigns = List.copyOf(campaigns);
        this.draws = new CallDraws(params);
        for (Campaign c : campaigns) {
            pacers.put(c, new Pacer(config, clock));
        }
        int n = params.agents();
        phase = new AgentView.Phase[n];
        since = new long[n];
        talkStarted = new long[n];
        wrapStarted = new long[n];
        servedCampaign = new int[n];
        Arrays.fill(phase, AgentView.Phase.IDLE);
        dials = new long[campaigns.size()];
        live = new long[campaigns.size()];
        abandons = new long[campaigns.size()];
        talk = new double[campaigns.size()];
    }

    /** {@code c} dials only for {@code d} (then it is as if paused or out of contacts: its pacer is not asked). */
    SharedQueueSimulation dialsFor(Campaign c, Duration d) {
        until.put(c, d);
        return this;
    }

    List<Result> run() {
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
            }
        }
        List<Result> out = new ArrayList<>();
        for (int i = 0; i < campaigns.size(); i++) {
            out.add(new Result(dials[i], live[i], abandons[i], talk[i]));
        }
        return out;
    }

    private void tick() {
        long now = clock.millis();
        List<AgentView> agents = new ArrayList<>(phase.length);
        for (int a = 0; a < phase.length; a++) {
            agents.add(new AgentView(phase[a], Duration.ofMillis(now - since[a])));
        }
        List<Campaign> order = AgentShares.rotated(campaigns.stream()
                .filter(c -> !until.containsKey(c) || now < until.get(c).toMillis()).toList(), tick++);
        AgentShares shares = new AgentShares();
        order.forEach(c -> shares.expect(c.settings().queueId(), c.settings().priority()));
        for (Campaign c : order) {
            int i = campaigns.indexOf(c);
            List<Duration> rings = new ArrayList<>();
            ringingAt.forEach((call, placed) -> {
                if (callCampaign.get(call) == i) {
                    rings.add(Duration.ofMillis(now - placed));
                }
            });
            int n = pacers.get(c).decide(new PacingSnapshot(shares.of(c, agents), rings)).calls();
            for (int k = 0; k < n; k++) {
                place(i, now);
            }
            shares.placed(c.settings().queueId(), n + rings.size());
        }
        schedule(now + 1000, Kind.TICK, -1, -1, null);
    }

    private void place(int campaign, long now) {
        long call = nextCall++;
        dials[campaign]++;
        ringingAt.put(call, now);
        callCampaign.put(call, campaign);
        CallDraws.Dial d = draws.dial(ringTime);
        schedule(now + d.afterMillis(), Kind.RESOLVED, -1, call, d.outcome());
    }

    private Pacer pacerOf(long call) {
        return pacers.get(campaigns.get(callCampaign.get(call)));
    }

    private void resolved(long call, AttemptOutcome outcome) {
        long placed = ringingAt.remove(call);
        pacerOf(call).callEnded(outcome, Duration.ofMillis(clock.millis() - placed));
        if (outcome != AttemptOutcome.LIVE) {
            return;
        }
        live[callCampaign.get(call)]++;
        int agent = longestIdle();
        if (agent >= 0) {
            connect(agent, call);
        } else {
            waiting.put(call, clock.millis());
            schedule(clock.millis() + PacingConfig.ABANDON_GRACE.toMillis(), Kind.GRACE_OVER, -1, call, null);
        }
    }

    private void graceOver(long call) {
        if (waiting.remove(call) != null) {
            abandons[callCampaign.get(call)]++;
            pacerOf(call).liveAnswer(true);
        }
    }

    private void connect(int agent, long call) {
        pacerOf(call).liveAnswer(false);
        servedCampaign[agent] = callCampaign.get(call);
        move(agent, AgentView.Phase.TALKING);
        talkStarted[agent] = clock.millis();
        schedule(clock.millis() + draws.talkMillis(), Kind.TALK_END, agent, -1, null);
    }

    private void talkEnd(int agent) {
        talk[servedCampaign[agent]] += (clock.millis() - talkStarted[agent]) / 1000.0;
        move(agent, AgentView.Phase.WRAPPING);
        wrapStarted[agent] = clock.millis();
        schedule(clock.millis() + draws.wrapMillis(), Kind.WRAP_END, agent, -1, null);
    }

    private void wrapEnd(int agent) {
        long now = clock.millis();
        pacers.get(campaigns.get(servedCampaign[agent])).handled(Duration.ofMillis(wrapStarted[agent] - talkStarted[agent]),
                Duration.ofMillis(now - wrapStarted[agent]));
        move(agent, AgentView.Phase.IDLE);
        if (!waiting.isEmpty()) {
            long call = waiting.keySet().iterator().next();
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
        phase[agent] = to;
        since[agent] = clock.millis();
    }

    private void schedule(long at, Kind kind, int agent, long call, AttemptOutcome outcome) {
        events.add(new Event(at, seq++, kind, agent, call, outcome));
    }
}
