package org.opendialer.sip.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The real-time scheduler: a failing run of a periodic timer is logged and the timer goes on. */
class ExecutorSchedulerTest {

    @Test
    void aPeriodicTimerOutlivesAFailingRun() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch three = new CountDownLatch(3);
        try (ExecutorScheduler timers = Scheduler.system("test-timers")) {
            Scheduler.Cancellable every = timers.scheduleWithFixedDelay(() -> {
                three.countDown();
                if (runs.incrementAndGet() == 1) {
                    throw new IllegalStateException("first run fails");
                }
            }, Duration.ZERO, Duration.ofMillis(1));
            assertThat(three.await(10, TimeUnit.SECONDS)).as("runs after the failing one").isTrue();
            every.cancel();
        }
    }

    @Test
    void aCancelledTimerDoesNotRunAndTheClockIsTheSystems() throws Exception {
        try (ExecutorScheduler timers = Scheduler.system("test-timers")) {
            CountDownLatch ran = new CountDownLatch(1);
            timers.schedule(ran::countDown, Duration.ofMillis(200)).cancel();
            CountDownLatch later = new CountDownLatch(1);
            timers.schedule(later::countDown, Duration.ofMillis(400));
            assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ran.getCount()).as("the cancelled timer, due before the other").isEqualTo(1);
            long before = System.nanoTime();
            assertThat(timers.nanoTime()).isBetween(before, System.nanoTime());
        }
    }
}
