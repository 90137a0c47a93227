package org.opendialer.sip.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Virtual time: nothing runs until advanced, then everything due runs in order at its own time. */
class VirtualSchedulerTest {

    private final VirtualScheduler time = new VirtualScheduler();
    private final List<String> ran = new CopyOnWriteArrayList<>();

    private Runnable note(String name) {
        return () -> ran.add(name + "@" + time.elapsed().toMillis());
    }

    @Test
    void tasksRunInDueOrderAtTheirOwnTimeAndNotBefore() {
        time.schedule(note("c"), Duration.ofSeconds(3));
        time.schedule(note("a"), Duration.ofSeconds(1));
        time.schedule(note("b"), Duration.ofSeconds(1)); // same time: scheduled later, runs later
        time.advance(Duration.ofMillis(999));
        assertThat(ran).isEmpty();
        time.advance(Duration.ofMillis(1));
        assertThat(ran).containsExactly("a@1000", "b@1000");
        time.advance(Duration.ofSeconds(5));
        assertThat(ran).containsExactly("a@1000", "b@1000", "c@3000");
        assertThat(time.elapsed()).isEqualTo(Duration.ofMillis(6000));
    }

    @Test
    void aTaskScheduledByATaskRunsInTheSameAdvanceWhenDue() {
        time.schedule(() -> {
            note("first").run();
            time.schedule(note("second"), Duration.ofMillis(500));
            time.schedule(note("late"), Duration.ofSeconds(5));
        }, Duration.ofSeconds(1));
        time.advance(Duration.ofSeconds(2));
        assertThat(ran).containsExactly("first@1000", "second@1500");
    }

    @Test
    void aCancelledTimerNeverRunsNorPullsALaterOneForward() {
        Scheduler.Cancellable early = time.schedule(note("early"), Duration.ofSeconds(1));
        time.schedule(note("later"), Duration.ofSeconds(10));
        early.cancel();
        time.advance(Duration.ofSeconds(5));
        assertThat(ran).isEmpty();
        assertThat(time.elapsed()).isEqualTo(Duration.ofSeconds(5));
        time.advance(Duration.ofSeconds(5));
        assertThat(ran).containsExactly("later@10000");
    }

    @Test
    void fixedDelayRepeatsUntilCancelledAndSurvivesAFailingRun() {
        int[] runs = {0};
        Scheduler.Cancellable every = time.scheduleWithFixedDelay(() -> {
            runs[0]++;
            if (runs[0] == 2) {
                throw new IllegalStateException("one bad run");
            }
        }, Duration.ZERO, Duration.ofSeconds(2));
        time.runDue();
        assertThat(runs[0]).isEqualTo(1);
        time.advance(Duration.ofSeconds(6));
        assertThat(runs[0]).isEqualTo(4);
        every.cancel();
        time.advance(Duration.ofSeconds(60));
        assertThat(runs[0]).isEqualTo(4);
    }

    @Test
    void clockAndNanoTimeShowTheTimeOfTheRunningTask() {
        Instant start = Instant.parse("2030-05-01T12:00:00Z");
        VirtualScheduler t = new VirtualScheduler(start);
        long startNanos = t.nanoTime();
        assertThat(startNanos).isPositive();
        Instant[] seen = new Instant[1];
        long[] nanos = new long[1];
        t.schedule(() -> {
            seen[0] = t.clock().instant();
            nanos[0] = t.nanoTime();
        }, Duration.ofMillis(1500));
        t.advance(Duration.ofSeconds(10));
        assertThat(seen[0]).isEqualTo(start.plusMillis(1500));
        assertThat(nanos[0] - startNanos).isEqualTo(Duration.ofMillis(1500).toNanos());
        assertThat(t.clock().instant()).isEqualTo(start.plusSeconds(10));
    }
}
