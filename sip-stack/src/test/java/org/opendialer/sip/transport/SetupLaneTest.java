package org.opendialer.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lane's bookkeeping alone: who starts, in which order, and that every way out frees exactly one place. */
class SetupLaneTest {

    private final List<String> started = new ArrayList<>();

    private SetupLane.Ticket ticket(String name) {
        return new SetupLane.Ticket(() -> started.add(name));
    }

    @Test
    void startsUpToTheLimitThenQueuesInArrivalOrder() {
        SetupLane lane = new SetupLane(2, 0);
        SetupLane.Ticket a = ticket("a");
        SetupLane.Ticket b = ticket("b");
        for (SetupLane.Ticket t : List.of(a, b, ticket("c"), ticket("d"))) {
            assertThat(lane.enter(t)).isTrue();
        }
        assertThat(started).containsExactly("a", "b");
        assertThat(lane.waiting()).isEqualTo(2);

        lane.leave(b);
        lane.leave(b); // a second way out of the same call (e.g. 200, then the end) frees nothing more
        assertThat(started).containsExactly("a", "b", "c");
        lane.leave(a);
        assertThat(started).containsExactly("a", "b", "c", "d");
        assertThat(lane.inSetup()).isEqualTo(2);
        assertThat(lane.waiting()).isZero();
    }

    @Test
    void aWaitingCallThatEndsLeavesTheQueueWithoutTakingAPlace() {
        SetupLane lane = new SetupLane(1, 0);
        SetupLane.Ticket a = ticket("a");
        SetupLane.Ticket b = ticket("b");
        lane.enter(a);
        lane.enter(b);
        lane.enter(ticket("c"));

        lane.leave(b); // cancelled while waiting
        assertThat(lane.inSetup()).isEqualTo(1);
        lane.leave(a);
        assertThat(started).containsExactly("a", "c");
        assertThat(lane.inSetup()).isEqualTo(1);
    }

    @Test
    void theGuardRefusesBeyondMaxWaitingAndARefusedTicketFreesNothing() {
        SetupLane lane = new SetupLane(1, 1);
        SetupLane.Ticket a = ticket("a");
        assertThat(lane.enter(a)).isTrue();
        assertThat(lane.enter(ticket("b"))).isTrue();
        SetupLane.Ticket refused = ticket("c");
        assertThat(lane.enter(refused)).isFalse();

        lane.leave(refused); // its leg still ends (503 sent): that must not free a place
        assertThat(lane.inSetup()).isEqualTo(1);
        assertThat(lane.waiting()).isEqualTo(1);
        lane.leave(a);
        assertThat(started).containsExactly("a", "b");
    }

    @Test
    void lastLeaveEmptiesTheLane() {
        SetupLane lane = new SetupLane(1, 0);
        SetupLane.Ticket a = ticket("a");
        lane.enter(a);
        lane.leave(a);
        assertThat(lane.inSetup()).isZero();
        assertThatThrownBy(() -> new SetupLane(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
