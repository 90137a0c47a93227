package org.opendialer.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.opendialer.media.FrameTap;
import org.opendialer.media.Playable;
import org.opendialer.sip.Q850;

/**
 * Two outbound sessions bridged, checked by what each far end HEARS: the far ends are inbound sessions of a second
 * server (its own SIP stack and media engine on loopback), each playing its own tone (700 Hz behind one number,
 * 1300 Hz behind the other) and metering the received audio with a frame tap.
 */
class BridgeAudioTest {

    private static final double TONE_A = 700;
    private static final double TONE_B = 1300;

    /** Frames a far end received that are dominated by each of the two tones. */
    static final class Ear implements FrameTap {
        final AtomicInteger heardA = new AtomicInteger();
        final AtomicInteger heardB = new AtomicInteger();

        @Override
        public void onFrame(short[] pcm160, long frameIndex) {
            if (Audio.toneShare(pcm160, TONE_A) > 0.7) {
                heardA.incrementAndGet();
            }
            if (Audio.toneShare(pcm160, TONE_B) > 0.7) {
                heardB.incrementAndGet();
            }
        }
    }

    @Test
    void bridgedSessionsCarryEachFarEndsToneToTheOtherAndStopWhenUnbridged() throws Exception {
        try (Rig far = Rig.start(Rig.trunk("near", 5060, "n"));
             Rig near = Rig.start(Rig.trunk("far", far.sip.port(), "f"))) {
            Map<String, Ear> ears = new ConcurrentHashMap<>();
            far.sessions.route("*", session -> {
                String did = session.inbound().orElseThrow().did();
                Ear ear = new Ear();
                session.media().addTap(ear);
                ears.put(did, ear);
                session.answer().thenRun(() -> session.play(Playable.Tone.single(
                        did.endsWith("1") ? TONE_A : TONE_B, Duration.ofSeconds(60))));
            });
            Ear nearA = new Ear();
            Recorder eventsA = new Recorder();
            Recorder eventsB = new Recorder();
            CallSession a = near.sessions.originate(OriginateSpec.toNumber("+12015550001").withTrunkGroup("f"),
                    eventsA);
            CallSession b = near.sessions.originate(OriginateSpec.toNumber("+12015550002").withTrunkGroup("f"),
                    eventsB);
            a.media().addTap(nearA);
            a.answered().get(10, TimeUnit.SECONDS);
            b.answered().get(10, TimeUnit.SECONDS);
            awaitTrue(() -> ears.size() == 2, "both far ends answered");
            Ear farA = ears.get("+12015550001");
            Ear farB = ears.get("+12015550002");

            // not bridged: each leg hears its own far end only, the far ends hear nothing of each other
            awaitTrue(() -> nearA.heardA.get() >= 25, "session a hears its far end's tone");
            assertThat(farA.heardB.get()).isZero();
            assertThat(farB.heardA.get()).isZero();

            a.bridge(b).get(5, TimeUnit.SECONDS);
            assertThat(a.partner()).containsSame(b);
            assertThat(b.partner()).containsSame(a);
            eventsA.await(SessionEvent.Bridged.class, e -> e.otherCallId().equals(b.callId()), 5);
            eventsB.await(SessionEvent.Bridged.class, e -> e.otherCallId().equals(a.callId()), 5);
            awaitTrue(() -> farA.heardB.get() >= 25, "far end A hears B's 1300 Hz through the bridge");
            awaitTrue(() -> farB.heardA.get() >= 25, "far end B hears A's 700 Hz through the bridge");

            a.unbridge().get(5, TimeUnit.SECONDS);
            eventsA.await(SessionEvent.Unbridged.class, 5);
            eventsB.await(SessionEvent.Unbridged.class, 5);
            assertThat(a.partner()).isEmpty();
            Thread.sleep(200); // frames already in the jitter buffers
            int aHeardB = farA.heardB.get();
            int bHeardA = farB.heardA.get();
            Thread.sleep(1000);
            assertThat(farA.heardB.get() - aHeardB).as("B's tone at A after unbridge").isLessThanOrEqualTo(2);
            assertThat(farB.heardA.get() - bHeardA).as("A's tone at B after unbridge").isLessThanOrEqualTo(2);

            // lifetimes are untied too: hanging up a leaves b up
            a.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
            Thread.sleep(1000);
            assertThat(b.ended()).isNotDone();
            b.hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void whenOneBridgedSessionEndsTheOtherIsHungUpWithIt() throws Exception {
        try (Rig far = Rig.start(Rig.trunk("near", 5060, "n"));
             Rig near = Rig.start(Rig.trunk("far", far.sip.port(), "f"))) {
            Map<String, CallSession> farEnds = new ConcurrentHashMap<>();
            far.sessions.route("*", session -> {
                farEnds.put(session.inbound().orElseThrow().did(), session);
                session.answer();
            });
            CallSession a = near.sessions.originate(OriginateSpec.toNumber("+12015550001").withTrunkGroup("f"));
            CallSession b = near.sessions.originate(OriginateSpec.toNumber("+12015550002").withTrunkGroup("f"));
            a.answered().get(10, TimeUnit.SECONDS);
            b.answered().get(10, TimeUnit.SECONDS);
            a.bridge(b).get(5, TimeUnit.SECONDS);
            awaitTrue(() -> farEnds.size() == 2, "both far ends answered");
            farEnds.get("+12015550001").hangup(Q850.NORMAL_CLEARING).get(10, TimeUnit.SECONDS);
            SessionEvent.Ended endA = a.ended().get(10, TimeUnit.SECONDS);
            SessionEvent.Ended endB = b.ended().get(10, TimeUnit.SECONDS);
            assertThat(endA.side()).isEqualTo(org.opendialer.sip.HangupSide.REMOTE);
            assertThat(endB.side()).isEqualTo(org.opendialer.sip.HangupSide.LOCAL);
            assertThat(near.sessions.active()).isZero();
        }
    }

    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
