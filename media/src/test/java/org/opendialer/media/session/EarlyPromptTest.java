package org.opendialer.media.session;

import org.junit.jupiter.api.Test;
import org.opendialer.media.MediaSession;
import org.opendialer.media.PlayOptions;
import org.opendialer.media.Playable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A prompt queued on an idle line leaves without waiting for the next media tick, in virtual time: the clock does
 * not move between the play and the first packet's arrival. Seen at the far end's socket (a {@code PacketTap}):
 * RTP timestamps continue by 160 per packet, the prompt's first packet carries the marker bit, and the frame sent
 * ahead is given back at the next idle tick, so the packet count again matches the ticks.
 */
class EarlyPromptTest {

    /** One received packet: timestamp, marker, RMS. */
    record Packet(long ts, boolean marker, int rms) {
    }

    @Test
    void aPromptOnAnIdleLineLeavesAtOnceWithContinuousTimestampsAndAMarker() throws Exception {
        try (Loopback net = new Loopback(4)) {
            MediaSession a = net.leg("a");
            MediaSession b = net.leg("b");
            Loopback.connect(a, b);
            List<Packet> atA = Collections.synchronizedList(new ArrayList<>());
            a.addPacketTap((pcm, n, ts, marker) -> {
                long sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += (long) pcm[i] * pcm[i];
                }
                atA.add(new Packet(ts, marker, (int) Math.sqrt(sum / (double) n)));
            });
            net.run(10); // silence both ways
            int before = atA.size();
            assertThat(before).isEqualTo(10);

            b.play(Playable.Tone.single(1000, Duration.ofMillis(100)), PlayOptions.DEFAULT);
            Loopback.await(() -> atA.size() == before + 1, "the prompt's first packet, with no tick");
            Packet first = atA.get(before);
            assertThat(first.rms()).as("tone, not silence").isGreaterThan(1000);
            assertThat(first.marker()).as("talkspurt start (RFC 3551 §4.1)").isTrue();

            net.run(10); // 4 more tone frames, the tick that gives the early frame back, then silence
            List<Packet> all = List.copyOf(atA);
            assertThat(all).hasSize(before + 10);
            for (int i = 1; i < all.size(); i++) {
                assertThat(all.get(i).ts()).as("packet %d", i).isEqualTo((all.get(i - 1).ts() + 160) & 0xFFFFFFFFL);
            }
            assertThat(all.subList(1, all.size())).filteredOn(Packet::marker).containsExactly(first);
            assertThat(all).filteredOn(p -> p.rms() > 1000).hasSize(5);
        }
    }

    @Test
    void aPromptQueuedBehindAnotherWaitsForItsTurn() throws Exception {
        try (Loopback net = new Loopback(4)) {
            MediaSession a = net.leg("a");
            MediaSession b = net.leg("b");
            Loopback.connect(a, b);
            net.run(3);
            b.play(Playable.Tone.single(1000, Duration.ofMillis(60)), PlayOptions.DEFAULT);
            Loopback.await(() -> a.stats().packetsIn() == 4, "first prompt's first packet");
            b.play(Playable.Tone.single(500, Duration.ofMillis(60)), PlayOptions.DEFAULT);
            net.run(8);
            // 3 silence + 1 early + 8 ticks - 1 given back: the second prompt took no slot ahead
            assertThat(a.stats().packetsIn()).isEqualTo(3 + 8);
        }
    }
}
