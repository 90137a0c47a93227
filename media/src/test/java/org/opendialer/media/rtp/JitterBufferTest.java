package org.opendialer.media.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.opendialer.media.codec.G711;

import static org.assertj.core.api.Assertions.assertThat;

class JitterBufferTest {

    private final JitterBuffer jb = new JitterBuffer(3, 32);
    private final short[] out = new short[160];

    /** A µ-law payload whose samples all decode to the code word for {@code n} (frame id). */
    private static ByteBuf frame(int n, int samples) {
        byte[] b = new byte[samples];
        java.util.Arrays.fill(b, (byte) (0x80 + n));
        return Unpooled.wrappedBuffer(b);
    }

    private void put(long ts32, int id) {
        ByteBuf b = frame(id, 160);
        jb.write(jb.unwrap(ts32), b, 0, 160, G711.PCMU);
    }

    private int readId() {
        jb.read(out);
        for (int id = 0; id < 127; id++) {
            if (out[0] == G711.PCMU.decode((byte) (0x80 + id))) {
                return id;
            }
        }
        return out[0] == 0 ? -1 : -2;
    }

    @Test
    void playsInOrderAfterThePrimingDelayDespiteReordering() {
        put(1000, 1);
        put(1000 + 320, 3);
        put(1000 + 160, 2);
        assertThat(readId()).isEqualTo(-1); // three priming frames
        assertThat(readId()).isEqualTo(-1);
        assertThat(readId()).isEqualTo(-1);
        assertThat(readId()).isEqualTo(1);
        assertThat(readId()).isEqualTo(2);
        assertThat(readId()).isEqualTo(3);
        assertThat(jb.framesConcealed()).isZero();
    }

    @Test
    void lostFrameIsConcealedAndCounted() {
        put(0, 1);
        put(320, 3);
        for (int i = 0; i < 4; i++) {
            readId();
        }
        jb.read(out);
        short expected = (short) (G711.PCMU.decode((byte) 0x81) >> 1);
        assertThat(out[0]).isEqualTo(expected); // last good frame at half amplitude
        assertThat(readId()).isEqualTo(3);
        assertThat(jb.framesConcealed()).isEqualTo(1);
    }

    @Test
    void latePacketIsDroppedAndTimestampWrapIsHandled() {
        long ts = 0xFFFFFFFFL - 159; // next frame wraps to 0
        put(ts, 1);
        put(0, 2);
        for (int i = 0; i < 5; i++) {
            readId();
        }
        put(ts, 9); // duplicate of an already played frame
        assertThat(jb.packetsLate()).isEqualTo(1);
        put(160, 3);
        assertThat(readId()).isEqualTo(3);
    }

    @Test
    void senderTimelineJumpResynchronises() {
        put(0, 1);
        for (int i = 0; i < 4; i++) {
            readId();
        }
        put(5_000_000, 5);
        assertThat(jb.resyncs()).isEqualTo(1);
        int seen = -1;
        for (int i = 0; i < 5 && seen != 5; i++) {
            seen = readId();
        }
        assertThat(seen).isEqualTo(5);
    }

    @Test
    void thirtyMillisecondPacketsFillFramesByTimestamp() {
        for (int p = 0; p < 4; p++) {
            ByteBuf b = frame(p + 1, 240);
            jb.write(jb.unwrap(p * 240L), b, 0, 240, G711.PCMU);
        }
        for (int i = 0; i < 3; i++) {
            readId();
        }
        assertThat(readId()).isEqualTo(1);
        jb.read(out); // samples 160..319: half packet 1, half packet 2
        assertThat(out[0]).isEqualTo(G711.PCMU.decode((byte) 0x81));
        assertThat(out[159]).isEqualTo(G711.PCMU.decode((byte) 0x82));
        assertThat(jb.framesConcealed()).isZero();
    }

    @Test
    void goesIdleWhenTheSenderStops() {
        put(0, 1);
        for (int i = 0; i < JitterBuffer.IDLE_FRAMES + 10; i++) {
            jb.read(out);
        }
        assertThat(jb.playing()).isFalse();
        assertThat(jb.read(out)).isFalse();
    }

    @Test
    void owedFramesAreReadOnlyOnceTheyHaveArrived() {
        put(0, 1);
        for (int i = 0; i < 4; i++) {
            readId(); // priming, then frame 1
        }
        jb.owe(3); // the reader missed three ticks; frames 2..4 are not here yet
        assertThat(jb.readOwed(out)).isFalse();
        put(160, 2);
        put(320, 3);
        assertThat(jb.readOwed(out)).isTrue();
        assertThat(out[0]).isEqualTo(G711.PCMU.decode((byte) 0x82));
        assertThat(jb.readOwed(out)).isTrue();
        assertThat(jb.readOwed(out)).as("frame 4 not arrived: left owed, not concealed").isFalse();
        put(480, 4);
        put(640, 5);
        assertThat(jb.readOwed(out)).isTrue();
        assertThat(jb.readOwed(out)).as("the debt is paid").isFalse();
        assertThat(readId()).isEqualTo(5);
        assertThat(jb.framesCaughtUp()).isEqualTo(3);
        assertThat(jb.framesConcealed() + jb.framesUnderrun()).isZero();
    }

    @Test
    void aResyncCountsTheUnplayedFramesItThrowsAwayAndCancelsTheDebt() {
        for (int f = 0; f < 10; f++) {
            put(160L * f, f + 1);
        }
        for (int i = 0; i < 5; i++) {
            readId(); // priming, then frames 1 and 2
        }
        jb.owe(4);
        put(160L * 40, 41); // 32 frames beyond the playout point: the ring overflows
        assertThat(jb.resyncs()).isEqualTo(1);
        assertThat(jb.framesDiscarded()).as("frames 3..10, received and never played").isEqualTo(8);
        assertThat(jb.readOwed(out)).isFalse();
    }
}
