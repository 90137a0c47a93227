package org.opendialer.campaign.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendialer.campaign.pacing.sim.VirtualClock;

/** Pacers of campaigns sharing one queue, fed by hand: a cap holds the peers in the same tick, over the whole queue. */
class SharedQueueCapTest {

    private final VirtualClock clock = new VirtualClock(1_700_000_000_000L);

    /** The warm statistics of {@link PacerTest}, then {@code live} answers of which {@code abandoned} abandoned. */
    private Pacer pacer(int live, int abandoned) {
        Pacer pacer = PacerTest.warm(PacingConfig.defaults(DialingMode.PREDICTIVE), clock);
        for (int i = 0; i < live; i++) {
            pacer.liveAnswer(i < abandoned);
        }
        return pacer;
    }

    /** {@code idle} idle agents and eight that began a call 10 s ago (none free soon). */
    private static List<AgentView> floor(int idle) {
        List<AgentView> agents = new ArrayList<>();
        for (int i = 0; i < idle; i++) {
            agents.add(AgentView.idle(Duration.ofSeconds(5)));
        }
        for (int i = 0; i < 8; i++) {
            agents.add(new AgentView(AgentView.Phase.TALKING, Duration.ofSeconds(10)));
        }
        return agents;
    }

    /** Two idle agents and four 28 s into their 30 s wrap-up: a pacer free to dial ahead does. */
    private static List<AgentView> endingFloor() {
        List<AgentView> agents = new ArrayList<>(floor(2));
        for (int i = 0; i < 4; i++) {
            agents.add(new AgentView(AgentView.Phase.WRAPPING, Duration.ofSeconds(28)));
        }
        return agents;
    }

    private static List<Duration> rings(int n) {
        return Collections.nCopies(n, Duration.ofSeconds(1));
    }

    @Test
    void aCappedPeerHoldsTheOthersInTheSameTickAndReleasesThemOnceUnder() {
        Pacer fine = pacer(200, 0);
        Pacer capped = pacer(207, 7); // 3.4 %
        SharedQueue<String> q = new SharedQueue<>();
        q.join("fine", fine, List.of());
        q.join("capped", capped, List.of());
        // the fine one is asked first: the capped one has not decided yet this tick, and still holds it
        PacingDecision held = fine.decide(new PacingSnapshot(endingFloor(), List.of(), 0,
                q.view("fine", endingFloor())));
        assertThat(held.state()).isEqualTo(PacerState.HELD);
        assertThat(held.calls()).as(held.reason()).isEqualTo(2);
        assertThat(held.reason()).contains("held");

        answers(capped, 200); // 7 / 407 = 1.7 %
        SharedQueue<String> next = new SharedQueue<>();
        next.join("fine", fine, List.of());
        next.join("capped", capped, List.of());
        PacingDecision free = fine.decide(new PacingSnapshot(endingFloor(), List.of(), 0,
                next.view("fine", endingFloor())));
        assertThat(free.state()).isEqualTo(PacerState.PACING);
        assertThat(free.calls()).as(free.reason()).isGreaterThan(2);
    }

    @Test
    void theCapProjectionCountsThePeersRingingCalls() {
        Pacer near = pacer(250, 6); // 2.4 %: one more abandon makes 2.8 %
        Pacer peer = pacer(200, 0);
        PacingDecision alone = near.decide(new PacingSnapshot(floor(2), List.of()));
        assertThat(alone.state()).as(alone.reason()).isEqualTo(PacerState.PACING);

        SharedQueue<String> q = new SharedQueue<>();
        q.join("near", near, List.of());
        q.join("peer", peer, rings(20)); // about 6 live answers coming for 2 idle agents
        PacingDecision d = near.decide(new PacingSnapshot(floor(2), List.of(), 0, q.view("near", floor(2))));
        assertThat(d.state()).as(d.reason()).isEqualTo(PacerState.CAPPED);
        // and the peer, asked in the same tick, is held by it
        assertThat(q.view("peer", floor(2)).peerCapped()).isTrue();
    }

    @Test
    void aHeldPacerDialsOnlyOnIdleAgentsNoRingingCallOfTheQueueCovers() {
        Pacer capped = pacer(207, 7);
        Pacer peer = pacer(200, 0);
        SharedQueue<String> q = new SharedQueue<>();
        q.join("capped", capped, List.of());
        q.join("peer", peer, rings(3));
        // its share is 2 idle agents with none of its calls ringing; the queue has 4 idle and 3 calls ringing
        PacingDecision d = capped.decide(new PacingSnapshot(floor(2), List.of(), 0, q.view("capped", floor(4))));
        assertThat(d.state()).isEqualTo(PacerState.CAPPED);
        assertThat(d.calls()).as(d.reason()).isEqualTo(1);
        q.placed("capped", 1);
        assertThat(q.view("peer", floor(4)).ringing()).hasSize(4);
    }

    @Test
    void aCampaignAloneOnItsQueueGetsNoQueueView() {
        SharedQueue<String> q = new SharedQueue<>();
        q.join("alone", pacer(200, 0), List.of());
        q.join("paused", null, rings(5)); // a paused campaign's calls ring, but it does not pace
        assertThat(q.shared()).isFalse();
        assertThat(q.view("alone", floor(2))).isNull();
    }

    @Test
    void aCapOnAnotherNodeHoldsACampaignAloneHereUntilTheNextTick() {
        Pacer alone = pacer(200, 0);
        SharedQueue<String> q = new SharedQueue<>();
        q.join("alone", alone, List.of());
        q.cappedElsewhere();
        PacingDecision held = alone.decide(new PacingSnapshot(endingFloor(), List.of(), 0,
                q.view("alone", endingFloor())));
        assertThat(held.state()).as(held.reason()).isEqualTo(PacerState.HELD);
        assertThat(held.calls()).as(held.reason()).isEqualTo(2);

        SharedQueue<String> next = new SharedQueue<>(); // the next tick: no fresh row elsewhere
        next.join("alone", alone, List.of());
        PacingDecision free = alone.decide(new PacingSnapshot(endingFloor(), List.of(), 0,
                next.view("alone", endingFloor())));
        assertThat(free.state()).isEqualTo(PacerState.PACING);
        assertThat(free.calls()).as(free.reason()).isGreaterThan(2);
    }

    private static void answers(Pacer pacer, int live) {
        for (int i = 0; i < live; i++) {
            pacer.liveAnswer(false);
        }
    }
}
