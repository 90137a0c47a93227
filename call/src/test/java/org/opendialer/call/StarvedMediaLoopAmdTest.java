package org.opendialer.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.amd.AmdEvent;
import org.opendialer.amd.AmdResult;
import org.opendialer.media.FrameTap;
import org.opendialer.media.MediaStats;

/**
 * A person says "Hello?" (SIPp) while our leg's media loop is starved: a tap blocks the loop 300 ms at a time, as
 * an overloaded node does, so the loop skips media ticks while the greeting arrives. The leg reads the frames of
 * the skipped ticks afterwards, so AMD still hears the greeting and calls it HUMAN, and the jitter buffer throws
 * nothing away. Without the catch-up the playout point falls behind by each stall until the 64-frame ring overflows
 * and resyncs, discarding the buffered greeting (AMD then heard silence: NO_SPEECH).
 */
class StarvedMediaLoopAmdTest {

    /** 8 stalls of 300 ms skip at least 8 x 14 ticks (a loop catches up 5 ticks, skips the rest). */
    private static final int STALLS = 8;
    private static final int STALL_MS = 300;
    private static final int GAP_MS = 60;
    /**
     * Skips that must happen for the test to mean anything: more than the jitter buffer's ring (64 frames) holds,
     * so that without catching up the greeting could not survive. The stalls cause about 112.
     */
    private static final int MIN_SKIPPED = 64;

    @Test
    void aPersonIsHeardAsHumanThoughTheLegsLoopSkipsTicksDuringTheGreeting(@TempDir Path dir) throws Exception {
        try (HelloCall call = HelloCall.answered(dir, "+12015550123")) {
            CallSession s = call.session();
            Rig rig = call.rig();
            LoopStaller staller = new LoopStaller(rig.media::skippedTicks);
            s.media().addTap(staller);
            AmdEvent.Decision decision = s.startAmd(s.defaultAmdParams()).get(20, TimeUnit.SECONDS);
            assertThat(staller.done.await(20, TimeUnit.SECONDS)).as("all stalls ran").isTrue();
            await(() -> rig.media.skippedTicks() - staller.skippedBefore >= MIN_SKIPPED);
            MediaStats st = s.media().stats();
            long skipped = rig.media.skippedTicks() - staller.skippedBefore;
            String counts = "ticks skipped since the first stall " + skipped + ", frames caught up "
                    + st.framesCaughtUp() + ", discarded " + st.framesDiscarded() + ", resyncs " + st.jitterResyncs()
                    + ", packets in " + st.packetsIn();
            System.out.println("starved loop: " + counts + ", AMD " + decision.result());
            assertThat(skipped).as("precondition, the loop was starved: " + counts).isGreaterThanOrEqualTo(MIN_SKIPPED);
            SoftAssertions.assertSoftly(soft -> {
                soft.assertThat(decision.result()).as(counts).isEqualTo(AmdResult.HUMAN);
                soft.assertThat(st.framesDiscarded()).as(counts).isZero();
                soft.assertThat(st.jitterResyncs()).as(counts).isZero();
                soft.assertThat(st.framesCaughtUp()).as(counts).isPositive();
            });
            call.hangUp();
        }
    }

    /**
     * Blocks the event loop that calls it ({@value #STALLS} times, {@value #STALL_MS} ms each, {@value #GAP_MS} ms
     * apart) from the first frame on: the greeting's lead-in and "Hello?" arrive during the stalls.
     */
    private static final class LoopStaller implements FrameTap {
        final CountDownLatch done = new CountDownLatch(1);
        private final LongSupplier skippedTicks;
        volatile long skippedBefore;
        private long next;
        private int left = STALLS;

        LoopStaller(LongSupplier skippedTicks) {
            this.skippedTicks = skippedTicks;
        }

        @Override
        public void onFrame(short[] pcm160, long frameIndex) {
            long now = System.nanoTime();
            if (left == STALLS && next == 0) {
                skippedBefore = skippedTicks.getAsLong();
                next = now;
            }
            if (left == 0 || now < next) {
                return;
            }
            try {
                Thread.sleep(STALL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            next = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GAP_MS);
            if (--left == 0) {
                done.countDown();
            }
        }
    }

    /** Waits (5 s at most) for the skips of the last stall to be counted: they are when the loop next runs. */
    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
