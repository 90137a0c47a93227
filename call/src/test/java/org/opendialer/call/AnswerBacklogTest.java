package org.opendialer.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendialer.media.FrameTap;

/** The frames kept from the answer reach AMD's tap once, in order, before the live ones, with what was sent. */
class AnswerBacklogTest {

    /** Records each frame's first sample (the frame's number) and whether something was sent beside it. */
    private static final class Seen implements FrameTap {
        final List<Integer> frames = new ArrayList<>();
        final List<Boolean> sent = new ArrayList<>();
        int noAudio;

        @Override
        public void onFrame(short[] pcm160, long frameIndex) {
            onFrame(pcm160, null, frameIndex);
        }

        @Override
        public void onFrame(short[] pcm160, short[] sentBeside, long frameIndex) {
            assertThat(frameIndex).isEqualTo(pcm160[0]);
            frames.add((int) pcm160[0]);
            sent.add(sentBeside != null && sentBeside[0] == pcm160[0]);
        }

        @Override
        public void onNoAudio() {
            noAudio++;
        }
    }

    private static short[] frame(int n) {
        short[] f = new short[160];
        java.util.Arrays.fill(f, (short) n);
        return f;
    }

    @Test
    void keptFramesComeFirstInOrderThenLiveOnesAtACatchUpPace() {
        AnswerBacklog backlog = new AnswerBacklog();
        Seen amd = new Seen();
        for (int i = 0; i < 3; i++) {
            backlog.onNoAudio();
        }
        for (int i = 0; i < 40; i++) {
            backlog.onFrame(frame(i), i % 2 == 0 ? frame(i) : null, i);
        }
        backlog.handTo(amd);
        int ticks = 0;
        for (int i = 40; i < 60; i++, ticks++) {
            backlog.onFrame(frame(i), frame(i), i);
            assertThat(amd.frames.size()).as("handed on per tick").isLessThanOrEqualTo((ticks + 1) * 9);
        }
        assertThat(amd.noAudio).as("the ticks before the first packet").isEqualTo(3);
        assertThat(amd.frames).as("every frame once, in order").isEqualTo(java.util.stream.IntStream.range(0, 60)
                .boxed().toList());
        assertThat(amd.sent.subList(0, 4)).containsExactly(true, false, true, false);
        assertThat(amd.sent.subList(40, 60)).containsOnly(true);
    }

    @Test
    void anAmdStartedAfterTheBacklogsReachHearsOnlyFromItsStart() {
        AnswerBacklog backlog = new AnswerBacklog();
        Seen amd = new Seen();
        int n = AnswerBacklog.MAX_FRAMES + 10;
        for (int i = 0; i < n; i++) {
            backlog.onFrame(frame(i), null, i);
        }
        backlog.handTo(amd);
        backlog.onFrame(frame(n), null, n);
        assertThat(amd.frames).containsExactly(n);
    }
}
