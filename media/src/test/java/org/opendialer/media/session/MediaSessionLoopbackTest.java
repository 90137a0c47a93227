package org.opendialer.media.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.media.CollectOptions;
import org.opendialer.media.DtmfEvent;
import org.opendialer.media.DtmfMode;
import org.opendialer.media.DtmfSource;
import org.opendialer.media.MediaBridge;
import org.opendialer.media.MediaSession;
import org.opendialer.media.PlayOptions;
import org.opendialer.media.PlayResult;
import org.opendialer.media.Playable;
import org.opendialer.media.Recording;
import org.opendialer.media.RecordingLimits;
import org.opendialer.media.play.WavFile;
import org.opendialer.media.testutil.Signals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two or four legs in one process exchanging RTP over real Netty sockets on 127.0.0.1, in virtual time. */
class MediaSessionLoopbackTest {

    @Test
    void audioAndDtmfFlowBothWaysInBothModes() throws Exception {
        try (Loopback net = new Loopback(8)) {
            MediaSession a = net.leg("a");
            MediaSession b = net.leg("b");
            Loopback.connect(a, b);
            Loopback.Frames heardByA = new Loopback.Frames();
            a.addTap(heardByA);
            List<DtmfEvent> atA = Loopback.digits(a);
            List<DtmfEvent> atB = Loopback.digits(b);
            b.play(Playable.Tone.single(1000, Duration.ofMillis(400)), PlayOptions.DEFAULT);
            net.run(30);
            a.sendDtmf('5', DtmfMode.RFC4733);
            a.sendDtmf('#', DtmfMode.INBAND);
            b.sendDtmf('7', DtmfMode.INBAND);
            b.sendDtmf('2', DtmfMode.RFC4733);
            net.run(60);

            assertThat(atB).extracting(DtmfEvent::digit, DtmfEvent::source).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple('5', DtmfSource.RFC4733),
                    org.assertj.core.groups.Tuple.tuple('#', DtmfSource.INBAND));
            assertThat(atA).extracting(DtmfEvent::digit, DtmfEvent::source).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple('7', DtmfSource.INBAND),
                    org.assertj.core.groups.Tuple.tuple('2', DtmfSource.RFC4733));
            assertThat(atB).filteredOn(e -> e.source() == DtmfSource.RFC4733).first()
                    .extracting(DtmfEvent::durationMs).isEqualTo(100);
            short[] heard = heardByA.all();
            assertThat(heardByA.inOrder).isTrue();
            assertThat(Signals.toneShare(heard, 160 * 10, 1600, 1000)).isGreaterThan(0.9);
            assertThat(a.stats().packetsLost()).isZero();
            assertThat(a.stats().framesConcealed()).isZero();
            assertThat(b.stats().packetsIn()).isEqualTo(90 + 2); // one per tick, plus two redundant end packets
        }
    }

    @Test
    void latchingSendsToThePacketsSourceNeverToANonLoopbackSdpAddress() throws Exception {
        try (Loopback net = new Loopback(8)) {
            MediaSession a = net.leg("a");
            MediaSession b = net.leg("b");
            String offer = a.createOffer().replace("127.0.0.1", "192.0.2.1"); // TEST-NET-1, behind a NAT
            String answer = b.answer(offer);
            net.run(1); // a has no answer yet, so only b sends: towards 192.0.2.1
            assertThat(b.stats().sendsBlocked()).isEqualTo(1); // not sent: would leave the host
            assertThat(b.stats().packetsOut()).isZero();
            a.acceptAnswer(answer);
            net.run(2); // b latches onto a's first packet (within this tick or the next, by loop order)
            long blocked = b.stats().sendsBlocked();
            assertThat(blocked).isBetween(1L, 2L);
            long heard = a.stats().packetsIn();
            net.run(10);
            assertThat(b.stats().sendsBlocked()).isEqualTo(blocked); // all later packets go to 127.0.0.1
            assertThat(a.stats().packetsIn()).isEqualTo(heard + 10);
        }
    }

    @Test
    void bargeInCollectAndVirtualTimeTimeouts() throws Exception {
        try (Loopback net = new Loopback(8)) {
            MediaSession a = net.leg("a");
            MediaSession b = net.leg("b");
            Loopback.connect(a, b);
            CompletableFuture<PlayResult> ring = b.play(Playable.Tone.ringback(Duration.ofSeconds(30)),
                    PlayOptions.BARGE_IN).toCompletableFuture();
            net.run(10);
            a.sendDtmf('3', DtmfMode.RFC4733);
            net.run(10);
            assertThat(ring).isCompleted();
            assertThat(ring.get().outcome()).isEqualTo(PlayResult.Outcome.INTERRUPTED);
            assertThat(ring.get().digit()).isEqualTo('3');

            CompletableFuture<String> menu = b.playAndCollect(Playable.Tone.single(440, Duration.ofSeconds(2)),
                    CollectOptions.digits(4)).toCompletableFuture();
            net.run(5);
            for (char c : "12#".toCharArray()) {
                a.sendDtmf(c, DtmfMode.RFC4733);
            }
            net.run(40);
            // the 3 that stopped the ringback was typed ahead: the menu takes it first
            assertThat(menu.get(1, TimeUnit.SECONDS)).isEqualTo("312");

            net.assertNoDigitFor(b);
        }
    }

    @Test
    void signalledDigitsInterruptAPromptAndAreCollectedWithTheirSource() throws Exception {
        try (Loopback net = new Loopback(8)) {
            MediaSession a = net.leg("a");
            MediaSession b = net.leg("b");
            Loopback.connect(a, b);
            List<DtmfEvent> atB = Loopback.digits(b);
            CompletableFuture<String> menu = b.playAndCollect(Playable.Tone.single(440, Duration.ofSeconds(2)),
                    CollectOptions.digits(4)).toCompletableFuture();
            net.run(5);
            for (char c : "47#".toCharArray()) {
                b.signalDigit(c, 160); // as SIP INFO hands them in: no RTP at all
            }
            net.run(5);
            assertThat(menu.get(1, TimeUnit.SECONDS)).isEqualTo("47");
            assertThat(atB).extracting(DtmfEvent::digit, DtmfEvent::source).containsExactly(
                    org.assertj.core.groups.Tuple.tuple('4', DtmfSource.SIP_INFO),
                    org.assertj.core.groups.Tuple.tuple('7', DtmfSource.SIP_INFO),
                    org.assertj.core.groups.Tuple.tuple('#', DtmfSource.SIP_INFO));
        }
    }

    @Test
    void holdMakesTheHeldSideStopSending() throws Exception {
        try (Loopback net = new Loopback(8)) {
            MediaSession a = net.leg("a");
            MediaSession b = net.leg("b");
            Loopback.connect(a, b);
            net.run(5);
            b.hold();
            String reinvite = b.createOffer();
            assertThat(reinvite).contains("a=sendonly").contains("o=opendialer ").doesNotContain(" 1 IN IP4");
            String answer = a.answer(reinvite);
            assertThat(answer).contains("a=recvonly");
            b.acceptAnswer(answer);
            long before = a.stats().packetsOut();
            net.run(10);
            assertThat(a.stats().packetsOut()).isEqualTo(before);
            b.unhold();
            a.acceptAnswer(b.answer(a.createOffer()));
            net.run(5);
            assertThat(a.stats().packetsOut()).isEqualTo(before + 5);
        }
    }

    @Test
    void bridgedLegsCarryAudioAndDtmfWithTapsAndRecordingActive(@TempDir Path dir) throws Exception {
        try (Loopback net = new Loopback(8)) {
            MediaSession caller = net.leg("caller");
            MediaSession inbound = net.leg("inbound");   // our leg towards the caller
            MediaSession outbound = net.leg("outbound"); // our leg towards the agent
            MediaSession agent = net.leg("agent");
            Loopback.connect(caller, inbound);
            Loopback.connect(outbound, agent);
            Loopback.Frames tapIn = new Loopback.Frames();
            Loopback.Frames tapOut = new Loopback.Frames();
            Loopback.Frames heardByAgent = new Loopback.Frames();
            inbound.addTap(tapIn);
            outbound.addTap(tapOut);
            agent.addTap(heardByAgent);
            List<DtmfEvent> atInbound = Loopback.digits(inbound);
            List<DtmfEvent> atCaller = Loopback.digits(caller);
            MediaBridge.bridge(inbound, outbound);
            Recording rec = inbound.record(dir.resolve("call.wav"), RecordingLimits.of(Duration.ofSeconds(60)));
            caller.play(Playable.Tone.single(600, Duration.ofMillis(600)), PlayOptions.DEFAULT);
            net.run(40);
            caller.sendDtmf('9', DtmfMode.INBAND);
            net.run(20);
            agent.sendDtmf('4', DtmfMode.INBAND); // after the 9: the recording mixes both directions
            net.run(30);
            Recording.Result result = rec.stop().toCompletableFuture().get(2, TimeUnit.SECONDS);

            short[] agentHeard = heardByAgent.all();
            assertThat(Signals.toneShare(agentHeard, 160 * 15, 1600, 600)).isGreaterThan(0.8);
            assertThat(atInbound).extracting(DtmfEvent::digit).containsExactly('9'); // tap on a bridged leg
            assertThat(atCaller).extracting(DtmfEvent::digit).containsExactly('4');  // through the bridge
            assertThat(tapIn.frames.size()).isGreaterThan(70);
            assertThat(tapOut.frames.size()).isGreaterThan(70);
            assertThat(result.reason()).isEqualTo(Recording.Reason.STOPPED);
            short[] wav = WavFile.read(result.path());
            assertThat(wav.length).isEqualTo((int) result.frames() * 160);
            assertThat(Signals.detect(wav)).isEqualTo("94"); // both directions are in the recording

            MediaBridge.unbridge(inbound);
            int before = heardByAgent.frames.size();
            caller.play(Playable.Tone.single(600, Duration.ofMillis(400)), PlayOptions.DEFAULT);
            net.run(20);
            short[] after = heardByAgent.all();
            assertThat(Signals.toneShare(after, before * 160 + 160 * 8, 1600, 600)).isLessThan(0.1);
        }
    }

    @Test
    void recordingStopsAtItsLimit(@TempDir Path dir) throws Exception {
        try (Loopback net = new Loopback(4)) {
            MediaSession a = net.leg("a");
            MediaSession b = net.leg("b");
            Loopback.connect(a, b);
            Recording rec = b.record(dir.resolve("r.wav"), new RecordingLimits(Duration.ofMillis(400), 1 << 20, false));
            net.run(40);
            Recording.Result r = rec.done().toCompletableFuture().get(2, TimeUnit.SECONDS);
            assertThat(r.reason()).isEqualTo(Recording.Reason.DURATION);
            assertThat(r.frames()).isEqualTo(20);
            assertThat(WavFile.read(r.path())).hasSize(20 * 160);

            Recording small = b.record(dir.resolve("s.wav"), new RecordingLimits(null, 3200, true));
            net.run(15);
            Recording.Result s = small.done().toCompletableFuture().get(2, TimeUnit.SECONDS);
            assertThat(s.reason()).isEqualTo(Recording.Reason.SIZE);
            assertThat(s.dataBytes()).isEqualTo(3200);
            assertThat(java.nio.file.Files.size(s.path())).isEqualTo(44 + 3200);
        }
    }

    @Test
    void firstAudioIsStampedWithTheMediaClock() throws Exception {
        try (Loopback net = new Loopback(4)) {
            MediaSession a = net.leg("a");
            MediaSession b = net.leg("b");
            Loopback.connect(a, b);
            net.run(3);
            assertThat(a.firstAudioSentAtNanos()).isEqualTo(-1);
            long before = net.clock.nanoTime();
            var first = a.firstAudioSent().toCompletableFuture();
            a.play(Playable.Tone.single(800, Duration.ofMillis(100)), PlayOptions.DEFAULT).toCompletableFuture()
                    .get(2, TimeUnit.SECONDS); // tones load instantly; completion needs ticks, so just queueing here
        } catch (java.util.concurrent.TimeoutException expected) {
            // playback cannot complete without ticks: covered below with ticks
        }
        try (Loopback net = new Loopback(4)) {
            MediaSession a = net.leg("a");
            MediaSession b = net.leg("b");
            Loopback.connect(a, b);
            net.run(3);
            long before = net.clock.nanoTime();
            CompletableFuture<PlayResult> done = a.play(Playable.Tone.single(800, Duration.ofMillis(100)),
                    PlayOptions.DEFAULT).toCompletableFuture();
            long first = a.firstAudioSent().toCompletableFuture().get(1, TimeUnit.SECONDS);
            assertThat(first).isEqualTo(before); // on an idle line, at once: no tick has passed
            net.run(8);
            assertThat(done.get(1, TimeUnit.SECONDS).outcome()).isEqualTo(PlayResult.Outcome.COMPLETED);
            assertThat(done.get().framesPlayed()).isEqualTo(5);
        }
    }

    @Test
    void rtcpReportsFlowEveryFiveSecondsOfMediaTime() throws Exception {
        try (Loopback net = new Loopback(4)) {
            MediaSession a = net.leg("a");
            MediaSession b = net.leg("b");
            Loopback.connect(a, b);
            net.run(240);
            assertThat(a.stats().rtcpOut()).isZero();
            net.run(20);
            assertThat(a.stats().rtcpOut()).isEqualTo(1);
            assertThat(b.stats().rtcpIn()).isEqualTo(1);
            assertThat(b.stats().remoteFractionLost()).isZero(); // a's receiver report about b's stream
            assertThat(a.stats().jitterMs()).isLessThan(20.0);
        }
    }

    @Test
    void portsAreReleasedAndExhaustionIsReportedClearly() {
        try (Loopback net = new Loopback(3, false)) {
            List<MediaSession> legs = new java.util.ArrayList<>();
            Throwable full = org.assertj.core.api.Assertions.catchThrowable(() -> {
                for (int i = 0; i < 10; i++) {
                    legs.add(net.server.createSession("leg" + i));
                }
            });
            // three pairs configured (fewer usable only if another process holds one of the ports)
            assertThat(legs).hasSizeBetween(1, 3);
            assertThat(full).isInstanceOf(IllegalStateException.class).hasMessageContaining("exhausted")
                    .hasMessageContaining(legs.size() + " legs active");
            for (MediaSession s : legs) {
                s.close();
                s.close(); // idempotent
            }
            Loopback.await(() -> net.server.activeSessions() == 0, "ports released");
            MediaSession again = net.server.createSession("5");
            assertThat(again.localRtpPort() % 2).isZero();
            again.close();
        }
    }
}
